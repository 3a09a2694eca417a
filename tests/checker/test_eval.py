"""The evaluation: gold parsing, the matching rule, scores, and `zhcheck eval`."""

from __future__ import annotations

import json
import re

import pytest

from zhcheck.app.cli import main
from zhcheck.app.evaluation import (
    FALSE,
    MATCHING_RULE,
    NEUTRAL_HIT,
    TP,
    GoldError,
    GoldRecord,
    Score,
    evaluate,
    match,
    parse_gold,
)
from zhcheck.engine import check_text
from zhcheck.finding import Category, Finding, Severity

ARTICLE = "报告中提到,经济增长5.5%左右。\n乱码\ufffd出现在第二段。\n平顶山市郏县的老城区很安静。\n"
CLEAN_TEXT = "今年以来，全市经济稳中向好，主要指标好于预期。\n各地持续推进重点项目建设。\n"


def finding(category: Category, start: int, end: int, rule: str = "X101") -> Finding:
    return Finding(rule, "x", category, Severity.WARNING, start, end, 1, start + 1, 1, end + 1, "m", "")


def gold(category: str, start: int, end: int, type_: str = "t") -> GoldRecord:
    return GoldRecord(category, type_, start, end, "")


def record(text: str, sub: str, category: str, type_: str, note: str = "") -> dict:
    i = text.index(sub)
    return {"category": category, "type": type_, "start": i, "end": i + len(sub), "text": sub, "note": note}


# --- the matching rule ------------------------------------------------------------------


def test_overlap_of_one_character_in_the_same_category_is_a_hit() -> None:
    g = [gold("ocr", 10, 14)]
    verdicts, found = match(g, [finding(Category.OCR, 13, 20)])
    assert verdicts == [TP] and found == [True]


def test_adjacent_spans_do_not_overlap() -> None:
    g = [gold("ocr", 10, 14)]
    verdicts, found = match(g, [finding(Category.OCR, 14, 20), finding(Category.OCR, 5, 10)])
    assert verdicts == [FALSE, FALSE] and found == [False]


def test_another_category_neither_finds_nor_is_credited() -> None:
    verdicts, found = match([gold("ocr", 10, 14)], [finding(Category.GARBLED, 10, 14)])
    assert verdicts == [FALSE] and found == [False]


def test_neutral_records_are_neither_credited_nor_counted() -> None:
    g = [gold("neutral", 0, 5), gold("layout", 3, 8)]
    verdicts, found = match(g, [finding(Category.OCR, 1, 2), finding(Category.LAYOUT, 1, 4)])
    assert verdicts == [NEUTRAL_HIT, TP]
    assert found == [False, True]  # a neutral record is never "found"


def test_one_finding_may_find_several_defects_and_several_findings_one() -> None:
    g = [gold("typography", 5, 6), gold("typography", 9, 10), gold("typography", 30, 31)]
    f = [finding(Category.TYPOGRAPHY, 5, 10), finding(Category.TYPOGRAPHY, 9, 10)]
    verdicts, found = match(g, f)
    assert verdicts == [TP, TP] and found == [True, True, False]


def test_empty_finding_counts_as_the_character_at_its_position() -> None:
    verdicts, found = match([gold("layout", 10, 11)], [finding(Category.LAYOUT, 10, 10)])
    assert verdicts == [TP] and found == [True]
    assert match([gold("layout", 10, 11)], [finding(Category.LAYOUT, 11, 11)])[0] == [FALSE]


def test_scores() -> None:
    s = Score(gold=4, found=3, findings=6, tp=4, false=1, neutral=1)
    assert s.recall == 0.75 and s.precision == 0.8
    assert s.f1 == pytest.approx(2 * 0.75 * 0.8 / 1.55)
    assert Score().recall is None and Score().precision is None and Score().f1 is None
    assert Score(gold=2).recall == 0.0 and Score(gold=2).f1 is None
    assert (s + s).tp == 8 and (s + s).gold == 8


