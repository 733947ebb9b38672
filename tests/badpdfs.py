"""Deterministic generator of bad and awkward input files for the bad-input tests.

``build_bad_pdfs(outdir)`` writes one file per way an input can go wrong (empty, not a PDF,
corrupt, truncated, encrypted, scanned, too long, hostile), plus a good PDF and a PDF encrypted
with only an owner password, which opens without a password and must be checked normally.

Everything is generated in a fraction of a second. The bytes are the same on every run, except
for the two encrypted files: qpdf draws their keys and salts at random, so only their content
and behaviour are fixed.

Run ``python tests/badpdfs.py OUTDIR`` to write the set to OUTDIR.
"""

from __future__ import annotations

import io
import random
import re
import struct
import sys
import zlib
from datetime import datetime, timezone
from pathlib import Path

import pikepdf
from fpdf import FPDF
from PIL import Image, ImageDraw

FIXED_DATE = datetime(2020, 6, 1, 12, 0, 0, tzinfo=timezone.utc)

GOOD_MASTHEAD = "Journal of Testing, Vol. 3, No. 2 (2020)"
GOOD_DOI = "10.5555/good.2020.1"
GOOD_TITLE = "Budgets for Hostile Input in Citation Checkers"

# spin.pdf: one page whose content stream repeats SPIN_OPERATORS (a 1 pt square path that is
# ended without being painted) about thirty million times. PDFium parses it for seconds (about
# 9 s on an idle 2-core machine; 120 chunks took only 3 s there, too close to the tests' 2-3 s
# budgets) but creates no page object, so it needs little memory beyond the 375 MB of
# decompressed stream; the file is small because the stream compresses well. Of the operators
# tried, this one costs PDFium the most time per byte.
SPIN_OPERATORS = b"0 0 1 1 re n "
SPIN_CHUNK_REPEAT = 80_000  # about 1 MB
SPIN_CHUNKS = 360
HUGE_PAGES = 600

BODY = (
    "This synthetic article exists so that the bad-input tests have one file that is "
    "perfectly ordinary. It has a masthead with a volume, an issue and a year, a DOI, a "
    "title, authors and a few paragraphs of running text, which together give the reader "
    "far more words than it needs to decide that the page has a text layer. Nothing in it "
    "should make the checker fail, and its metadata should come out of a batch intact no "
    "matter which broken files sit before or after it on the command line."
)


def _fpdf() -> FPDF:
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_creator("refcheck tests/badpdfs.py")
    pdf.set_producer("refcheck tests/badpdfs.py")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_margins(20, 20, 20)
    return pdf


def good_pdf_bytes() -> bytes:
    """A normal two-page article with a masthead line and a DOI."""
    pdf = _fpdf()
    pdf.set_title(GOOD_TITLE)
    pdf.set_author("Ada Example; Bo Sample")
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    pdf.cell(0, 5, GOOD_MASTHEAD, new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 5, f"https://doi.org/{GOOD_DOI}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, GOOD_TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 6, "Ada Example and Bo Sample", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("Helvetica", size=10)
    for _ in range(3):
        pdf.multi_cell(0, 5, BODY, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 6, "Discussion", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    for _ in range(2):
        pdf.multi_cell(0, 5, BODY, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())


def not_a_pdf_bytes() -> bytes:
    """A small PNG, as a browser saves it when a download link pointed at an image."""
    image = Image.new("RGB", (64, 48), (240, 240, 240))
    ImageDraw.Draw(image).rectangle((8, 8, 56, 40), outline=(20, 20, 20), width=3)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    data = buffer.getvalue()
    assert b"%PDF-" not in data
    return data


def corrupt_pdf_bytes() -> bytes:
    """A PDF header and end marker around objects and an xref table that are garbage."""
    rng = random.Random(20200601)
    noise = bytes(rng.randrange(32, 127) for _ in range(3000)).replace(b"%", b"#")
    return (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
        b"1 0 obj\n<< /Type /Cat" + noise[:700] + b"\nendobj\n"
        b"2 0 obj\n<< /Kids [" + noise[700:1900] + b"\nendobj\n"
        b"xref\n0 q\n" + noise[1900:] + b"\n"
        b"trailer\n<< /Size x /Root 7 9 Z >>\nstartxref\n9999999\n%%EOF\n"
    )


def image_only_pdf_bytes() -> bytes:
    """Two pages that are each one picture of 'text' (grey bars), as a scanner makes them."""
    pdf = _fpdf()
    for page in range(2):
        image = Image.new("L", (420, 594), 255)
        draw = ImageDraw.Draw(image)
        rng = random.Random(page)
        for row in range(40, 560, 14):
            draw.rectangle((40, row, 40 + rng.randrange(200, 340), row + 6), fill=60)
        pdf.add_page()
        pdf.image(image, x=0, y=0, w=210, h=297)
    return bytes(pdf.output())


def huge_pdf_bytes(pages: int = HUGE_PAGES) -> bytes:
    """Many small pages with one line of text each."""
    pdf = FPDF(format=(105, 148), unit="mm")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_producer("refcheck tests/badpdfs.py")
    pdf.set_auto_page_break(auto=False)
    pdf.set_font("Helvetica", size=9)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.text(10, 20, f"Page {number} of a very long report that goes on and on.")
    return bytes(pdf.output())


def _repeated_deflate(chunk: bytes, times: int) -> bytes:
    """zlib data of ``chunk * times`` without compressing all of it.

    After a full flush the compressor forgets its history, so every further copy of the chunk
    compresses to the same bytes; those are repeated and the checksum is set to the whole's.
    """
    compressor = zlib.compressobj(9)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.flush()  # the empty final block, then the Adler-32 of two chunks
    assert first.endswith(block) and len(first) - len(block) == 2  # 2: the zlib header
    checksum = 1
    for _ in range(times):
        checksum = zlib.adler32(chunk, checksum)
    return first + block * (times - 1) + end[:-4] + struct.pack(">I", checksum)


def spin_pdf_bytes(chunks: int = SPIN_CHUNKS) -> bytes:
    """One page whose small compressed content stream takes PDFium seconds to parse."""
    pdf = pikepdf.new()
    data = _repeated_deflate(SPIN_OPERATORS * SPIN_CHUNK_REPEAT, chunks)
    contents = pikepdf.Stream(pdf, data)
    contents.Filter = pikepdf.Name.FlateDecode
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, 595, 842],
        Resources=pikepdf.Dictionary(),
        Contents=pdf.make_indirect(contents),
    )
    pdf.pages.append(pikepdf.Page(page))
    buffer = io.BytesIO()
    pdf.save(buffer, deterministic_id=True)
    return buffer.getvalue()


