"""Read words with boxes and font sizes from a PDF, using PDFium through pypdfium2.

This is the only module that imports a PDF library. PDFium was chosen over pdfplumber by the
benchmark in ``benchmarks/speed.py``: pdfplumber builds every character as a Python object
(about 100 ms a page), while PDFium gives the page text in one call and we ask it for boxes and
sizes only at word boundaries (a few ms a page).
"""

from __future__ import annotations

import ctypes
import math
import struct
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from refcheck.errors import (
    BudgetExceededError,
    CorruptPdfError,
    EmptyFileError,
    EncryptedPdfError,
    NotAPdfError,
    PdfError,
)
from refcheck.patterns import compiled
from refcheck.pdf.annotations import (
    AnnotationReader,
    InternalLink,
    OutlineEntry,
    PageFrame,
    UriLink,
)
from refcheck.text import is_spacing_accent

# PDFium writes U+FFFE where it removed a hyphen at the end of a line ("recre\ufffeation").
PDFIUM_LINE_HYPHEN = "\ufffe"
_WORD = compiled(r"[^\s\ufffe]+\ufffe?")
_PDFIUM_LINE = compiled(r"[^\r\n]+")
# A character this much smaller than the word it ends is a raised citation mark ("disease1,2").
SUPERSCRIPT_SIZE_RATIO = 0.85
_SUPERSCRIPT_CHARS = frozenset("0123456789,–-*†‡§")
TAIL_BYTES = 1024 * 1024
# The keys of the document information dictionary that are read (pypdfium2's list).
INFORMATION_KEYS = pdfium.PdfDocument.METADATA_KEYS
# Points of slack when telling whether two word halves around an accent glyph touch.
ACCENT_JOIN_TOLERANCE = 0.5


@dataclass(frozen=True, slots=True, init=False)
class Word:
    """A run of non-space characters on one line; coordinates in points, origin top-left."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    superscript: bool = False
    line_end_hyphen: bool = False  # PDFium saw this word broken by a hyphen at the line end

    def __init__(
        self,
        text: str,
        x0: float,
        x1: float,
        top: float,
        bottom: float,
        size: float,
        superscript: bool = False,
        line_end_hyphen: bool = False,
    ) -> None:
        # A page has thousands of words: the slots' own setters take half the time of the
        # object.__setattr__ calls a frozen dataclass's generated __init__ makes per field.
        _SET_TEXT(self, text)
        _SET_X0(self, x0)
        _SET_X1(self, x1)
        _SET_TOP(self, top)
        _SET_BOTTOM(self, bottom)
        _SET_SIZE(self, size)
        _SET_SUPERSCRIPT(self, superscript)
        _SET_LINE_END_HYPHEN(self, line_end_hyphen)


# Each field's slot setter, which writes the slot even though the class is frozen.
_SET_TEXT = vars(Word)["text"].__set__
_SET_X0 = vars(Word)["x0"].__set__
_SET_X1 = vars(Word)["x1"].__set__
_SET_TOP = vars(Word)["top"].__set__
_SET_BOTTOM = vars(Word)["bottom"].__set__
_SET_SIZE = vars(Word)["size"].__set__
_SET_SUPERSCRIPT = vars(Word)["superscript"].__set__
_SET_LINE_END_HYPHEN = vars(Word)["line_end_hyphen"].__set__


@dataclass(frozen=True)
class RawPage:
    number: int  # 1-based
    width: float
    height: float
    words: tuple[Word, ...]
    # Lines written at another angle than the page's text (arXiv's side stamp), as text only.
    rotated_text: tuple[str, ...] = ()


@dataclass(frozen=True)
class RawPdf:
    pages: tuple[RawPage, ...]
    info: tuple[tuple[str, str], ...]  # the document information dictionary, non-empty values
    labels: tuple[str, ...] = ()  # each page's label (/PageLabels); empty when it has none
    links: tuple[InternalLink, ...] = ()  # GoTo link annotations, every page
    uris: tuple[UriLink, ...] = ()  # URI link annotations, every page
    outline: tuple[OutlineEntry, ...] = ()  # the bookmarks, depth first
    damaged_pages: tuple[int, ...] = ()  # pages PDFium could not read, kept without words


def check_file_header(path: Path) -> None:
    """Refuse what is plainly not a PDF before handing it to the parser."""
    if path.stat().st_size == 0:
        raise EmptyFileError(f"{path}: the file is empty (0 bytes)")
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        raise NotAPdfError(f"{path}: not a PDF (no %PDF- header); check the file type")


def has_end_marker(path: Path) -> bool:
    """Whether ``%%EOF`` is near the end; producers may append data after it, so look far."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        handle.seek(max(0, size - TAIL_BYTES))
        return b"%%EOF" in handle.read()


