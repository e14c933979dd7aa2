"""雷同: how much of a report's narrative repeats last year's report of the same agency or another unit's report.

Each section's text is normalised (NFKC; white space, punctuation and symbols dropped; every run of digits
made '#'; the unit's own names made '@', so a copy with the name and the figures changed is still found) and
cut, paragraph by paragraph, into overlapping pieces of `SHINGLE` characters. Half of the pieces, chosen
by their hash (the same pieces in every report), stand for the text. A piece that at least half of the
reports in the folder have (and at least `MIN_STANDARD_REPORTS`) is a standard sentence every report has and
is not counted.

The share of section S of report A that repeats report B is the part of A's counted pieces in S that occur
anywhere in B's narrative; the share of the whole narrative is the same over all sections. A section with
fewer than `MIN_PIECES` counted pieces is not rated (None).
"""

from __future__ import annotations

import math
import re
import unicodedata
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from model import format as fmt
from model.draft import Draft

SHINGLE = 8
SAMPLE = 2  # one piece in SAMPLE is kept, by hash
MIN_PIECES = 8
MIN_STANDARD_REPORTS = 4
STANDARD_SHARE = 0.5

Fingerprints = dict[str, "array[int]"]  # section key → hashes of the sampled pieces, in text order

_DIGITS = re.compile(r"[0-9]+")
_AGENCY_SUFFIXES = ("人民政府办公室", "人民政府", "管理委员会", "办事处", "委员会")
_PREFIX_ENDS = "省市县区州旗盟"


def section_texts(draft: Draft) -> dict[str, str]:
    """Return the narrative of `draft` per section key of `model.format.SECTIONS` (一 with the preamble and
    the sub-point headings; 二/三/四 their lead sentences; 五; 六)."""
    overview = [draft.preamble, draft.overview_lead]
    for point in draft.overview_points:
        overview.extend([point.heading, point.text])
    return {
        "overview": "\n".join(overview),
        "proactive": draft.proactive_lead,
        "applications": draft.applications_lead,
        "review_litigation": draft.cases_lead,
        "problems": draft.problems,
        "other_matters": draft.other_matters,
    }


def name_forms(*names: str) -> list[str]:
    """Return the ways a unit may name itself, longest first: each of `names` (full and short name), without
    its 人民政府/管理委员会/办事处 ending, and without the province/city/county prefix
    (「米易县草场镇人民政府」 → 「草场镇人民政府」「米易县草场镇」「草场镇」…); forms under 2 characters left out."""
    forms: set[str] = set()
    for raw in names:
        name = unicodedata.normalize("NFKC", raw or "").strip()
        if not name:
            continue
        bases = {name}
        for suffix in _AGENCY_SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix) + 1:
                bases.add(name[: -len(suffix)])
        for base in list(bases):
            for i, ch in enumerate(base[:-2]):
                if ch in _PREFIX_ENDS:
                    bases.add(base[i + 1 :])
        forms |= {b for b in bases if len(b) >= 2}
    return sorted(forms, key=lambda s: (-len(s), s))


def normalize(text: str, names: Sequence[str] = ()) -> str:
    """Return `text` as compared: NFKC, the unit's `names` made '@', digits runs '#', no white space,
    punctuation or symbols."""
    text = unicodedata.normalize("NFKC", text)
    for name in names:
        text = text.replace(name, "@")
    text = _DIGITS.sub("#", text)
    return "".join(ch for ch in text if ch in "@#" or unicodedata.category(ch)[0] not in "ZPSC")


def pieces(text: str) -> array[int]:
    """Return the hashes (CRC-32, the same in every process) of the sampled `SHINGLE`-character pieces of
    normalised `text`, in order."""
    out: array[int] = array("I")
    data = text
    for i in range(len(data) - SHINGLE + 1):
        h = zlib.crc32(data[i : i + SHINGLE].encode("utf-8"))
        if h % SAMPLE == 0:
            out.append(h)
    return out


def fingerprints(draft: Draft, names: Sequence[str] = ()) -> Fingerprints:
    """Return the sampled pieces of each section of `draft`, the unit's own `names` (see `name_forms`) masked."""
    forms = name_forms(draft.agency, *names)
    prints: Fingerprints = {}
    for key, text in section_texts(draft).items():
        found: array[int] = array("I")
        for paragraph in text.split("\n"):  # no piece across two paragraphs (a heading and its text)
            found.extend(pieces(normalize(paragraph, forms)))
        prints[key] = found
    return prints


