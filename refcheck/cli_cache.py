"""``refcheck cache``: the cache of registry and URL lookups (see :mod:`refcheck.cli`)."""

from __future__ import annotations

import typer

from refcheck.cli_online import CacheDirOpt
from refcheck.resolve.cache import Cache, CacheInfo, cache_file

cache_app = typer.Typer(no_args_is_help=True, help="The cache of registry and URL lookups.")


@cache_app.command("info")
def cache_info(cache_dir: CacheDirOpt = None) -> None:
    """Where the cache is, its size and its entries per kind of lookup."""
    if not cache_file(cache_dir).exists():
        typer.echo(f"cache: {cache_file(cache_dir)} (none yet)")
        return
    with Cache.open(cache_dir) as cache:
        typer.echo(cache_info_text(cache.info()))


def cache_info_text(info: CacheInfo) -> str:
    lines = [f"cache: {info.path} ({info.bytes / 1024:.1f} KiB)"]
    width = max((len(namespace) for namespace in info.entries), default=0)
    lines += [f"  {name.ljust(width)}  {count}" for name, count in sorted(info.entries.items())]
    lines.append(f"entries: {sum(info.entries.values())}, expired: {info.expired}")
    return "\n".join(lines)


@cache_app.command("clear")
def cache_clear(cache_dir: CacheDirOpt = None) -> None:
    """Remove every cached lookup."""
    path = cache_file(cache_dir)
    if not path.exists():
        typer.echo(f"cache: {path} (none yet)")
        return
    with Cache.open(cache_dir) as cache:
        removed = cache.clear()
    typer.echo(f"removed {removed} entries from {path}")