# --- gold files ---------------------------------------------------------------------------


def test_parse_gold_reads_records_and_ignores_blank_lines() -> None:
    line = json.dumps({"category": "ocr", "type": "confusable-name", "start": 2, "end": 4, "text": "提到", "note": "n"})
    (rec,) = parse_gold([line, ""], "g.jsonl", "报告提到")
    assert rec == GoldRecord("ocr", "confusable-name", 2, 4, "提到", "n")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "g.jsonl:1: invalid JSON"),
        ('{"category": "ocr", "type": "t", "start": 0, "text": "报告"}', "g.jsonl:1: missing key 'end'"),
        ('{"category": "spelling", "type": "t", "start": 0, "end": 2, "text": "报告"}', "unknown category 'spelling'"),
        ('{"category": "ocr", "type": "t", "start": 3, "end": 3, "text": ""}', "bad span 3:3"),
        ('{"category": "ocr", "type": "t", "start": 0, "end": 2, "text": "提到"}', "does not match the article"),
        ('{"category": "ocr", "type": "t", "start": 2, "end": 9, "text": "提到"}', "past the end"),
        ("[1, 2]", "expected a JSON object"),
    ],
)
def test_parse_gold_rejects_bad_records(line: str, message: str) -> None:
    with pytest.raises(GoldError, match=re.escape(message)):
        parse_gold([line], "g.jsonl", "报告提到")


# --- evaluate: real rules on a small corpus -----------------------------------------------


