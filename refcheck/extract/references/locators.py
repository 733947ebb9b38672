"""Rules for the locator shapes the reference model reads wrong, applied after it.

The CRF learned "2020;42(5):393-403" (the Vancouver/NLM locator) as one volume span, so the
year became the volume and the issue was lost; and the day and year of an access date
("Accessed: Apr. 21, 2021") as volume and pages. Both shapes are fixed enough for rules to
read them whole, which is surer than retraining the model on a few hundred examples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refcheck.extract.identifiers import normalize_pages
from refcheck.patterns import compiled

__all__ = [
    "NlmLocator",
    "before_access_cue",
    "find_article_number",
    "find_nlm_locator",
    "outside_access_dates",
    "web_kind",
]

_DASHES = "-–—‐‑"
_MONTH_WORD = r"[A-Z][a-z]{2,8}\.?"
# "2020;42(5):393-403", "2020 Mar;42(5):393-403", "2020 Mar 3;42:e12", "2019 Jan-Feb;7(1):1-9",
# "2020;42(Suppl 2):S1-S9": year, optional month and day, ";", volume, "(issue)", ":" pages.
_NLM = compiled(
    rf"(?<![\w.])((?:1[5-9]|20)\d\d)[a-z]?"
    rf"(?:\s+{_MONTH_WORD}(?:\s*[{_DASHES}/]\s*{_MONTH_WORD})?(?:\s+\d{{1,2}})?)?"
    rf"\s*;\s*(\d{{1,5}})"
    rf"(?:\s*\(\s*([^()]{{1,20}}?)\s*\))?"
    rf"(?:\s*:\s*([A-Za-z]{{0,2}}\d+(?:\s*[{_DASHES}]\s*[A-Za-z]{{0,2}}\d+)?))?"
    rf"(?![\w(])"
)


@dataclass(frozen=True)
class NlmLocator:
    """What "2020;42(5):393-403" says: year, volume, issue and pages."""

    year: str
    volume: str
    issue: str | None
    pages: str | None


def find_nlm_locator(text: str) -> NlmLocator | None:
    """The Vancouver/NLM "year;volume(issue):pages" locator of a reference, if it has one.

    A locator needs an issue or pages after the volume: "2020;42" alone may be anything.
    """
    for match in _NLM.finditer(text):
        year, volume, issue, pages = match.groups()
        if issue is None and pages is None:
            continue
        return NlmLocator(year, volume, issue, normalize_pages(pages) if pages else None)
    return None


# IEEE's "vol. 35, no. 2, Art. no. e27832": the article number stands in for pages.
_ARTICLE_NUMBER = compiled(r"\bArt(?:icle)?\.?\s+(?:no\.|number)\s*:?\s*([A-Za-z]?\d+)\b")


def find_article_number(text: str) -> str | None:
    """The article number printed as "Art. no. e27832", if any."""
    match = _ARTICLE_NUMBER.search(text)
    return match.group(1) if match else None


_ACCESS_MONTH = r"[A-Za-zÄäÖöÜüéû]{3,10}\.?"
_ACCESS_DATE = (
    r"(?:\d{4}-\d\d-\d\d"
    rf"|\d{{1,2}}\.?\s+{_ACCESS_MONTH},?\s+\d{{4}}"
    rf"|{_ACCESS_MONTH}\s+\d{{1,2}},?\s+\d{{4}}"
    rf"|\d{{4}}\s+{_ACCESS_MONTH}(?:\s+\d{{1,2}})?"
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
)
# "Retrieved April 15, 2021, from", "Accessed: 2021-04-15", "(Accessed: 3 February 2021)",
# "[cited 2021 Apr 20]", "last accessed on 5 May 2020", "Zugriff am 3.2.2021".
_ACCESS_PHRASE = compiled(
    r"\b(?:retrieved(?:\s+on)?|(?:last\s+)?accessed(?:\s+on)?|cited|viewed|visited"
    r"|zugriff(?:\s+am)?|abgerufen(?:\s+am)?)\s*:?\s*" + _ACCESS_DATE,
    re.IGNORECASE,
)


_MONTH_NAME = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# "September 24, 2020": a day of a month, never a volume. ("21 March, 2017" may follow a
# volume: "Vol. 21 March, 2017".)
_FULL_DATE = compiled(rf"\b{_MONTH_NAME}\s+\d{{1,2}},\s+\d{{4}}\b", re.IGNORECASE)


def outside_access_dates(text: str, spans: list[str]) -> list[str]:
    """The ``spans`` (parts of ``text``) that occur outside every access date of ``text``.

    Full dates with a month name count as access dates here: the Chicago style prints a web
    page's date where a journal's volume would be ("Open Data Portal, July 22, 2020.").
    """
    masked = _ACCESS_PHRASE.sub(lambda m: " " * len(m.group()), text)
    masked = _FULL_DATE.sub(lambda m: " " * len(m.group()), masked)
    if masked == text:
        return spans
    return [span for span in spans if _occurs(span.strip(" ,.;:"), masked)]


def _occurs(core: str, text: str) -> bool:
    before = r"(?<!\w)" if core[:1].isalnum() else ""
    after = r"(?!\w)" if core[-1:].isalnum() else ""
    return re.search(before + re.escape(core) + after, text) is not None


def before_access_cue(container: str) -> str:
    """A container without the access note or date the model ran into it: "Portal. Retrieved
    April", "The Harbour Gazette, September"."""
    return _WEB_CUE_AFTER.sub("", container.strip(" ,.;:")).strip(" ,.;:") or container


