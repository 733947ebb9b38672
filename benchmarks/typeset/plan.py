"""Plan one paper: its records, text, front-matter variant and planted defects (with truth)."""

from __future__ import annotations

import random
from dataclasses import replace

from .bibdata import Record
from .paper import (
    FAKE_NAMES,
    PEOPLE,
    SENTENCES,
    Block,
    Cite,
    Paper,
    Segment,
    Typed,
    choose_records,
    front_matter,
    make_issn,
    misspell,
    narrative,
    twin,
)
from .templates import TEMPLATES, Template

TOPICS = ("estimates", "methods", "models")
ALL_CODES = (
    "CIT001", "CIT002", "CIT003", "CIT004", "CIT005",
    "REF001", "REF002", "REF003", "REF004", "META001", "META002",
)  # fmt: skip


def applicable(template: Template, paper: Paper) -> list[str]:
    codes = ["CIT001", "CIT002", "REF001"]
    hand_or_tex = template.family != "pandoc"
    if template.kind == "authoryear":
        codes += ["CIT003", "CIT004"]
        if hand_or_tex:
            codes.append("CIT005")
        if template.alphabetical and hand_or_tex:
            codes.append("REF002")
    if template.prints_doi:
        codes.append("REF003")
    if paper.front.masthead:
        codes += ["REF004", "META002"]
        if paper.front.cite_this:
            codes.append("META001")
    return [code for code in ALL_CODES if code in codes]


def _sentence(rng: random.Random) -> str:
    return rng.choice(SENTENCES)


def _paragraph(rng: random.Random, keys: list[str], kind: str) -> Block:
    segments: list[Segment] = []
    i = 0
    while i < len(keys):
        group = 2 if rng.random() < 0.25 and i + 1 < len(keys) else 1
        cite = tuple(keys[i : i + group])
        i += group
        if kind == "authoryear" and group == 1 and rng.random() < 0.4:
            segments += [
                Cite(cite, narrative=True),
                " reported that " + _sentence(rng).lower() + ". ",
            ]
        else:
            segments += [_sentence(rng), " ", Cite(cite), ". "]
    return Block("para", segments)