def damaged_page_pdf_bytes(pages: int = 8, damaged: int = 3) -> bytes:
    """An article of ``pages`` pages whose page object ``damaged`` is ``null``: PDFium counts
    the page but cannot load it. Object offsets are kept, so the rest of the file is intact."""
    pdf = _fpdf()
    pdf.set_font("Helvetica", size=10)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.multi_cell(0, 5, f"Page {number}. {BODY}", new_x="LMARGIN", new_y="NEXT")
    buffer = io.BytesIO()
    with pikepdf.open(io.BytesIO(bytes(pdf.output()))) as source:
        source.save(
            buffer,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            deterministic_id=True,
        )
    data = buffer.getvalue()
    kids = re.search(rb"/Kids \[ ([^\]]*) \]", data)
    assert kids is not None
    number = int(kids.group(1).split(b" R")[damaged - 1].split()[0])
    start = data.index(b"\n%d 0 obj\n" % number) + len(b"\n%d 0 obj\n" % number)
    end = data.index(b"endobj", start)
    return data[:start] + b"null".ljust(end - start) + data[end:]


def far_off_page_text_pdf_bytes(distance_mm: float = 2e8) -> bytes:
    """The good article with a line drawn ``distance_mm`` above and left of its first page, so
    far that PDFium's boxes lose their height there (a damaged text matrix does this)."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_font("Helvetica", size=10)
    for number in (1, 2):
        pdf.add_page()
        pdf.multi_cell(0, 5, f"Page {number}. {BODY}", new_x="LMARGIN", new_y="NEXT")
        pdf.text(-distance_mm, -distance_mm, "Comerota AJ, Millward SF")
    return bytes(pdf.output())


def broken_title_pdf_bytes() -> bytes:
    """The good article whose information dictionary's title is UTF-16 with an unpaired
    surrogate (a byte flip in a title does this)."""
    buffer = io.BytesIO()
    with pikepdf.open(io.BytesIO(good_pdf_bytes())) as pdf:
        pdf.docinfo[pikepdf.Name.Title] = pikepdf.String(b"\xfe\xff\xd8\x00\x00A\x00B")
        pdf.save(buffer, deterministic_id=True)
    return buffer.getvalue()


def junk_after_eof_pdf_bytes(junk_bytes: int = 2 * 1024 * 1024) -> bytes:
    """The good PDF followed by more data than the end-marker search looks at (as some mail
    gateways and download scripts leave it); PDFium reads the PDF."""
    junk = random.Random(20200601).randbytes(junk_bytes).replace(b"%%EOF", b"%%EOX")
    return good_pdf_bytes() + junk


def _encrypt(good: Path, path: Path, user: str) -> None:
    with pikepdf.open(good) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user=user, owner="owner"))


def build_bad_pdfs(outdir: Path) -> dict[str, Path]:
    """Write the set into ``outdir``; returns file name (without ``.pdf``) -> path."""
    outdir.mkdir(parents=True, exist_ok=True)
    good = good_pdf_bytes()
    contents = {
        "good": good,
        "empty": b"",
        "not_a_pdf": not_a_pdf_bytes(),
        "corrupt": corrupt_pdf_bytes(),
        "truncated": good[: len(good) // 2],
        "image_only": image_only_pdf_bytes(),
        "huge_600_pages": huge_pdf_bytes(),
        "spin": spin_pdf_bytes(),
    }
    paths: dict[str, Path] = {}
    for name, data in contents.items():
        paths[name] = outdir / f"{name}.pdf"
        paths[name].write_bytes(data)
    for name, user in (("encrypted_user_password", "secret"), ("encrypted_owner_only", "")):
        paths[name] = outdir / f"{name}.pdf"
        _encrypt(paths["good"], paths[name], user)
    return paths


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/badpdfs.py OUTDIR")
    for written in build_bad_pdfs(Path(sys.argv[1])).values():
        print(written)
