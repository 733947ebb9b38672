"""Configuration files: ``refcheck.toml`` or ``[tool.refcheck]`` in ``pyproject.toml``.

Keys are the :class:`~refcheck.config.Settings` fields in kebab-case (``cache-dir``), read
generically from the field types, so a field added to ``Settings`` is a key at once. A boolean
field named ``use_x`` or ``check_x`` is also accepted negated, as ``no-x``, like its flag.
Precedence: flags given on the command line, then the file, then the defaults. Unknown keys and
bad values are errors that name the file, the key and what is allowed.
"""

from __future__ import annotations

import dataclasses
import difflib
import enum
import sys
import types
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

from refcheck.config import SOURCE_NAMES, Settings
from refcheck.errors import UsageError
from refcheck.model import Severity
from refcheck.rules import ALL_RULES

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

CONFIG_FILE = "refcheck.toml"
PYPROJECT = "pyproject.toml"
# Not settings of a project: how one run is debugged, and what `refcheck extract` switches off.
INTERNAL_FIELDS = frozenset({"debug", "run_rules", "quiet"})
NEGATABLE_PREFIXES = ("use_", "check_")
# Every number must be positive; these need more to be usable.
MINIMUMS: Mapping[str, float] = {
    "memory_mb": 256,
    "timeout": 1,
    "online_timeout": 1,
    "max_pages": 1,
    "workers": 1,
}
RULE_PATTERN_FIELDS = frozenset({"select", "ignore"})
NEVER = "never"  # an optional severity set to "never" is None: `fail-on = "never"`


class ConfigError(UsageError):
    """A configuration file or a setting is wrong; the message names the key and the fix."""

    kind = "config"


@dataclasses.dataclass(frozen=True)
class Key:
    """One accepted key: the Settings field it sets, and whether it sets the field's negation."""

    field: str
    negated: bool = False


def _field_types() -> dict[str, Any]:
    hints = get_type_hints(Settings)
    return {f.name: hints[f.name] for f in dataclasses.fields(Settings)}


def config_keys(separator: str = "-") -> dict[str, Key]:
    """Every accepted key (kebab-case for files, ``separator="_"`` for keyword arguments)."""
    keys: dict[str, Key] = {}
    for name, hint in _field_types().items():
        if name in INTERNAL_FIELDS:
            continue
        keys[name.replace("_", separator)] = Key(name)
        prefix = next((p for p in NEGATABLE_PREFIXES if name.startswith(p)), None)
        if hint is bool and prefix is not None:
            keys["no" + separator + name[len(prefix) :].replace("_", separator)] = Key(name, True)
    return keys


def find_config(start: Path) -> Path | None:
    """The nearest ``refcheck.toml``, or ``pyproject.toml`` with ``[tool.refcheck]``, upwards.

    In one directory ``refcheck.toml`` wins; a ``pyproject.toml`` without the table is passed
    over, so a project's own packaging file never hides a configuration further up.
    """
    for directory in (start, *start.parents):
        candidate = directory / CONFIG_FILE
        if candidate.is_file():
            return candidate
        candidate = directory / PYPROJECT
        if candidate.is_file() and "refcheck" in _parse(candidate).get("tool", {}):
            return candidate
    return None


