"""What the PDF says about itself beyond its text: link annotations and the outline.

A LaTeX paper made with hyperref links every callout to its entry of the reference list
(named destinations ``cite.<key>``), publishers' and JATS-made PDFs do the same, and a
reference's DOI or URL is often a URI link that holds it whole where the printed text breaks it
across lines (or does not print it at all). These are read with PDFium's own link and
bookmark calls (``FPDFLink_*``, ``FPDFDest_*``, ``FPDFBookmark_*``): no per-character objects.

Coordinates are in points with the origin at the top left of the page's crop box, as
:class:`~refcheck.pdf.reader.Word` has them.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass, replace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# A malformed outline may loop back on itself; no real outline is this large.
MAX_OUTLINE_ENTRIES = 2000
MAX_URI_BYTES = 4096
# Strings are read into a buffer this large in one call; a longer one costs a second call.
BUFFER_BYTES = 512

Rect = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass(frozen=True, slots=True)
class InternalLink:
    """A link from a rectangle of one page to a position in the document (a GoTo link).

    ``target_x`` and ``target_top`` are None when the destination does not fix them (a
    "fit page" view); ``destination`` is the named destination ("cite.smith2020") when the
    link goes through one.
    """

    page: int  # 1-based, where the link is
    rect: Rect
    target_page: int  # 1-based
    target_x: float | None
    target_top: float | None
    destination: str | None = None


@dataclass(frozen=True, slots=True)
class UriLink:
    """A link from a rectangle of one page to a URI ("https://doi.org/10.1000/xyz")."""

    page: int
    rect: Rect
    uri: str


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    """One bookmark of the document outline; ``level`` 1 is the top."""

    title: str
    page: int | None  # 1-based; None when the bookmark points nowhere in the document
    level: int


@dataclass(frozen=True)
class PageFrame:
    """Where a page's crop box sits, to turn PDF coordinates into top-left ones."""

    left: float
    top: float


@dataclass(frozen=True)
class Annotations:
    links: tuple[InternalLink, ...] = ()
    uris: tuple[UriLink, ...] = ()
    outline: tuple[OutlineEntry, ...] = ()


class AnnotationReader:
    """Collects the links of each page as it is read, and the outline once at the end.

    A link may point to a page not read yet, whose crop box is needed to place the target;
    targets are kept in PDF coordinates until every page has been seen.
    """

    def __init__(self, document: pdfium.PdfDocument) -> None:
        self._document = document
        self._names = _DestinationNames(document)
        self._frames: dict[int, PageFrame] = {}
        self._pending: list[tuple[InternalLink, int, float | None, float | None]] = []
        self._uris: list[UriLink] = []

    def read_page(self, page: pdfium.PdfPage, number: int, frame: PageFrame) -> None:
        self._frames[number] = frame
        for link in _page_links(page):
            rect = _rect(link, frame)
            dest = _destination(self._document, link)
            if dest is not None:
                self._add_internal(number, rect, dest, _dest_string(page, link))
                continue
            uri = _uri(self._document, link)
            if uri:
                self._uris.append(UriLink(number, rect, uri))

    def _add_internal(
        self, number: int, rect: Rect, dest: pdfium_c.FPDF_DEST, name: str | None
    ) -> None:
        index = pdfium_c.FPDFDest_GetDestPageIndex(self._document.raw, dest)
        if not 0 <= index < len(self._document):
            return
        x, y = _location(dest)
        name = name or self._names.name_of(dest)
        link = InternalLink(number, rect, index + 1, None, None, name)
        self._pending.append((link, index + 1, x, y))

    def result(self) -> Annotations:
        links = []
        for link, target, x, y in self._pending:
            frame = self._frames.get(target)
            if frame is None:
                continue
            left = x - frame.left if x is not None else None
            top = frame.top - y if y is not None else None
            links.append(replace(link, target_x=left, target_top=top))
        return Annotations(tuple(links), tuple(self._uris), tuple(_outline(self._document)))


