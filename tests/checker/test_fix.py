"""`zhcheck fix`: the fix loop, file handling (encoding, newlines, atomic writes) and the command."""

from __future__ import annotations

import os
import shutil
import stat

import pytest

from tests.conftest import SEEDS, seed
from zhcheck.app.cli import main
from zhcheck.app.fixer import apply_edits, fix_file, fix_text, select_fixes
from zhcheck.engine import Engine
from zhcheck.finding import Applicability, Category, Edit, Finding, Fix, Severity

HALF = "报告中提到,经济增长5.5%左右,在实际工作中努力争取更好结果。\n"
HALF_FIXED = "报告中提到，经济增长5.5%左右，在实际工作中努力争取更好结果。\n"
BROKEN = "市级权限应放尽放，想干事有了权力。平顶\n\n山市政府出台暂行规定，赋予高新区经济、行政、社会权限。\n"
JOINED = "市级权限应放尽放，想干事有了权力。平顶山市政府出台暂行规定，赋予高新区经济、行政、社会权限。\n"


def finding(rule: str, edits: list[tuple[int, int, str]], safe: bool = True) -> Finding:
    s = min(e[0] for e in edits)
    fix = Fix(tuple(Edit(*e) for e in edits), Applicability.SAFE if safe else Applicability.UNSAFE)
    return Finding(rule, "x", Category.TYPOGRAPHY, Severity.WARNING, s, s, 1, 1, 1, 1, "m", "", fix=fix)


# --- the loop ------------------------------------------------------------------------


def test_colliding_fixes_are_resolved_by_position_then_code() -> None:
    a = finding("T102", [(2, 5, "x")])
    b = finding("T101", [(4, 6, "y")])  # overlaps a: later, skipped
    c = finding("L101", [(6, 6, "z")])  # insertion touching b only
    d = finding("T103", [(8, 9, "w")], safe=False)
    assert select_fixes([b, d, c, a]) == [a, c]
    assert select_fixes([b, d, c, a], unsafe=True) == [a, c, d]
    assert apply_edits("0123456789", [e for f in (a, c) for e in f.fix.edits]) == "01x5z6789"


def test_loop_reapplies_skipped_fixes_until_stable() -> None:
    result = fix_text(BROKEN.replace("，", ","), Engine({"select": ["T101", "L101"]}))
    assert result.fixed == JOINED
    assert {f.rule for f in result.applied} == {"T101", "L101"}
    assert fix_text(result.fixed, Engine()).applied == []


@pytest.mark.parametrize("unsafe", [False, True])
def test_fixing_twice_changes_nothing_on_every_seed(tmp_path, unsafe: bool) -> None:
    engine = Engine()
    for path in sorted(SEEDS.glob("*.txt")):
        copy = tmp_path / path.name
        shutil.copy(path, copy)
        first = fix_file(str(copy), engine, unsafe=unsafe)
        assert first.written and not first.error
        once = copy.read_bytes()
        second = fix_file(str(copy), engine, unsafe=unsafe)
        assert not second.changed and copy.read_bytes() == once, path.name


def test_fix_keeps_every_character_but_what_the_fixes_state() -> None:
    text = seed("001").read_text(encoding="utf-8")
    result = fix_text(text, Engine())
    widths = str.maketrans({",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"})
    # D101 deletes the repeated last line (and the blank line before it)
    kept = text[: text.rindex("\n\n创全国文明城市 建美丽宜居家园")]
    assert result.fixed.replace("\n", "") == kept.translate(widths).replace("\n", "")
    joins = [f for f in result.applied if f.rule == "L101"]
    assert [f.text for f in joins] == [
        "深入开展产业集聚区“百园增效”行动,大力推进“二次创业”,深化体制机制改革,突",
        "尊重他们生活习惯和传统",
        "定期召开推",
        "积极开展市",
    ]


# --- files ----------------------------------------------------------------------------


TRAD = "報告中提到,經濟增長5.5%左右,在實際工作中努力爭取更好結果。據統計,全年新增就業崗位三萬個。\n"


@pytest.mark.parametrize(
    ("codec", "bom", "text"),
    [
        ("utf-8", b"", HALF),
        ("utf-8", b"\xef\xbb\xbf", HALF),
        ("gb18030", b"", HALF),
        ("big5", b"", TRAD),
        ("utf-16-le", b"\xff\xfe", HALF),
        ("utf-16-be", b"", HALF),  # no byte-order mark, and none is added
    ],
)
def test_encoding_and_bom_are_kept(tmp_path, codec: str, bom: bytes, text: str) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(bom + text.encode(codec))
    result = fix_file(str(p), Engine({"select": ["T101"]}))
    assert result.written
    assert p.read_bytes() == bom + text.replace(",", "，").encode(codec)