def _parse(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
            return data
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration file ({exc.strerror})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc


def read_config(path: Path) -> dict[str, Any]:
    """The settings a file sets, by field name, checked; relative paths are the file's."""
    data = _parse(path)
    where = f"{path}: "
    if path.name == PYPROJECT:
        table = data.get("tool", {}).get("refcheck")
        if table is None:
            raise ConfigError(f"{path}: has no [tool.refcheck] table")
        where_table = " in [tool.refcheck]"
    else:
        table, where_table = data, ""
    if not isinstance(table, dict):
        raise ConfigError(f"{where}[tool.refcheck] must be a table")
    values = coerce_settings(table, source=where, in_table=where_table)
    return _anchor(values, path.parent.resolve())


def _anchor(values: dict[str, Any], base: Path) -> dict[str, Any]:
    """Directories and path patterns in a file are relative to the file, not to the caller."""
    anchored = dict(values)
    for name, value in values.items():
        if name.endswith("_dir") and isinstance(value, str):
            anchored[name] = str(base / Path(value).expanduser())
    if "per_path_ignores" in values:
        anchored["per_path_ignores"] = tuple(
            (str(base / pattern) if "/" in pattern else pattern, codes)
            for pattern, codes in values["per_path_ignores"]
        )
    return anchored


def coerce_settings(
    values: Mapping[str, Any],
    *,
    source: str = "",
    in_table: str = "",
    separator: str = "-",
    as_flags: bool = False,
) -> dict[str, Any]:
    """Check keys and values against the Settings fields; returns values by field name.

    ``source`` prefixes every message (a file's path); ``separator`` is ``-`` for files and
    ``_`` for keyword arguments of :func:`refcheck.check` and for flags (``as_flags`` names
    them ``--key`` in messages).
    """
    keys = config_keys(separator)
    types_by_field = _field_types()
    result: dict[str, Any] = {}
    set_by: dict[str, str] = {}
    for key, value in values.items():
        if key not in keys:
            raise ConfigError(f"{source}unknown key {key!r}{in_table}; {_suggest(key, keys)}")
        target = keys[key]
        if target.field in set_by:
            raise ConfigError(
                f"{source}{set_by[target.field]!r} and {key!r} both set {target.field!r}; keep one"
            )
        set_by[target.field] = key
        where = "--" + key.replace("_", "-") if as_flags else f"{source}{key!r}"
        typed = _coerce(value, types_by_field[target.field], where)
        result[target.field] = (not typed) if target.negated else typed
        _check_value(target.field, result[target.field], where)
    return result


def _suggest(key: str, keys: Mapping[str, Key]) -> str:
    close = difflib.get_close_matches(key, list(keys), n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    return "allowed keys: " + ", ".join(sorted(keys))


def _describe(hint: Any) -> str:
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        described = _describe(options[0])
        return described[:-1] + f", {NEVER!r})" if options[0] is Severity else described
    if origin is tuple and _is_table(args):
        return f"a table whose values are {_describe(get_args(args[0])[1])}"
    if origin is tuple:
        return "a list of strings" if args[0] is str else f"a list of {_describe(args[0])}"
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return "one of (" + ", ".join(repr(m.value) for m in hint) + ")"
    names = {bool: "true or false", int: "a whole number", float: "a number", str: "a string"}
    return names.get(hint, str(hint))


def _is_table(args: tuple[Any, ...]) -> bool:
    """``tuple[tuple[str, X], ...]``: a table (key → X) kept as frozen pairs."""
    return (
        len(args) == 2
        and args[1] is Ellipsis
        and get_origin(args[0]) is tuple
        and len(get_args(args[0])) == 2
        and get_args(args[0])[0] is str
    )


def _coerce(value: Any, hint: Any, where: str) -> Any:
    """``value`` as the type ``hint`` asks for; lists become tuples, tables pairs of tuples."""
    origin, args = get_origin(hint), get_args(hint)
    wrong = ConfigError(f"{where} must be {_describe(hint)}, not {value!r}")
    if origin in (Union, types.UnionType):
        option = next(a for a in args if a is not type(None))
        if value is None or (option is Severity and value == NEVER):
            return None
        try:
            return _coerce(value, option, where)
        except ConfigError:
            raise wrong from None
    if origin is tuple and _is_table(args):
        if not isinstance(value, Mapping):
            raise wrong
        item = get_args(args[0])[1]
        return tuple((str(k), _coerce(v, item, f"{where}[{k!r}]")) for k, v in value.items())
    if origin is tuple:
        if isinstance(value, str) or not isinstance(value, (list, tuple)):
            raise wrong
        return tuple(_coerce(v, args[0], where) for v in value)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        try:
            return hint(value)
        except ValueError:
            raise wrong from None
    if hint is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(hint, type) and isinstance(value, hint) and not _bool_as_number(value, hint):
        return value
    raise wrong


def _bool_as_number(value: Any, hint: type) -> bool:
    return isinstance(value, bool) and hint is not bool


def _check_value(name: str, value: Any, where: str) -> None:
    """What the type cannot say: positive numbers, known rule codes, URLs."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        minimum = MINIMUMS.get(name, 0)
        if value < minimum or value <= 0:
            at_least = f"at least {minimum:g}" if minimum else "more than 0"
            raise ConfigError(f"{where} must be {at_least}, not {value!r}")
    if name in RULE_PATTERN_FIELDS:
        _check_rule_patterns(value, where)
    elif name == "severity":
        _check_rule_patterns([code for code, _ in value], where)
    elif name == "per_path_ignores":
        for pattern, codes in value:
            _check_rule_patterns(codes, f"{where}[{pattern!r}]")
    elif name == "sources":
        unknown = sorted(set(value) - set(SOURCE_NAMES))
        if unknown:
            raise ConfigError(f"{where}: {unknown[0]!r} is no source; known: {SOURCE_NAMES}")
    elif name.endswith("_url") and isinstance(value, str) and "://" not in value:
        raise ConfigError(f"{where} must be a URL such as 'https://host', not {value!r}")


def _check_rule_patterns(patterns: Any, where: str) -> None:
    for pattern in patterns:
        upper = str(pattern).strip().upper()
        if not upper or not any(
            r.code.startswith(upper) or r.name == str(pattern).lower() for r in ALL_RULES
        ):
            raise ConfigError(
                f"{where}: {pattern!r} matches no rule code or prefix; `refcheck rules` lists them"
            )


def load_settings(
    flags: Mapping[str, Any] | None = None,
    *,
    config: Path | None = None,
    search_from: Path | None = None,
    base: Settings | None = None,
) -> Settings:
    """Settings from the defaults (or ``base``), then the file, then the flags given.

    ``config`` names the file (no search); otherwise the nearest file upwards from
    ``search_from`` is read, and without ``search_from`` no file is read. ``flags`` holds only
    what the user gave, by field name: a flag left out never overrides the file.
    """
    path = config if config is not None else (find_config(search_from) if search_from else None)
    if config is not None and not config.is_file():
        raise ConfigError(f"{config}: no such configuration file (--config)")
    from_file = read_config(path) if path is not None else {}
    given = {name: value for name, value in (flags or {}).items() if value is not None}
    internal = {name: given.pop(name) for name in INTERNAL_FIELDS if name in given}
    checked = coerce_settings(given, separator="_", as_flags=True)
    return dataclasses.replace(base or Settings(), **{**from_file, **checked, **internal})