def open_pdf(path: Path, max_pages: int) -> pdfium.PdfDocument:
    """The parsed document. A file without an end marker is called truncated only when PDFium
    cannot read it either: data appended after ``%%EOF`` (or a lost marker) is no reason to
    refuse a file PDFium reads."""
    check_file_header(path)
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if not has_end_marker(path):
            raise _truncated(path) from exc
        raise _classify_open_error(path, exc) from exc
    pages = len(document)
    if pages == 0:
        document.close()
        if not has_end_marker(path):
            raise _truncated(path)
        raise CorruptPdfError(f"{path}: the PDF has no pages")
    if pages > max_pages:
        document.close()
        raise BudgetExceededError(
            f"{path}: {pages} pages is over the page budget of {max_pages} "
            "(raise it with --max-pages)"
        )
    return document


def _truncated(path: Path) -> CorruptPdfError:
    return CorruptPdfError(
        f"{path}: the file is truncated (no %%EOF end marker); get a complete copy"
    )


# PDFium's load errors in words; "success" and "unknown" give no reason worth printing.
_OPEN_ERRORS = {
    pdfium_c.FPDF_ERR_FILE: "the file cannot be read",
    pdfium_c.FPDF_ERR_FORMAT: "its structure is broken",
    pdfium_c.FPDF_ERR_PAGE: "its page tree is broken",
}