@pytest.fixture
def corpus(tmp_path):
    arts = tmp_path / "articles"
    arts.mkdir()
    (arts / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (arts / "unannotated.txt").write_text("他说,好。\n", encoding="utf-8")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    records = [
        record(ARTICLE, ",", "typography", "halfwidth-punctuation", "半角逗号"),
        record(ARTICLE, "\ufffd", "garbled", "mojibake", "替换字符"),
        record(ARTICLE, "郏县的老", "ocr", "confusable-name", "示例：未被发现的缺陷"),
    ]
    (gold_dir / "a.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "c1.txt").write_text(CLEAN_TEXT, encoding="utf-8")
    (clean / "c2.txt").write_text("会议指出,要坚持稳中求进。\n", encoding="utf-8")
    (clean / "README.md").write_text("# notes, not an article: 说明,不是文章\n", encoding="utf-8")
    return tmp_path


def test_evaluate_scores_categories_types_rules_and_clean_files(corpus) -> None:
    ev = evaluate([str(corpus / "articles")], corpus / "gold", [str(corpus / "clean")], {"select": ["T101", "G101"]})
    assert [fe.path for fe in ev.files] == [str(corpus / "articles" / "a.txt")]
    assert ev.without_gold == [str(corpus / "articles" / "unannotated.txt")]
    cats = ev.by_category()
    assert (cats["typography"].gold, cats["typography"].found, cats["typography"].tp) == (1, 1, 1)
    assert (cats["garbled"].recall, cats["garbled"].precision) == (1.0, 1.0)
    assert (cats["ocr"].gold, cats["ocr"].found, cats["ocr"].recall, cats["ocr"].precision) == (1, 0, 0.0, None)
    assert ev.by_type()[("ocr", "confusable-name")].recall == 0.0
    assert set(ev.by_rule()) == {"T101", "G101"}
    [(fe, missed)] = ev.misses()
    assert missed.text == "郏县的老" and fe.position(missed.start) == (3, 5)
    assert ev.false_findings() == []
    # the README of the clean directory is not an article
    assert len(ev.clean.files) == 2
    assert ev.clean.by_category() == {"typography": 1}
    assert ev.clean.chars == len(CLEAN_TEXT) + len("会议指出,要坚持稳中求进。\n")
    data = ev.to_dict()
    assert data["categories"]["typography"]["clean_per_10k"] == pytest.approx(1e4 / ev.clean.chars, abs=1e-3)
    assert data["matching"] == MATCHING_RULE


def test_a_finding_outside_the_gold_is_false(corpus) -> None:
    (corpus / "gold" / "a.jsonl").write_text("", encoding="utf-8")  # annotated: no defects at all
    ev = evaluate([str(corpus / "articles" / "a.txt")], corpus / "gold", config={"select": ["T101"]})
    [(_, f)] = ev.false_findings()
    assert f.rule == "T101" and f.text == ","
    assert ev.by_category()["typography"].precision == 0.0
    assert ev.by_rule()["T101"].false == 1


def test_gold_that_does_not_match_its_article_is_an_error(corpus) -> None:
    (corpus / "gold" / "a.jsonl").write_text(
        '{"category": "ocr", "type": "t", "start": 0, "end": 2, "text": "乱码"}\n', encoding="utf-8"
    )
    with pytest.raises(GoldError, match=r"a\.jsonl:1: text '乱码' does not match"):
        evaluate([str(corpus / "articles")], corpus / "gold")


def test_rule_findings_match_gold_written_from_the_json_report() -> None:
    # gold offsets are those of the JSON report: a finding's own span is always a hit
    text = "会议强调,要坚持稳中求进!\n"
    f, g = check_text(text, {"select": ["T101"]})
    rec = GoldRecord("typography", "halfwidth-punctuation", f.start, f.start + 1, text[f.start])
    assert match([rec], [f, g]) == ([TP, FALSE], [True])


# --- the command --------------------------------------------------------------------------


def _eval(runner, corpus, *args: str):
    return runner.invoke(
        main,
        [
            "eval",
            "--gold",
            str(corpus / "gold"),
            "--clean",
            str(corpus / "clean"),
            "--select",
            "T101,G101",
            *args,
            str(corpus / "articles"),
        ],
    )


def test_eval_command_text(runner, corpus) -> None:
    res = _eval(runner, corpus, "--show-misses", "--show-false")
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    row = next(line for line in lines if line.startswith("ocr "))
    assert row.split()[:4] == ["ocr", "1", "0", "0.0%"]
    row = next(line for line in lines if line.startswith("typography "))
    assert row.split() == ["typography", "1", "1", "100.0%", "1", "1", "0", "0", "100.0%", "100.0%", "1", "192.31"]
    assert f"  {corpus / 'articles' / 'a.txt'}:3:5: [ocr/confusable-name] «郏县的老» — 示例：未被发现的缺陷" in lines
    assert any(line.startswith(f"  {corpus / 'clean' / 'c2.txt'}:1:5: T101 [typography] «,»") for line in lines)
    assert "Not scored (no gold file):" in res.output


def test_eval_command_json(runner, corpus) -> None:
    res = _eval(runner, corpus, "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["categories"]["garbled"]["recall"] == 1.0
    assert data["types"]["ocr/confusable-name"]["found"] == 0
    assert data["rules"]["G101"] == data["rules"]["G101"] | {"name": "mojibake", "tp": 1, "false": 0}
    assert data["misses"][0]["line"] == 3 and data["misses"][0]["text"] == "郏县的老"
    assert data["clean"]["by_category"]["typography"]["findings"] == 1
    assert [f["path"] for f in data["clean_false"]] == [str(corpus / "clean" / "c2.txt")]


def test_eval_help_states_the_matching_rule(runner) -> None:
    res = runner.invoke(main, ["eval", "--help"])
    assert res.exit_code == 0
    assert MATCHING_RULE in " ".join(res.output.split())


def test_eval_errors_are_one_line(runner, corpus, tmp_path) -> None:
    res = runner.invoke(main, ["eval", "--gold", str(tmp_path / "nope"), str(corpus / "articles")])
    assert res.exit_code == 2 and res.output.strip() == f"zhcheck: error: {tmp_path / 'nope'}: gold directory not found"
    (corpus / "gold" / "a.jsonl").write_text("{oops\n", encoding="utf-8")
    res = _eval(runner, corpus)
    assert res.exit_code == 2 and "a.jsonl:1: invalid JSON" in res.output and "Traceback" not in res.output


def test_control_article_and_its_section() -> None:
    from zhcheck.app.eval_report import render_text
    from zhcheck.app.evaluation import CleanEval, Evaluation, FileEval

    g = [gold("typography", 0, 1), gold("garbled", 100, 120), gold("neutral", 300, 310)]
    f = [finding(Category.TYPOGRAPHY, 0, 1, "T101"), finding(Category.OCR, 200, 202, "O101")]
    verdicts, found = match(g, f)
    fe = FileEval("report.txt", 20_000, g, f, verdicts, found)
    assert fe.is_control  # one defect outside typography in 20,000 chars
    assert (fe.outside_typography().gold, fe.outside_typography().false) == (1, 1)
    text = render_text(Evaluation([fe], CleanEval()))
    assert "Control article report.txt (clean apart from typography): 1 finding outside typography" in text
    assert "  false   <text>:1:201: O101 [ocr] «» — m" in text
    g.append(gold("garbled", 400, 420))
    assert not FileEval("report.txt", 20_000, g, f, *match(g, f)).is_control


# --- clean sources and halves -----------------------------------------------------------


def test_half_of_follows_the_team_convention() -> None:
    from zhcheck.app.evaluation import CHECK, TUNING, half_of

    # sha1("c1.txt") is even, sha1("d1.txt") odd; the folder does not matter
    assert half_of("c1.txt") == TUNING
    assert half_of("/some/where/d1.txt") == CHECK
    assert half_of("elsewhere/d1.txt") == CHECK


def test_false_alarms_are_reported_per_source_and_half(corpus) -> None:
    other = corpus / "other"
    other.mkdir()
    (other / "d1.txt").write_text("平顶山市郏县的老城区很安静。\n平顶山市郏县的老城区很安静。\n", encoding="utf-8")
    ev = evaluate([str(corpus / "articles")], corpus / "gold", [str(corpus / "clean"), str(other)])
    rows = {(r.source, r.half): r for r in ev.clean.by_source_half()}
    # c1.txt and c2.txt are in the tuning half, d1.txt in the check half
    assert set(rows) == {(str(corpus / "clean"), "tuning"), (str(other), "check")}
    clean = rows[(str(corpus / "clean"), "tuning")]
    assert (clean.files, clean.findings, clean.non_typography) == (2, 1, 0)  # the half-width comma
    assert clean.chars == len(CLEAN_TEXT) + len("会议指出,要坚持稳中求进。\n")
    d1 = rows[(str(other), "check")]
    assert d1.non_typography == 1 and d1.by_rule == {"D101": 1}  # the repeated line
    data = ev.to_dict()["clean"]["sources"]
    assert [(r["source"], r["half"]) for r in data] == [(str(corpus / "clean"), "tuning"), (str(other), "check")]
    assert next(r for r in data if r["source"] == str(other))["non_typography_per_10k"] == pytest.approx(1e4 / 30, 0.01)


def test_default_clean_dirs_are_clean_and_each_control_folder(tmp_path) -> None:
    from zhcheck.app.evaluation import default_clean_dirs

    assert default_clean_dirs(tmp_path) == []
    for d in ("corpus/clean", "corpus/controls/statute", "corpus/controls/official"):
        (tmp_path / d).mkdir(parents=True)
    (tmp_path / "corpus/controls/README.md").write_text("x", encoding="utf-8")
    assert default_clean_dirs(tmp_path) == [
        str(tmp_path / "corpus/clean"),
        str(tmp_path / "corpus/controls/official"),
        str(tmp_path / "corpus/controls/statute"),
    ]