def _body(rng: random.Random, keys: list[str], template: Template, short: bool) -> list[Block]:
    kind = template.kind
    if short:
        return [Block("heading", ["Introduction"]), _paragraph(rng, keys, kind)]
    parts = [keys[: len(keys) // 3], keys[len(keys) // 3 : len(keys) // 2], keys[len(keys) // 2 :]]
    blocks = [Block("heading", ["Introduction"]), _paragraph(rng, parts[0], kind)]
    blocks += [Block("heading", ["Related work"]), _paragraph(rng, parts[1][:-2], kind)]
    rows = [
        (f"Method {chr(65 + i)}", Cite((key,), narrative=True), f"0.{71 + 3 * i}")
        for i, key in enumerate(parts[1][-2:])
    ]
    blocks.append(Block("table", rows=rows, note="Accuracy of earlier methods on the test set."))
    blocks += [Block("heading", ["Method"]), _paragraph(rng, parts[2][: len(parts[2]) // 2], kind)]
    blocks.append(
        Block(
            "footnote-para",
            [_sentence(rng), ". "],
            note="The code was run on the 2019 release of the data (version 4.2).",
        )
    )
    blocks.append(Block("figure", note="Input 2019 | Encoder (12 layers) | Output, 95% CI"))
    blocks += [Block("heading", ["Results"]), _paragraph(rng, parts[2][len(parts[2]) // 2 :], kind)]
    blocks += [
        Block("heading", ["Conclusion"]),
        Block("para", [_sentence(rng) + ". " + _sentence(rng) + "."]),
    ]
    return blocks


NOTES = (
    "Data were collected between 2016 and 2019 in three waves (n = 1,204).",
    "See Section 4 for the robustness checks; the estimates change by less than 0.02.",
    "The survey instrument is available from the authors on request (version 2.1, 2018).",
    "We thank two anonymous reviewers for comments on an earlier draft of 2020.",
    "All analyses used R 4.0.3; the code is archived with the replication package.",
)


def _with_footnotes(blocks: list[Block]) -> list[Block]:
    """Every paragraph that cites ends with a footnote, as in footnote-heavy humanities papers."""
    out, n = [], 0
    for b in blocks:
        if b.kind == "para" and any(isinstance(s, Cite) for s in b.segments):
            b = Block("footnote-para", b.segments, note=NOTES[n % len(NOTES)])
            n += 1
        out.append(b)
    return out


def _insert(rng: random.Random, paper: Paper, segments: list[Segment]) -> None:
    paras = [
        b
        for b in paper.blocks
        if b.kind in ("para", "footnote-para") and any(isinstance(s, Cite) for s in b.segments)
    ]
    block = rng.choice(paras)
    block.segments.extend(segments)


def _typed_numeric(paper: Paper, number: int) -> Typed:
    if paper.template.kind == "alphabetic":  # a label of a work not in the list
        return Typed(f"[{FAKE_NAMES[number % len(FAKE_NAMES)][:3]}{number:02d}]")
    if paper.template.kind == "superscript":
        return Typed(str(number), sup=True)
    return Typed(f"[{number}]")


def _defect(paper: Paper, code: str, subject: str, match: list[list[str]]) -> None:
    paper.defects.append({"code": code, "subject": subject, "match": match})


def plant(rng: random.Random, paper: Paper, code: str, pool: list[Record], used: set[str]) -> None:
    # a record another defect added (an uncited work, a duplicate, a twin) is no target
    used.update(paper.nocite, (r.key for r in paper.records if r.key.endswith(("dup", "tw"))))
    free = [r for r in paper.records[1:-1] if r.key not in used and r.doi == ""] or paper.records
    target = rng.choice(free)
    used.add(target.key)
    if code == "CIT001":
        paper.edits["cit001"] = True  # typed once every record is known (its number)
        return
    if code == "CIT002":
        extra = _fresh(pool, paper)
        paper.records.append(extra)
        paper.nocite.append(extra.key)
        _defect(paper, code, f"{extra.first} {extra.year}", [[extra.first, str(extra.year)]])
    elif code == "CIT003":
        wrong = target.year + 1
        _insert(
            rng, paper, ["As ", Typed(narrative(target, year=wrong)), " noted, the trend holds. "]
        )
        _defect(paper, code, narrative(target, year=wrong), [[target.first, str(wrong)]])
    elif code == "CIT004":
        name = misspell(target.first)
        _insert(rng, paper, ["As ", Typed(narrative(target, name=name)), " showed, it holds. "])
        _defect(paper, code, narrative(target, name=name), [[name]])
    elif code == "CIT005":
        other = _fresh(pool, paper)
        second = twin(target, other, same_authors=paper.template.family == "biblatex")
        paper.records.append(second)
        _insert(rng, paper, ["A second study ", Cite((second.key,)), " agrees. "])
        paper.edits.setdefault("strip_suffix", []).extend([target.key, second.key])
        _defect(
            paper,
            code,
            f"{target.first} {target.year} (two works)",
            [[target.first, str(target.year)]],
        )
    else:
        _plant_list_or_front(rng, paper, code, target)


def _plant_list_or_front(rng: random.Random, paper: Paper, code: str, target: Record) -> None:
    if code == "REF001":
        copy = replace(target, key=target.key + "dup")
        paper.records.append(copy)
        _insert(rng, paper, ["The same data were used before ", Cite((copy.key,)), ". "])
        _defect(
            paper,
            code,
            f"{target.first} {target.year} listed twice",
            [[target.first, str(target.year)]],
        )
    elif code == "REF002":
        order = sorted(paper.records, key=lambda r: (r.first.lower(), r.year))
        paper.edits["move_last_first"] = True
        _defect(
            paper,
            code,
            f"{order[-1].first} moved to the top of the list",
            [[order[-1].first], [order[0].first]],
        )
    elif code == "REF003":
        bad = f"10.123/{target.first.lower()}.{target.year}"
        _replace(paper, target, replace(target, doi=bad))
        _defect(paper, code, bad, [["10.123/"]])
    elif code == "REF004":
        late = paper.front.year + 2
        _replace(paper, target, replace(target, year=late))
        _defect(paper, code, f"{target.first} {late}", [[target.first, str(late)]])
    elif code == "META001":
        paper.front.cite_volume = paper.front.volume + 1
        _defect(
            paper,
            code,
            f"volume {paper.front.volume} vs {paper.front.cite_volume}",
            [[str(paper.front.cite_volume)]],
        )
    elif code == "META002":
        paper.front.issn = make_issn(rng, valid=False)
        _defect(paper, code, paper.front.issn, [[paper.front.issn]])


def _replace(paper: Paper, old: Record, new: Record) -> None:
    paper.records[paper.records.index(old)] = new


def _fresh(pool: list[Record], paper: Paper) -> Record:
    taken = {r.first for r in paper.records} | set(FAKE_NAMES)
    spare = [r for r in pool[-40:] if r.first not in taken]  # never chosen as a paper's own
    return spare[sum(map(ord, paper.name)) % len(spare)]


def finish_cit001(rng: random.Random, paper: Paper) -> None:
    if not paper.edits.pop("cit001", False):
        return
    if paper.template.kind == "authoryear":
        fake = rng.choice(FAKE_NAMES)
        year = rng.randint(2001, 2018)
        _insert(rng, paper, ["This was reported by ", Typed(f"{fake} ({year})"), ". "])
        _defect(paper, "CIT001", f"{fake} ({year})", [[fake, str(year)]])
    else:
        entries = len(paper.records) + _listed_footnotes(paper)
        number = entries + 1
        typed = _typed_numeric(paper, number)
        _insert(rng, paper, ["A later survey agrees", typed, ". "])
        label = typed.text.strip("[]") if paper.template.kind == "alphabetic" else str(number)
        _defect(paper, "CIT001", f"citation {typed.text} of {entries} references", [[label]])


def _listed_footnotes(paper: Paper) -> int:
    """Footnotes the class numbers into the list: a typed number past the works may name one."""
    if not paper.template.footnotes_in_list:
        return 0
    return sum(b.kind == "footnote-para" for b in paper.blocks)


def build_paper(template: Template, index: int, pool: list[Record], defects: int) -> Paper:
    """Paper ``index`` of ``template`` with ``defects`` planted defects (0: a clean paper)."""
    rng = random.Random(f"{template.name}/{index}")
    short = index % 4 == 3 and not template.twocolumn
    count = rng.randint(40, 50) if template.long else rng.randint(14, 24)
    records = choose_records(rng, pool[:-40], 6 if short else count)
    front = front_matter(rng, index, 2020 + index % 3)
    blocks = _body(rng, [r.key for r in records], template, short)
    if template.footnotes:
        blocks = _with_footnotes(blocks)
    paper = Paper(
        name=f"{template.name}-{index:02d}",
        template=template,
        title=f"On {_sentence(rng).split(' ', 2)[1]} {TOPICS[index % 3]} in practice",
        authors=tuple(rng.sample(PEOPLE, 2)),
        front=front,
        records=records,
        nocite=[],
        blocks=blocks,
        appendix=index % 3 == 1 and not short,
        short=short,
        defects=[],
        edits={},
    )
    used: set[str] = set()
    for code in defect_plan(template, index, applicable(template, paper), defects):
        plant(rng, paper, code, pool, used)
    finish_cit001(rng, paper)
    return paper


def defect_plan(template: Template, index: int, candidates: list[str], count: int) -> list[str]:
    """``count`` codes, rotating through the template's applicable codes paper by paper."""
    if not candidates or count <= 0:
        return []
    position = [t.name for t in TEMPLATES].index(template.name) if template in TEMPLATES else 0
    start = (index * count + position * 5) % len(candidates)
    return [candidates[(start + i) % len(candidates)] for i in range(min(count, len(candidates)))]