@dataclass
class Shares:
    """Shares (0–1) of one report's narrative found in another: `overall` (None when no section is rated)
    and `sections` (section key → share, None when too short to rate)."""

    overall: float | None
    sections: dict[str, float | None] = field(default_factory=dict)

    def described(self) -> str:
        """Return the rated sections and their shares in Chinese, highest first: 「五、… 96%；一、… 80%」."""
        rated = sorted(((s, v) for s, v in self.sections.items() if v is not None), key=lambda sv: -sv[1])
        return "；".join(f"{fmt.heading(s)} {percent(v)}" for s, v in rated)


def percent(share: float | None) -> str:
    """Return `share` as a whole percentage 「57%」 (「—」 for None)."""
    return "—" if share is None else f"{math.floor(share * 100 + 0.5)}%"


class Corpus:
    """The narratives of a folder's reports, to find standard sentences and each report's most similar other.

    `add(key, prints)` every report, then `standard()` (pieces most reports have), `shares(a, b_prints)` and
    `most_similar(key)`.
    """

    def __init__(self) -> None:
        self.prints: dict[str, Fingerprints] = {}
        self._standard: set[int] | None = None
        self._index: dict[int, list[str]] | None = None

    def add(self, key: str, prints: Fingerprints) -> None:
        """Add the report `key` with its `prints`."""
        self.prints[key] = prints
        self._standard = self._index = None

    def standard(self) -> set[int]:
        """Return the pieces that at least half of the reports (and `MIN_STANDARD_REPORTS`) have."""
        if self._standard is None:
            counts: Counter[int] = Counter()
            for prints in self.prints.values():
                counts.update(_all(prints))
            need = max(MIN_STANDARD_REPORTS, math.ceil(STANDARD_SHARE * len(self.prints)))
            self._standard = {h for h, n in counts.items() if n >= need}
        return self._standard

    def shares(self, prints: Fingerprints, other: Fingerprints) -> Shares:
        """Return the shares of `prints` (a report) found anywhere in `other` (another report's narrative)."""
        target = _all(other)
        return _shares(prints, self.standard(), lambda h: h in target)

    def most_similar(self, key: str, exclude: Iterable[str] = ()) -> tuple[str | None, Shares]:
        """Return the other report of the folder whose narrative repeats the most of report `key`'s, and the
        shares; (None, Shares(None)) when no section of `key` is rated or nothing is shared."""
        if self._index is None:
            standard = self.standard()
            index: dict[int, list[str]] = {}
            for k, prints in self.prints.items():
                for h in _all(prints) - standard:
                    index.setdefault(h, []).append(k)
            self._index = {h: ks for h, ks in index.items() if len(ks) > 1}
        skip = {key, *exclude}
        standard = self.standard()
        counted: Counter[str] = Counter()
        total = 0
        for section in self.prints[key].values():
            for h in section:
                if h in standard:
                    continue
                total += 1
                for other in self._index.get(h, ()):
                    if other not in skip:
                        counted[other] += 1
        if total == 0:
            return None, Shares(None)
        if not counted:  # rated, and nothing repeats another report
            return None, _shares(self.prints[key], standard, lambda h: False)
        best = max(counted, key=lambda k: (counted[k], k))
        return best, self.shares(self.prints[key], self.prints[best])


def _all(prints: Fingerprints) -> set[int]:
    out: set[int] = set()
    for section in prints.values():
        out.update(section)
    return out


def _shares(prints: Fingerprints, standard: set[int], test: Callable[[int], bool]) -> Shares:
    sections: dict[str, float | None] = {}
    hit_all = total_all = 0
    for key, section in prints.items():
        counted = [h for h in section if h not in standard]
        if len(counted) < MIN_PIECES:
            sections[key] = None
            continue
        hits = sum(1 for h in counted if test(h))
        sections[key] = hits / len(counted)
        hit_all += hits
        total_all += len(counted)
    return Shares(hit_all / total_all if total_all else None, sections)