_WEB_CUE = compiled(
    r"\bretrieved\b|\baccessed\b|\[online\]|\bavailable\s+(?:at|from|online)\b|\[internet\]"
    r"|\[cited\b|\bzugriff\b|\babgerufen\b|\blast\s+visited\b",
    re.IGNORECASE,
)
_WEB_CUE_AFTER = compiled(
    r"[.,]\s*(?:retrieved|accessed|available|\[online\]|\[internet\]|\[cited)\b.*$"
    rf"|,\s*{_MONTH_NAME}(?:\s+\d{{1,2}})?$",
    re.IGNORECASE,
)
_REGISTERED_ID = compiled(r"\b10\.\d{4,9}/|\bdoi\b|\bisbn\b|\barxiv\b", re.IGNORECASE)
# Newspapers and magazines name themselves so; capitalised, as in a title.
_NEWS_NAME = compiled(
    r"\b(?:Times|Post|Herald|Gazette|Tribune|Courier|Chronicle|Daily|News|Newsweek|Guardian|"
    r"Telegraph|Observer|Independent|Economist|Magazine|Weekly|Zeitung|Spiegel|Monde|Inquirer)\b"
)


def web_kind(
    raw: str, spans: dict[str, list[str]], container: str | None, date: str | None
) -> str | None:
    """Web or news, for an online item without volume, pages or registered identifier.

    A web page says when it was read ("Retrieved …", "Accessed …", "[Online]. Available") or
    gives a full date where a journal would give a volume; a news item is such an entry from a
    paper whose name says it is a newspaper or magazine.
    """
    if "url" not in spans or {"volume", "pages", "publisher"} & spans.keys():
        return None
    if _REGISTERED_ID.search(raw):
        return None
    full_date = (date is not None and len(date) == 10) or _FULL_DATE.search(raw) is not None
    if not (_WEB_CUE.search(raw) or full_date):
        return None
    source = container or _last_sentence(spans.get("title", [""])[0])
    if source and _NEWS_NAME.search(source):
        return "news"
    return "web"


def _last_sentence(title: str) -> str:
    """The paper's name the model left in the title: "Clinic opens. Northern Daily Courier."."""
    parts = [p for p in re.split(r"[.?!][”\"’']?\s+", title.strip(" .,;")) if p]
    return parts[-1] if len(parts) > 1 else ""