def _page_links(page: pdfium.PdfPage) -> Iterator[pdfium_c.FPDF_LINK]:
    position = ctypes.c_int(0)
    link = pdfium_c.FPDF_LINK()
    while pdfium_c.FPDFLink_Enumerate(page.raw, ctypes.byref(position), ctypes.byref(link)):
        yield link
        link = pdfium_c.FPDF_LINK()


def _rect(link: pdfium_c.FPDF_LINK, frame: PageFrame) -> Rect:
    r = pdfium_c.FS_RECTF()
    pdfium_c.FPDFLink_GetAnnotRect(link, ctypes.byref(r))
    # Producers write the corners in either order.
    x0, x1 = sorted((r.left - frame.left, r.right - frame.left))
    top, bottom = sorted((frame.top - r.top, frame.top - r.bottom))
    return (x0, top, x1, bottom)


def _destination(
    document: pdfium.PdfDocument, link: pdfium_c.FPDF_LINK
) -> pdfium_c.FPDF_DEST | None:
    """The link's destination: its /Dest, or the destination of its GoTo action."""
    dest = pdfium_c.FPDFLink_GetDest(document.raw, link)
    if dest:
        return dest
    action = pdfium_c.FPDFLink_GetAction(link)
    if action and pdfium_c.FPDFAction_GetType(action) == pdfium_c.PDFACTION_GOTO:
        dest = pdfium_c.FPDFAction_GetDest(document.raw, action)
        return dest or None
    return None


def _dest_string(page: pdfium.PdfPage, link: pdfium_c.FPDF_LINK) -> str | None:
    """The name a link's own /Dest gives ("link_CR9", "Rpone.0197919.ref004"), if it has one.

    Publishers' PDFs name the destination in the link itself; hyperref's go through a GoTo
    action instead, whose name only the named-destination list can give back.
    """
    annot = pdfium_c.FPDFLink_GetAnnot(page.raw, link)
    if not annot:
        return None
    try:
        # A /Dest that is no string (a destination array) reads as the empty string.
        buffer = ctypes.create_string_buffer(BUFFER_BYTES)
        wide = ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR))
        size = pdfium_c.FPDFAnnot_GetStringValue(annot, b"Dest", wide, BUFFER_BYTES)
        if size > BUFFER_BYTES:
            buffer = ctypes.create_string_buffer(size)
            wide = ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR))
            pdfium_c.FPDFAnnot_GetStringValue(annot, b"Dest", wide, size)
        return _utf16(buffer.raw) or None
    finally:
        pdfium_c.FPDFPage_CloseAnnot(annot)


def _location(dest: pdfium_c.FPDF_DEST) -> tuple[float | None, float | None]:
    """The destination's x and y in PDF coordinates, each None where the view leaves it free."""
    has_x, has_y, has_zoom = pdfium_c.FPDF_BOOL(), pdfium_c.FPDF_BOOL(), pdfium_c.FPDF_BOOL()
    x, y, zoom = pdfium_c.FS_FLOAT(), pdfium_c.FS_FLOAT(), pdfium_c.FS_FLOAT()
    known = pdfium_c.FPDFDest_GetLocationInPage(
        dest,
        ctypes.byref(has_x),
        ctypes.byref(has_y),
        ctypes.byref(has_zoom),
        ctypes.byref(x),
        ctypes.byref(y),
        ctypes.byref(zoom),
    )
    if not known:
        return None, None
    return (x.value if has_x.value else None), (y.value if has_y.value else None)


def _uri(document: pdfium.PdfDocument, link: pdfium_c.FPDF_LINK) -> str | None:
    action = pdfium_c.FPDFLink_GetAction(link)
    if not action or pdfium_c.FPDFAction_GetType(action) != pdfium_c.PDFACTION_URI:
        return None
    buffer = ctypes.create_string_buffer(BUFFER_BYTES)
    size = pdfium_c.FPDFAction_GetURIPath(document.raw, action, buffer, BUFFER_BYTES)
    if size <= 1 or size > MAX_URI_BYTES:
        return None
    if size > BUFFER_BYTES:
        buffer = ctypes.create_string_buffer(size)
        pdfium_c.FPDFAction_GetURIPath(document.raw, action, buffer, size)
    # URIs are 7-bit ASCII by the standard; some producers write UTF-8.
    return buffer.value.decode("utf-8", "replace").strip() or None


