"""Evaluation: how well the rules find the defects annotated in gold files.

Gold files are `<gold dir>/<article stem>.jsonl`, one JSON object per defect:
`{"category", "type", "start", "end", "text", "note"}` (offsets as in the JSON
report; `corpus/README.md` documents the format). The matching rule:

- a gold defect is *found* when a finding of the same category overlaps it by
  at least one character;
- a finding is a *true positive* when it overlaps a gold defect of its
  category; a finding that overlaps only `neutral` records (doubtful spots) is
  neither credited nor counted false; any other finding is *false*.

(An empty finding span counts as the one character at its position.)

Clean files (professionally edited articles) have no defects: every finding on
them is a false alarm, reported per 10,000 characters, overall and per *source* (each
clean directory) and *half*: a file belongs to the check half iff the SHA-1 of its base
name is odd (`half_of`), else to the tuning half. Thresholds are tuned on tuning halves;
false alarms are reported on check halves. Each (source, half) is checked as its own run,
so cross-file rules compare a file only with the files of its own source and half.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import Any

from zhcheck.app.page_eval import PageScore, judge_page
from zhcheck.config import Config, coerce
from zhcheck.document import Document
from zhcheck.engine import Engine, FileResult, discover
from zhcheck.errors import ZhcheckError
from zhcheck.finding import Category, Finding
from zhcheck.run import parallel

NEUTRAL = "neutral"
CATEGORIES: tuple[str, ...] = tuple(c.value for c in Category)
GOLD_SUFFIX = ".jsonl"
#: files found in corpus directories that are not articles
NOT_ARTICLES = ("README.md", "README.txt")
#: an article with fewer gold defects outside typography than this (per 10,000 chars) is a clean control
CONTROL_MAX_PER_10K = 1.0

MATCHING_RULE = (
    "A gold defect is found when a finding of the same category overlaps it by at least one "
    "character. A finding is a true positive when it overlaps a gold defect of its category; "
    "findings overlapping only `neutral` gold records are neither credited nor counted false; "
    "every other finding is false. Every finding on a clean file is a false alarm."
)


class GoldError(ZhcheckError):
    """A gold file that cannot be read or does not match its article."""


# --- gold ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldRecord:
    """One annotated defect (or, with category `neutral`, a doubtful spot)."""

    category: str
    type: str
    start: int
    end: int
    text: str
    note: str = ""
    suggestion: str | None = None

    @property
    def is_neutral(self) -> bool:
        return self.category == NEUTRAL


def parse_gold(lines: Iterable[str], source: str, article: str | None = None) -> list[GoldRecord]:
    """Parse JSON lines into records; with `article`, check each span's text against it.

    Raises GoldError naming `source` and the line for anything malformed.
    """
    records = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{where}: invalid JSON ({exc.msg})") from None
        if not isinstance(raw, dict):
            raise GoldError(f"{where}: expected a JSON object")
        try:
            rec = GoldRecord(
                category=str(raw["category"]),
                type=str(raw["type"]),
                start=raw["start"],
                end=raw["end"],
                text=str(raw.get("text", "")),
                note=str(raw.get("note") or ""),
                suggestion=raw.get("suggestion"),
            )
        except KeyError as exc:
            raise GoldError(f"{where}: missing key {exc.args[0]!r}") from None
        if rec.category not in (*CATEGORIES, NEUTRAL):
            raise GoldError(f"{where}: unknown category {rec.category!r}")
        if not (isinstance(rec.start, int) and isinstance(rec.end, int) and 0 <= rec.start < rec.end):
            raise GoldError(f"{where}: bad span {raw.get('start')!r}:{raw.get('end')!r}")
        if article is not None:
            if rec.end > len(article):
                raise GoldError(f"{where}: span {rec.start}:{rec.end} is past the end of the article")
            if article[rec.start : rec.end] != rec.text:
                raise GoldError(
                    f"{where}: text {rec.text[:20]!r} does not match the article at {rec.start}:{rec.end} "
                    f"({article[rec.start : rec.end][:20]!r})"
                )
        records.append(rec)
    return records


def gold_path(article: str | os.PathLike[str], gold_dir: str | os.PathLike[str]) -> Path:
    """Where the gold file of an article lives: `<gold_dir>/<article stem>.jsonl`."""
    return Path(gold_dir) / (Path(article).stem + GOLD_SUFFIX)


def load_gold(path: Path, article: str | None = None) -> list[GoldRecord]:
    """Read and parse one gold file (validated against `article` when given)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read gold file ({exc.__class__.__name__})") from None
    return parse_gold(text.splitlines(), str(path), article)