def test_crlf_newlines_are_kept(tmp_path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(BROKEN.replace("\n", "\r\n").encode("utf-8"))
    fix_file(str(p), Engine({"select": ["L"]}))
    assert p.read_bytes() == JOINED.replace("\n", "\r\n").encode("utf-8")


def test_permissions_are_kept_and_no_temp_file_is_left(tmp_path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(HALF, encoding="utf-8")
    os.chmod(p, 0o640)
    fix_file(str(p), Engine({"select": ["T101"]}))
    assert stat.S_IMODE(os.stat(p).st_mode) == 0o640
    assert os.listdir(tmp_path) == ["a.txt"]


def test_a_file_that_does_not_round_trip_is_not_written(tmp_path) -> None:
    p = tmp_path / "a.txt"
    data = HALF.encode("gb18030") + b"\xff\xff\xff"  # not valid GB18030 at the end
    p.write_bytes(data)
    result = fix_file(str(p), Engine({"select": ["T101"]}))
    assert p.read_bytes() == data
    assert result.error


# --- the command ----------------------------------------------------------------------


def test_diff_of_seed_001_shows_joins_and_full_width_punctuation_only(runner) -> None:
    path = str(seed("001"))
    before = seed("001").read_bytes()
    res = runner.invoke(main, ["fix", "--diff", path])
    assert res.exit_code == 1
    assert seed("001").read_bytes() == before
    removed = [line[1:] for line in res.stdout.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in res.stdout.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert "定期召开推进会，并深入一线督导调研；" in "".join(added)
    assert "积极开展市容秩序和环境卫生专项整治，" in "".join(added)
    widths = str.maketrans({",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"})
    # the only line removed without a replacement: the repeated last line (D101)
    assert "".join(removed).translate(widths) == "".join(added) + "创全国文明城市 建美丽宜居家园"


def test_fix_in_place_select_and_unsafe(runner, tmp_path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(BROKEN.replace("，", ","), encoding="utf-8")
    res = runner.invoke(main, ["fix", "--select", "T", str(p)])
    assert res.exit_code == 0 and "fixed 2 findings in 1 file" in res.stderr
    assert p.read_text(encoding="utf-8") == BROKEN
    runner.invoke(main, ["fix", "--ignore", "T", str(p)])
    assert p.read_text(encoding="utf-8") == JOINED
    move = tmp_path / "b.txt"
    said = "凌兵奎说，改革只有进行时。"
    move.write_text(f"利用外资3326.5\n\n{said}\n\n万美元，完成任务目标的112.04%。\n", encoding="utf-8")
    res = runner.invoke(main, ["fix", str(move)])
    assert "more with --unsafe" in res.stderr and "3326.5\n" in move.read_text(encoding="utf-8")
    runner.invoke(main, ["fix", "--unsafe", str(move)])
    assert move.read_text(encoding="utf-8") == f"利用外资3326.5万美元，完成任务目标的112.04%。\n\n{said}\n"


def test_stdin_and_errors(runner, tmp_path) -> None:
    res = runner.invoke(main, ["fix", "-"], input=HALF.encode("utf-8"))
    assert res.exit_code == 0 and res.stdout == HALF_FIXED
    res = runner.invoke(main, ["fix", str(tmp_path / "missing.txt")])
    assert res.exit_code == 2 and "no such file" in res.stderr
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    res = runner.invoke(main, ["fix", str(tmp_path / "bin.txt")])
    assert res.exit_code == 2 and "Traceback" not in res.output


def test_random_debris_never_breaks_the_fix_loop() -> None:
    """Odd mixtures of marks, breaks and units: no exception, and a second fix changes nothing."""
    import random

    rng = random.Random(7)
    marks = "的了，。、；：！？“”‘’（）()《》,.:;!?\"' 万亿元3.5平顶山市实验室摄记者图为△#*—…·"
    pieces = [*marks, "\n", "\n\n\n", "\r\n", "\u3000"]
    engine = Engine({"extend-select": ["T105"]})
    for _ in range(150):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 90)))
        once = fix_text(text, engine, unsafe=True).fixed
        assert fix_text(once, engine, unsafe=True).fixed == once, repr(text)
