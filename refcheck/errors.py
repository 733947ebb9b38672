"""One root error; each subclass names a kind of failure and its message says what to do."""

from __future__ import annotations


class RefcheckError(Exception):
    """Root of every error refcheck raises on purpose."""

    kind = "error"


class UsageError(RefcheckError):
    """The command line or the settings ask for something impossible."""

    kind = "usage"


class PdfError(RefcheckError):
    """A PDF could not be read; ``kind`` says why, the message says what to do."""

    kind = "pdf"


class NotAPdfError(PdfError):
    kind = "not-a-pdf"


class EmptyFileError(PdfError):
    kind = "empty-file"


class CorruptPdfError(PdfError):
    kind = "corrupt"


class EncryptedPdfError(PdfError):
    kind = "encrypted"


class NoTextLayerError(PdfError):
    kind = "no-text-layer"


class BudgetExceededError(PdfError):
    kind = "budget-exceeded"


class ParserCrashError(PdfError):
    """The worker reading the file died: the parser crashed (running out of memory is a
    :class:`BudgetExceededError`)."""

    kind = "crash"


class InputNotFoundError(RefcheckError):
    """A path on the command line does not exist."""

    kind = "not-found"


class NoPdfError(RefcheckError):
    """A directory on the command line holds no PDF."""

    kind = "no-pdf"


class SourceFileError(RefcheckError):
    """A source file (BibTeX, LaTeX, JATS XML, Word) could not be read as what it claims to be."""

    kind = "bad-source"


class WrongKindError(RefcheckError):
    """A file whose content is another kind than its name says (an XML file named .pdf)."""

    kind = "wrong-kind"


class InternalError(RefcheckError):
    """A bug in refcheck met while checking one file; the rest of the batch goes on."""

    kind = "internal"