# --- matching -----------------------------------------------------------------------------

TP, FALSE, NEUTRAL_HIT = "tp", "false", "neutral"


def _overlaps(start: int, end: int, rec: GoldRecord) -> bool:
    end = max(end, start + 1)  # an empty span is the character at its position
    return max(start, rec.start) < min(end, rec.end)


@dataclass
class FileEval:
    """One article with gold: its findings, each judged, and which gold defects were found."""

    path: str
    chars: int
    gold: list[GoldRecord]
    findings: list[Finding]
    #: per finding (same order): TP, FALSE or NEUTRAL_HIT
    verdicts: list[str] = field(default_factory=list)
    #: per gold record (same order): found by a finding of its category (never for neutral records)
    found: list[bool] = field(default_factory=list)
    document: Document | None = field(default=None, repr=False)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset."""
        return self.document.position(offset) if self.document is not None else (0, 0)

    def outside_typography(self) -> Score:
        """Gold and findings of the categories a clean article must not have."""
        scores = {True: Score()}
        typo = Category.TYPOGRAPHY
        tally([self], scores, lambda rec: rec.category != typo.value or None, lambda f: f.category is not typo or None)
        return scores[True]

    @property
    def is_control(self) -> bool:
        """A control article: clean apart from typography (few other gold defects)."""
        return per_10k(self.outside_typography().gold, self.chars) < CONTROL_MAX_PER_10K


def match(gold: Sequence[GoldRecord], findings: Sequence[Finding]) -> tuple[list[str], list[bool]]:
    """Judge findings against gold with the documented matching rule.

    Returns (verdict per finding, found flag per gold record).
    """
    by_cat: dict[str, list[int]] = defaultdict(list)
    for i, rec in enumerate(gold):
        by_cat[rec.category].append(i)
    found = [False] * len(gold)
    verdicts = []
    for f in findings:
        hits = [i for i in by_cat.get(f.category.value, ()) if _overlaps(f.start, f.end, gold[i])]
        for i in hits:
            found[i] = True
        if hits:
            verdicts.append(TP)
        elif any(_overlaps(f.start, f.end, gold[i]) for i in by_cat.get(NEUTRAL, ())):
            verdicts.append(NEUTRAL_HIT)
        else:
            verdicts.append(FALSE)
    return verdicts, found


# --- scores -----------------------------------------------------------------------------


@dataclass
class Score:
    """Counts behind recall and precision for one category, type or rule."""

    gold: int = 0
    found: int = 0
    findings: int = 0
    tp: int = 0
    false: int = 0
    neutral: int = 0

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        judged = self.tp + self.false
        return self.tp / judged if judged else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "found": self.found,
            "findings": self.findings,
            "tp": self.tp,
            "false": self.false,
            "neutral": self.neutral,
            "recall": _round(self.recall),
            "precision": _round(self.precision),
            "f1": _round(self.f1),
        }


def tally(
    files: Iterable[FileEval],
    scores: dict[Any, Score],
    gold_key: Callable[[GoldRecord], Any],
    finding_key: Callable[[Finding], Any],
) -> None:
    """Add gold records and judged findings into `scores[key]`; a key of None leaves an item out."""
    for fe in files:
        for rec, ok in zip(fe.gold, fe.found, strict=True):
            key = None if rec.is_neutral else gold_key(rec)
            if key is not None:
                s = scores[key]
                s.gold += 1
                s.found += ok
        for f, verdict in zip(fe.findings, fe.verdicts, strict=True):
            key = finding_key(f)
            if key is not None:
                s = scores[key]
                s.findings += 1
                s.tp += verdict == TP
                s.false += verdict == FALSE
                s.neutral += verdict == NEUTRAL_HIT


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def per_10k(count: int, chars: int) -> float:
    """Findings per 10,000 characters."""
    return count * 10_000 / chars if chars else 0.0


CHECK, TUNING = "check", "tuning"


def half_of(path: str | os.PathLike[str]) -> str:
    """The half of a clean control a file belongs to (team convention): CHECK or TUNING."""
    name = os.path.basename(os.fspath(path))
    return CHECK if int(hashlib.sha1(name.encode()).hexdigest(), 16) % 2 == 1 else TUNING


@dataclass
class SourceHalf:
    """False alarms on one half of one clean source."""

    source: str
    half: str
    files: int = 0
    chars: int = 0
    findings: int = 0
    #: findings outside typography, at every severity (what a clean text must not have)
    non_typography: int = 0
    by_rule: Counter[str] = field(default_factory=Counter)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "half": self.half,
            "files": self.files,
            "chars": self.chars,
            "findings": self.findings,
            "per_10k": round(per_10k(self.findings, self.chars), 3),
            "non_typography": self.non_typography,
            "non_typography_per_10k": round(per_10k(self.non_typography, self.chars), 3),
            "by_rule": dict(sorted(self.by_rule.items())),
        }


@dataclass
class CleanEval:
    """Findings on clean files: all of them false alarms."""

    files: list[FileResult] = field(default_factory=list)
    #: file path -> its source (the clean directory it was found under)
    sources: dict[str, str] = field(default_factory=dict)

    def by_source_half(self) -> list[SourceHalf]:
        """False alarms per (source, half), sources in the order given, check half first."""
        table: dict[tuple[str, str], SourceHalf] = {}
        for fr in self.files:
            source = self.sources.get(fr.path, "")
            key = (source, half_of(fr.path))
            row = table.setdefault(key, SourceHalf(*key))
            row.files += 1
            row.chars += fr.chars
            row.findings += len(fr.findings)
            for f in fr.findings:
                if f.category is not Category.TYPOGRAPHY:
                    row.non_typography += 1
                    row.by_rule[f.rule] += 1
        order = list(dict.fromkeys(self.sources.values()))
        return sorted(table.values(), key=lambda r: (order.index(r.source) if r.source in order else -1, r.half))

    @property
    def chars(self) -> int:
        return sum(fr.chars for fr in self.files)

    @property
    def findings(self) -> list[Finding]:
        return [f for fr in self.files for f in fr.findings]

    def by_category(self) -> Counter[str]:
        return Counter(f.category.value for f in self.findings)

    def by_rule(self) -> Counter[str]:
        return Counter(f.rule for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        chars = self.chars
        cats = self.by_category()
        return {
            "files": len(self.files),
            "chars": chars,
            "findings": len(self.findings),
            "per_10k": round(per_10k(len(self.findings), chars), 3),
            "by_category": {c: {"findings": cats[c], "per_10k": round(per_10k(cats[c], chars), 3)} for c in CATEGORIES},
            "by_rule": {
                r: {"findings": n, "per_10k": round(per_10k(n, chars), 3)} for r, n in sorted(self.by_rule().items())
            },
            "sources": [row.to_dict() for row in self.by_source_half()],
        }


@dataclass
class Evaluation:
    """The result of `evaluate`: judged articles with gold, and clean controls."""

    files: list[FileEval]
    clean: CleanEval
    #: article paths that were checked but have no gold file (left out of the scores)
    without_gold: list[str] = field(default_factory=list)
    rule_names: dict[str, str] = field(default_factory=dict)
    #: scraped pages judged for page furniture: path -> line counts
    pages: dict[str, PageScore] = field(default_factory=dict)

    def page_scores(self) -> dict[str, PageScore]:
        """The page-furniture line counts summed over all pages, the tuning and the check half."""
        halves = {"all": PageScore(), "tuning": PageScore(), "check": PageScore()}
        for path, score in self.pages.items():
            halves["all"] += score
            halves[half_of(path)] += score
        return halves

    @property
    def chars(self) -> int:
        return sum(fe.chars for fe in self.files)

    def by_category(self) -> dict[str, Score]:
        """Recall, precision and F1 per category (all five, even without gold)."""
        scores = {c: Score() for c in CATEGORIES}
        tally(self.files, scores, lambda rec: rec.category, lambda f: f.category.value)
        return scores

    def by_type(self) -> dict[tuple[str, str], Score]:
        """Recall per gold (category, type)."""
        scores: dict[tuple[str, str], Score] = defaultdict(Score)
        tally(self.files, scores, lambda rec: (rec.category, rec.type), lambda f: None)
        return dict(sorted(scores.items(), key=lambda kv: (CATEGORIES.index(kv[0][0]), kv[0][1])))

    def by_rule(self) -> dict[str, Score]:
        """Precision per rule (gold is not attributed to rules, so no recall)."""
        scores: dict[str, Score] = defaultdict(Score)
        tally(self.files, scores, lambda rec: None, lambda f: f.rule)
        return dict(sorted(scores.items()))

    def misses(self) -> list[tuple[FileEval, GoldRecord]]:
        """Gold defects no finding of their category overlaps."""
        return [
            (fe, rec)
            for fe in self.files
            for rec, ok in zip(fe.gold, fe.found, strict=True)
            if not ok and not rec.is_neutral
        ]

    def false_findings(self) -> list[tuple[FileEval, Finding]]:
        """Findings on gold articles that overlap no gold defect of their category."""
        return [(fe, f) for fe in self.files for f, v in zip(fe.findings, fe.verdicts, strict=True) if v == FALSE]

    def to_dict(self) -> dict[str, Any]:
        """The evaluation as plain data (the `--format json` output)."""
        clean = self.clean.by_category()
        clean_chars = self.clean.chars
        cats = {}
        for c, s in self.by_category().items():
            clean_rate = round(per_10k(clean[c], clean_chars), 3)
            cats[c] = s.to_dict() | {"clean_findings": clean[c], "clean_per_10k": clean_rate}
        return {
            "matching": MATCHING_RULE,
            "files": [
                {
                    "path": fe.path,
                    "chars": fe.chars,
                    "gold": sum(not r.is_neutral for r in fe.gold),
                    "neutral": sum(r.is_neutral for r in fe.gold),
                    "findings": len(fe.findings),
                    "control": fe.is_control,
                    "by_category": _file_scores(fe),
                    "outside_typography": fe.outside_typography().to_dict(),
                }
                for fe in self.files
            ],
            "without_gold": self.without_gold,
            "categories": cats,
            "types": {f"{c}/{t}": s.to_dict() for (c, t), s in self.by_type().items()},
            "rules": {r: s.to_dict() | {"name": self.rule_names.get(r, "")} for r, s in self.by_rule().items()},
            "clean": self.clean.to_dict(),
            "pages": {
                "halves": {k: v.to_dict() for k, v in self.page_scores().items()} if self.pages else {},
                "files": {p: v.to_dict() for p, v in self.pages.items()},
            },
            "misses": [_record_dict(fe, rec) for fe, rec in self.misses()],
            "false": [_finding_dict(f) for _, f in self.false_findings()],
            "clean_false": [_finding_dict(f) for f in self.clean.findings],
        }


def _file_scores(fe: FileEval) -> dict[str, dict[str, Any]]:
    scores = {c: Score() for c in CATEGORIES}
    tally([fe], scores, lambda rec: rec.category, lambda f: f.category.value)
    return {c: s.to_dict() for c, s in scores.items() if s.gold or s.findings}


def _record_dict(fe: FileEval, rec: GoldRecord) -> dict[str, Any]:
    line, col = fe.position(rec.start)
    return {
        "path": fe.path,
        "line": line,
        "column": col,
        "category": rec.category,
        "type": rec.type,
        "start": rec.start,
        "end": rec.end,
        "text": rec.text,
        "note": rec.note,
    }


def _finding_dict(f: Finding) -> dict[str, Any]:
    return {"path": f.path} | f.to_dict()


# --- running ------------------------------------------------------------------------------


def evaluate(
    paths: Sequence[str],
    gold_dir: str | os.PathLike[str],
    clean_dirs: Sequence[str] = (),
    config: Config | dict[str, Any] | None = None,
    pages_dir: str | os.PathLike[str] | None = None,
) -> Evaluation:
    """Check `paths` and judge the findings against `gold_dir`; check `clean_dirs` for false alarms.

    With `pages_dir`, its scraped pages are checked too (a run of their own) and judged for
    page furniture against `<pages_dir>/gold` (`zhcheck.app.page_eval`).

    Articles without a gold file are checked but left out of the scores (listed in
    `without_gold`). The articles and the clean files are two separate runs, so
    cross-file rules compare articles only with articles, clean files with clean files.
    Files are checked in `config.jobs` processes (default: all cores), never from the cache.
    """
    engine = Engine(_articles_only(config))
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise GoldError(f"{gold_dir}: gold directory not found")
    result = parallel.run(engine, list(paths), jobs=engine.config.jobs)
    files, without = [], []
    for fr in result.files:
        if fr.error:
            raise ZhcheckError(f"{fr.path}: {fr.error}")
        gp = gold_path(fr.path, gold_dir)
        if not gp.is_file():
            without.append(fr.path)
            continue
        gold = load_gold(gp, fr.document.source_text if fr.document is not None else None)
        verdicts, found = match(gold, fr.findings)
        files.append(FileEval(fr.path, fr.chars, gold, fr.findings, verdicts, found, fr.document))
    clean = CleanEval()
    for clean_dir in clean_dirs:
        source = source_name(clean_dir)
        halves: dict[str, list[str]] = defaultdict(list)
        for path, _ in discover([os.fspath(clean_dir)], engine.config):
            halves[half_of(path)].append(path)
        for half in (CHECK, TUNING):
            if not halves[half]:
                continue
            run = parallel.run(engine, halves[half], jobs=engine.config.jobs)
            for fr in run.files:
                if not fr.error:
                    clean.files.append(fr)
                    clean.sources[fr.path] = source
    names = {r.code: r.name for r in engine.rules}
    pages = _judge_pages(engine, Path(pages_dir)) if pages_dir is not None else {}
    return Evaluation(files, clean, without, names, pages)


def _judge_pages(engine: Engine, pages_dir: Path) -> dict[str, PageScore]:
    """Page-furniture line counts of every page under `pages_dir` that has a gold file."""
    run = parallel.run(engine, [str(pages_dir)], jobs=engine.config.jobs)
    out = {}
    for fr in run.files:
        gp = gold_path(fr.path, pages_dir / "gold")
        if fr.error or fr.document is None or not gp.is_file():
            continue
        out[fr.path] = judge_page(fr.document.text, load_gold(gp, fr.document.text), fr.findings)
    return out


def source_name(clean_dir: str | os.PathLike[str]) -> str:
    """How a clean directory is named in the report: its path as given, without a trailing slash."""
    return os.fspath(clean_dir).rstrip("/\\") or os.fspath(clean_dir)


def default_clean_dirs(root: str | os.PathLike[str] = ".") -> list[str]:
    """`corpus/clean` and every folder of `corpus/controls` under `root` (those present)."""
    clean = os.path.join(root, "corpus", "clean")
    controls = os.path.join(root, "corpus", "controls")
    dirs = [clean] if os.path.isdir(clean) else []
    if os.path.isdir(controls):
        dirs.extend(os.path.join(controls, d) for d in sorted(os.listdir(controls)))
    return [os.path.normpath(d) for d in dirs if os.path.isdir(d)]


def count_inputs(paths: Sequence[str], config: Config) -> int:
    """How many articles a run over `paths` would check (to warn about empty inputs)."""
    return sum(1 for _ in discover(paths, _articles_only(config)))


def _articles_only(config: Config | dict[str, Any] | None) -> Config:
    """The config with README files excluded: they document a corpus, they are not its articles."""
    config = coerce(config)
    return config.replace(exclude=[*config.exclude, *NOT_ARTICLES])
