"""Mistakes the reference model makes often and rules see at once, mended on its labels.

The CRF (``crf.py``) labels each token of a reference string; these repairs change labels
where the surrounding tokens leave no doubt: where an author list ends, where it goes on,
where a container starts. ``parse.py`` reads the repaired spans.
"""

from __future__ import annotations

from refcheck.extract.references.crf import Token
from refcheck.patterns import compiled

_QUOTE_ENDS = frozenset("\"”’'")


_BARE_INITIALS = compiled(r"[A-Z]{1,3}\.")
_UNDOTTED = compiled(r"[A-Z]{1,3}")


def _end_vancouver_authors(tokens: list[Token], labels: list[str]) -> None:
    """End an author run at "Peters OA." when the title's first word was taken as a name.

    Vancouver lists end their last name with a full stop; a capitalised word right after
    "Family XY." cannot be another author, as those are separated by commas.
    """
    for i in range(1, len(tokens) - 1):
        if labels[i] != "author" or labels[i + 1] != "author":
            continue
        family, following = tokens[i - 1].text, tokens[i + 1].text
        if not (
            _BARE_INITIALS.fullmatch(tokens[i].text)
            and family[:1].isupper()
            and family[1:].islower()
            and following[:1].isupper()
            and following[1:2].islower()
        ):
            continue
        undotted_before = any(
            _UNDOTTED.fullmatch(tokens[j].text) and tokens[j + 1].text == "," for j in range(i)
        )
        if len(tokens[i].text) < 3 and not undotted_before:
            continue  # "Sandra G. Smith": a middle initial, not the end of "Smith JA."
        end = i + 1
        while end < len(tokens) and labels[end] == "author":
            end += 1
        if end == len(tokens) or labels[end] == "title":
            labels[i + 1 : end] = ["title"] * (end - i - 1)
        return


_INITIALS_TOKEN = compiled(r"(?:[A-ZÀ-Þ]\.-?)+")
_CLOSING_SURNAME = compiled(r"[A-ZÀ-Þ][\w'’\-]{2,}\.")


def _end_initials_first_names(tokens: list[Token], labels: list[str]) -> None:
    """End an initials-first name list at "P. Howell." when the title's words were taken as
    names ("P. Howell. Public Space and the Public Sphere").

    In this form a surname with a full stop closes the list: another name would follow a comma
    or "and" and start with its initials, never with a capitalised word.
    """
    role = labels[0] if labels else ""
    if role not in ("author", "editor") or not _INITIALS_TOKEN.fullmatch(tokens[0].text):
        return
    for i in range(1, len(tokens) - 1):
        if labels[i + 1] != role:
            return
        following = tokens[i + 1].text
        if (
            _INITIALS_TOKEN.fullmatch(tokens[i - 1].text)
            and _CLOSING_SURNAME.fullmatch(tokens[i].text)
            and following[:1].isupper()
            and not _INITIALS_TOKEN.fullmatch(following)
        ):
            end = i + 1
            while end < len(tokens) and labels[end] == role:
                end += 1
            labels[i + 1 : end] = ["title"] * (end - i - 1)
            return


_NAME_TOKEN = compiled(r"(?:[A-ZÀ-Þ][\w'’\-]*\.?|(?:[A-ZÀ-Þ]\.)+|,|&|and)")
_DATE_TOKEN = compiled(r"\(?(?:1[5-9]|20)\d\d[a-z]?\)?[.,]?")
MAX_NAME_TOKENS = 60


def _continue_author_list(tokens: list[Token], labels: list[str]) -> None:
    """An author list the model cut after its first name goes on up to its date.

    Chicago writes "Nakashima, Ren, Camila Núñez, Sean Brennan, and Elena García-Lorca. 2008.";
    the model may stop the authors at "Ren," and start the title at "Camila". When the author
    span ends in a comma and only names lead from there to a date, they are authors.
    """
    end = 0
    while end < len(tokens) and labels[end] == "author":
        end += 1
    if end == 0 or end == len(tokens) or tokens[end - 1].text != ",":
        return
    stop = end
    while (
        stop < len(tokens)
        and stop - end < MAX_NAME_TOKENS
        and _NAME_TOKEN.fullmatch(tokens[stop].text)
        and not _DATE_TOKEN.fullmatch(tokens[stop].text)
    ):
        stop += 1
    run = [token.text for token in tokens[end:stop]]
    # A list of names: separated by commas, the last joined with "and"; a journal's
    # abbreviated name ("AIP Conf. Proc. 1701") has neither.
    listed = "," in run and ("and" in run or "&" in run)
    ends_names = bool(run) and run[-1].endswith(".")
    if stop < len(tokens) and listed and ends_names and _DATE_TOKEN.fullmatch(tokens[stop].text):
        labels[end:stop] = ["author"] * (stop - end)
        labels[stop] = "date"


def repair_labels(tokens: list[Token], labels: list[str]) -> list[str]:
    """Fix mistakes the model makes often and rules see at once.

    "Title. In: Container" and '"Title," in Proc. …' labelled as one span: "In" after a full
    stop, or "in" after a closing quote, starts the container. "(in press)" is a date. And
    the end of a Vancouver author list (see ``_end_vancouver_authors``).
    """
    labels = list(labels)
    _end_vancouver_authors(tokens, labels)
    _end_initials_first_names(tokens, labels)
    _continue_author_list(tokens, labels)
    for i in range(1, len(tokens)):
        word, before = tokens[i].text.lower(), tokens[i - 1].text
        if word == "press" and before.lower() == "in":
            end = i + 1
            while end < len(tokens) and tokens[end].text in ").,":
                end += 1
            labels[i - 1 : end] = ["date"] * (end - i + 1)
            continue
        starts_container = (word in ("in", "in:") and before[-1:] in (".", ":")) or (
            word == "in" and before in _QUOTE_ENDS
        )
        if not starts_container or labels[i] not in ("title", "container"):
            continue
        first = i
        while first > 0 and labels[first - 1] == labels[i]:
            first -= 1
        if not any(t.text[:1].isalnum() for t in tokens[first:i]):
            continue
        end = i
        while end < len(tokens) and labels[end] == labels[i]:
            end += 1
        labels[first:i] = ["title"] * (i - first)
        labels[i:end] = ["container"] * (end - i)
    return labels