def _classify_open_error(path: Path, exc: pdfium.PdfiumError) -> PdfError:
    code = getattr(exc, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return EncryptedPdfError(
            f"{path}: the PDF is encrypted with a password; decrypt it (e.g. qpdf --decrypt) "
            "and check the copy"
        )
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return EncryptedPdfError(f"{path}: the PDF uses an unsupported security handler")
    reason = _OPEN_ERRORS.get(code) if isinstance(code, int) else None
    detail = f" ({reason})" if reason else ""
    return CorruptPdfError(f"{path}: the PDF is damaged and cannot be parsed{detail}")


def read_pdf(path: Path, max_pages: int) -> RawPdf:
    """Every page's words; raises a :class:`PdfError` subclass that says what to do.

    A page PDFium cannot read is kept as a page without words and named in ``damaged_pages``:
    one bad page must not cost the others. Only a file with no readable page is refused.
    """
    document = open_pdf(path, max_pages)
    try:
        info = _information(document)
        annotations = AnnotationReader(document)
        pages: list[RawPage] = []
        damaged: list[int] = []
        for index in range(len(document)):
            try:
                pages.append(_read_page(document, index, annotations))
            except pdfium.PdfiumError:
                damaged.append(index + 1)
                pages.append(_blank_page(index + 1, pages))
        if len(damaged) == len(pages):
            raise CorruptPdfError(
                f"{path}: every page is damaged and cannot be read; get an undamaged copy"
            )
        labels = tuple(_page_label(document, index) for index in range(len(document)))
        found = annotations.result()
    finally:
        document.close()
    return RawPdf(
        pages=tuple(pages),
        info=info,
        labels=labels if any(labels) else (),
        links=found.links,
        uris=found.uris,
        outline=found.outline,
        damaged_pages=tuple(damaged),
    )


def _information(document: pdfium.PdfDocument) -> tuple[tuple[str, str], ...]:
    """The document information dictionary's non-empty values, key by key."""
    values = ((key, _information_value(document, key).strip()) for key in INFORMATION_KEYS)
    return tuple((key, value) for key, value in values if value)


def _information_value(document: pdfium.PdfDocument, key: str) -> str:
    """One value, UTF-16 decoded leniently: pypdfium2's own reader raises on an unpaired
    surrogate, and a damaged title must not cost the file."""
    name = (key + "\x00").encode("ascii")
    size = pdfium_c.FPDF_GetMetaText(document.raw, name, None, 0)
    if size <= 2:  # the terminating NUL alone
        return ""
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDF_GetMetaText(document.raw, name, buffer, size)
    return buffer.raw[: size - 2].decode("utf-16-le", errors="replace")


def _page_label(document: pdfium.PdfDocument, index: int) -> str:
    try:
        return str(document.get_page_label(index))
    except pdfium.PdfiumError:
        return ""


def _blank_page(number: int, read: list[RawPage]) -> RawPage:
    """Where a damaged page stood: no words, the size of the page before (or US Letter)."""
    width, height = (read[-1].width, read[-1].height) if read else (612.0, 792.0)
    return RawPage(number=number, width=width, height=height, words=())


def _read_page(document: pdfium.PdfDocument, index: int, annotations: AnnotationReader) -> RawPage:
    page = document[index]
    try:
        left, bottom, right, top = page.get_cropbox()
        annotations.read_page(page, index + 1, PageFrame(left, top))
        textpage = page.get_textpage()
        try:
            reader = _PageWords(textpage, top, left)
            on_page = [w for w in reader.words() if _near_page(w, right - left, top - bottom)]
            words = tuple(join_accent_splits(on_page))
        finally:
            textpage.close()
    finally:
        page.close()
    return RawPage(
        number=index + 1,
        width=right - left,
        height=top - bottom,
        words=words,
        rotated_text=tuple(reader.rotated_text),
    )


def _near_page(word: Word, width: float, height: float) -> bool:
    """Whether a word is drawn within a page's size of the page: text further off is never
    seen, and its coordinates (up to 10⁹ in damaged files) would only mislead the layout."""
    # One test for all four: PDFium's coordinates are 32-bit floats, whose sum cannot
    # overflow a Python float, so the sum is finite exactly when each of them is.
    if not math.isfinite(word.x0 + word.x1 + word.top + word.bottom):
        return False
    return (
        word.x1 > -width and word.x0 < 2 * width and word.bottom > -height and word.top < 2 * height
    )


# FS_RECTF's four floats in their order: left, top, right, bottom.
_RECT_FLOATS = struct.Struct("4f")
# FPDFText_GetLooseCharBox(text_page, index, rect) called without pypdfium2's argument types:
# checking a text page and a rect pointer's types costs as much as the call itself, which
# runs twice per word. Every argument passed is already a pointer or a small int.
_LOOSE_CHAR_BOX = ctypes.cast(pdfium_c.FPDFText_GetLooseCharBox, ctypes.CFUNCTYPE(ctypes.c_int))
# FPDFText_GetUnicode(text_page, index) the same way, for pages read character by character.
_UNICODE_OF_CHAR = ctypes.cast(pdfium_c.FPDFText_GetUnicode, ctypes.CFUNCTYPE(ctypes.c_uint))


def _page_text(textpage: pdfium.PdfTextPage, count: int) -> str:
    """The page's characters, one Python character per PDFium character index.

    PDFium's text call leaves out control characters and joins surrogate pairs, which would
    shift every index after them; such pages are read character by character.
    """
    text = textpage.get_text_range(0, count) if count > 0 else ""
    if len(text) == count:
        return text
    handle = textpage.raw
    return "".join([chr(_UNICODE_OF_CHAR(handle, i)) for i in range(count)])


class _PageWords:
    """Turns PDFium's text of one page into words, asking for boxes only where needed."""

    def __init__(self, textpage: pdfium.PdfTextPage, page_top: float, page_left: float) -> None:
        self.handle = textpage.raw
        self.page_top = page_top
        self.page_left = page_left
        count = pdfium_c.FPDFText_CountChars(self.handle)
        text = _page_text(textpage, count)
        # Some PDFs mark a hyphen removed at a line end with U+0002 instead of U+FFFE.
        self.text = text.replace("\x02", PDFIUM_LINE_HYPHEN)
        self._rect = pdfium_c.FS_RECTF()
        # Built once: a page asks for a box two or three times per word.
        self._rect_pointer = ctypes.byref(self._rect)
        self.rotated_text: list[str] = []

    def box(self, index: int) -> tuple[float, float, float, float]:
        """Loose box of one char as (x0, x1, top, bottom) in top-left coordinates."""
        _LOOSE_CHAR_BOX(self.handle, index, self._rect_pointer)
        left, top, right, bottom = _RECT_FLOATS.unpack_from(self._rect)
        return (
            left - self.page_left,
            right - self.page_left,
            self.page_top - top,
            self.page_top - bottom,
        )

    def size(self, index: int) -> float:
        """The glyph's height on the page: the font size as a reader sees it.

        ``FPDFText_GetFontSize`` ignores the text matrix, so a PDF that draws 1 pt text scaled
        by 10 reports 1; the loose box height includes that scaling.
        """
        _, _, top, bottom = self.box(index)
        return bottom - top

    def words(self) -> list[Word]:
        """Words of the page's main writing direction.

        Rotated text (arXiv's side stamp, a journal name running up the margin) is no word: it
        is never part of the article's running text and would break lines apart. Its text is
        kept in ``rotated_text``. PDFium keeps a rotated run on lines of its own, so one angle
        per PDFium line is enough.
        """
        lines = [(m.start(), m.end()) for m in _PDFIUM_LINE.finditer(self.text)]
        angles = [round(pdfium_c.FPDFText_GetCharAngle(self.handle, s), 1) for s, _ in lines]
        # Weighed by characters: a figure's many short rotated labels must not outvote the
        # page's running text (arXiv 2502.21088 p. 17 lost its body to its axis labels).
        weights: Counter[float] = Counter()
        for (start, end), angle in zip(lines, angles, strict=True):
            weights[angle] += end - start
        main_angle = weights.most_common(1)[0][0] if weights else 0.0
        words: list[Word] = []
        for (start, end), angle in zip(lines, angles, strict=True):
            if angle == main_angle:
                for match in _WORD.finditer(self.text, start, end):
                    self._add_run(words, match.start(), match.end())
            else:
                self.rotated_text.append(clean_text(self.text[start:end]).strip())
        return words

    def _add_run(self, words: list[Word], start: int, end: int) -> None:
        """The words of one run PDFium put between spaces: nearly always one word, read from
        the boxes of its first and last characters alone."""
        hyphen = self.text[end - 1] == PDFIUM_LINE_HYPHEN
        last = end - 2 if hyphen else end - 1
        first_box = self.box(start)
        last_box = first_box if last == start else self.box(last)
        size = first_box[3] - first_box[2]
        height = size if size > 1.0 else 1.0  # max(size, 1.0) without a call
        one_line = abs(last_box[3] - first_box[3]) < height * 0.5 and last_box[1] >= first_box[0]
        if not one_line:  # written so that NaN boxes take the careful path
            words.extend(self._split_lines(start, last, first_box, last_box, hyphen))
        elif (
            hyphen
            or self.text[last] not in _SUPERSCRIPT_CHARS
            or last_box[3] - last_box[2] >= size * SUPERSCRIPT_SIZE_RATIO
        ):
            # No raised mark can end the word: no trailing mark, or one as large as its start.
            words.append(_word(self.text[start : last + 1], first_box, last_box, size, hyphen))
        else:
            words.extend(self._with_superscript(start, last + 1, first_box, last_box))

    def _split_lines(
        self,
        start: int,
        last: int,
        first_box: tuple[float, float, float, float],
        last_box: tuple[float, float, float, float],
        hyphen: bool,
    ) -> Iterator[Word]:
        """A run PDFium did not separate may still cross a line: split where the box jumps."""
        height = max(first_box[3] - first_box[2], 1.0)
        run_start, run_box, previous = start, first_box, first_box
        for index in range(start + 1, last + 1):
            box = self.box(index)
            if abs(box[3] - previous[3]) >= height * 0.5 or box[0] < previous[0] - height:
                yield from self._with_superscript(run_start, index, run_box, previous)
                run_start, run_box = index, box
            previous = box
        yield from self._with_superscript(run_start, last + 1, run_box, last_box, hyphen)

    def _with_superscript(
        self,
        start: int,
        end: int,
        first_box: tuple[float, float, float, float],
        last_box: tuple[float, float, float, float],
        hyphen: bool = False,
    ) -> Iterator[Word]:
        """Split raised small trailing marks ("effect1,2") off the word they are attached to."""
        text = self.text[start:end]
        size = first_box[3] - first_box[2]
        split = end
        trailing_mark = not hyphen and text[-1] in _SUPERSCRIPT_CHARS
        last_size = last_box[3] - last_box[2]
        if trailing_mark and last_size < size * SUPERSCRIPT_SIZE_RATIO:
            while split - 1 > start and self.text[split - 1] in _SUPERSCRIPT_CHARS:
                if self.size(split - 1) >= size * SUPERSCRIPT_SIZE_RATIO:
                    break
                split -= 1
        mark_box = self.box(split) if split not in (end, start) else first_box
        head_last = self.box(split - 1) if split not in (end, start) else first_box
        # Raised above the word's middle: a superscript; lowered ("P2" in P₂) stays in the word.
        raised = (mark_box[2] + mark_box[3]) / 2 < (head_last[2] + head_last[3]) / 2 - size * 0.1
        if split in (end, start) or not raised:
            yield _word(text, first_box, last_box, size, hyphen)
            return
        yield _word(self.text[start:split], first_box, head_last, size, False)
        yield Word(
            text=clean_text(self.text[split:end]),
            x0=mark_box[0],
            x1=last_box[1],
            top=min(mark_box[2], last_box[2]),
            bottom=max(mark_box[3], last_box[3]),
            size=mark_box[3] - mark_box[2],
            superscript=True,
        )


def join_accent_splits(words: list[Word]) -> list[Word]:
    """Words without the accents drawn as glyphs of their own, and joined where those split them.

    TeX draws "Ř" as "R" and a separate "ˇ" placed over it; PDFium reads the accent as a word
    and breaks the name around it ("Reh", "ˇ", "u˚ˇrek"). The halves touch: they are one word.
    """
    kept: list[Word] = []
    split_by_accent = False
    for word in words:
        if is_spacing_accent(word.text[0]) and all(map(is_spacing_accent, word.text)):
            split_by_accent = True
            continue
        last = kept[-1] if kept else None
        if split_by_accent and last is not None and _touching(last, word):
            kept[-1] = Word(
                text=last.text + word.text,
                x0=last.x0,
                x1=word.x1,
                top=min(last.top, word.top),
                bottom=max(last.bottom, word.bottom),
                size=last.size,
                line_end_hyphen=word.line_end_hyphen,
            )
        else:
            kept.append(word)
        split_by_accent = False
    return kept


def _touching(left: Word, right: Word) -> bool:
    same_row = abs(left.bottom - right.bottom) < ACCENT_JOIN_TOLERANCE
    gap = right.x0 - left.x1
    plain = not (left.superscript or right.superscript or left.line_end_hyphen)
    return plain and same_row and -ACCENT_JOIN_TOLERANCE <= gap <= ACCENT_JOIN_TOLERANCE


def clean_text(text: str) -> str:
    """Pair UTF-16 surrogates and fold ligatures and math letters ("𝒑" is "p", "ﬁ" is "fi")."""
    if text.isascii():
        return text
    text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    if any(ord(c) >= 0xFB00 for c in text):
        text = unicodedata.normalize("NFKC", text)
    return text


def _word(
    text: str,
    first: tuple[float, float, float, float],
    last: tuple[float, float, float, float],
    size: float,
    hyphen: bool,
) -> Word:
    if not text.isascii():
        text = clean_text(text)
    # Called once per word: positional arguments, and max(a, b) and min(a, b) spelled out as
    # the builtins decide (``b if b > a else a``), NaN included, without their calls.
    return Word(
        text + "-" if hyphen else text,
        first[0],
        first[1] if first[1] > last[1] else last[1],
        last[2] if last[2] < first[2] else first[2],
        last[3] if last[3] > first[3] else first[3],
        size,
        False,
        hyphen,
    )