class _DestinationNames:
    """Named destinations by the address of their destination object.

    PDFium gives a link's destination without its name; the named-destination list gives each
    name with the same object, so the two meet by address. Several names may share one
    destination object (a publisher's "fit page 9" for every entry on page 9): such a name is
    unknown, not guessed. Read only when a link asks.
    """

    def __init__(self, document: pdfium.PdfDocument) -> None:
        self._document = document
        self._names: dict[int, str | None] | None = None

    def name_of(self, dest: pdfium_c.FPDF_DEST) -> str | None:
        if self._names is None:
            self._names = {}
            for address, name in self._read():
                self._names[address] = None if address in self._names else name
        found = ctypes.cast(dest, ctypes.c_void_p).value
        return self._names.get(found) if found is not None else None

    def _read(self) -> Iterator[tuple[int, str]]:
        handle = self._document.raw
        for index in range(pdfium_c.FPDF_CountNamedDests(handle)):
            buffer = ctypes.create_string_buffer(BUFFER_BYTES)
            size = ctypes.c_long(BUFFER_BYTES)
            dest = pdfium_c.FPDF_GetNamedDest(handle, index, buffer, ctypes.byref(size))
            if size.value < 0:  # the name is longer than the buffer: ask for its length
                pdfium_c.FPDF_GetNamedDest(handle, index, None, ctypes.byref(size))
                buffer = ctypes.create_string_buffer(max(size.value, 2))
                dest = pdfium_c.FPDF_GetNamedDest(handle, index, buffer, ctypes.byref(size))
            if size.value <= 2:
                continue
            address = ctypes.cast(dest, ctypes.c_void_p).value if dest else None
            if address is not None:
                yield address, _utf16(buffer.raw)


def _utf16(raw: bytes) -> str:
    return raw.decode("utf-16-le", "replace").split("\x00", 1)[0]


def _outline(document: pdfium.PdfDocument) -> Iterator[OutlineEntry]:
    """The bookmarks, depth first, as a reader's sidebar shows them."""
    handle = document.raw
    stack = [(pdfium_c.FPDFBookmark_GetFirstChild(handle, None), 1)]
    seen: set[int] = set()
    while stack and len(seen) < MAX_OUTLINE_ENTRIES:
        bookmark, level = stack.pop()
        address = ctypes.cast(bookmark, ctypes.c_void_p).value if bookmark else None
        if address is None or address in seen:
            continue
        seen.add(address)
        yield OutlineEntry(_bookmark_title(bookmark), _bookmark_page(document, bookmark), level)
        stack.append((pdfium_c.FPDFBookmark_GetNextSibling(handle, bookmark), level))
        stack.append((pdfium_c.FPDFBookmark_GetFirstChild(handle, bookmark), level + 1))


def _bookmark_title(bookmark: pdfium_c.FPDF_BOOKMARK) -> str:
    size = pdfium_c.FPDFBookmark_GetTitle(bookmark, None, 0)
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFBookmark_GetTitle(bookmark, buffer, size)
    return " ".join(_utf16(buffer.raw).split())


def _bookmark_page(document: pdfium.PdfDocument, bookmark: pdfium_c.FPDF_BOOKMARK) -> int | None:
    dest = pdfium_c.FPDFBookmark_GetDest(document.raw, bookmark)
    if not dest:
        action = pdfium_c.FPDFBookmark_GetAction(bookmark)
        if action and pdfium_c.FPDFAction_GetType(action) == pdfium_c.PDFACTION_GOTO:
            dest = pdfium_c.FPDFAction_GetDest(document.raw, action)
    if not dest:
        return None
    index = pdfium_c.FPDFDest_GetDestPageIndex(document.raw, dest)
    return index + 1 if 0 <= index < len(document) else None
