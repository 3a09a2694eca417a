"""O301: a name misprinted in one file of a run and printed right in others."""

from __future__ import annotations

from pathlib import Path

from zhcheck.engine import Engine

QINGDAO = "青岛市崂山区加快建设崂山实验室。近日，崂山实验室又有一批成果发布，市南区、市北区的企业积极参与。"


def run(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, str, str | None, str]]:
    for name, text in files.items():
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    result = Engine({"select": ["O301"], "cache": False, "jobs": 1}).run([str(tmp_path)])
    return [(Path(f.path).name, f.text, f.suggestion, f.message) for f in result.findings]


def test_a_look_alike_of_the_spelling_other_files_print(tmp_path: Path) -> None:
    hits = run(tmp_path, {"a.txt": QINGDAO, "b.txt": "本市企业与唠山实验室签署合作协议，共建联合研发中心。"})
    assert [(f, t, s) for f, t, s, _m in hits] == [("b.txt", "唠山实验室", "崂山实验室")]
    assert "a.txt 第 1 行" in hits[0][3]


def test_an_institution_named_after_a_local_place(tmp_path: Path) -> None:
    # 火 does not look like 崂, but 崂山 is a place of the article's city and 火山 is none
    other = "青岛市市南区、市北区和李沧区召开推进会，火山实验室负责人介绍了进展。"
    hits = run(tmp_path, {"a.txt": QINGDAO, "b.txt": other})
    assert [(f, t, s) for f, t, s, _m in hits] == [("b.txt", "火山实验室", "崂山实验室")]
    assert "本文所在地区的地名" in hits[0][3]


def test_real_names_of_other_regions_and_consistent_spellings_stay_silent(tmp_path: Path) -> None:
    zhengzhou = "郑州市金水区、中原区和二七区的企业与嵩山实验室开展合作。"
    files = {
        "a.txt": QINGDAO,
        "b.txt": zhengzhou,
        # printed the same way in two files: a real name the dictionaries lack
        "c.txt": "本市与唠山实验室签署合作协议。",
        "d.txt": "唠山实验室发布了新成果。",
    }
    assert run(tmp_path, files) == []


def test_one_file_alone_is_no_run(tmp_path: Path) -> None:
    assert run(tmp_path, {"b.txt": "本市企业与唠山实验室签署合作协议。崂山实验室也派人参加。"}) == []


def test_the_gazetteer_mentions_are_dropped_once_the_names_are_found_and_the_names_stay_the_same() -> None:
    from zhcheck.document import Document
    from zhcheck.rules.ocr import corpus, names

    text = (
        "河南省南阳市的西峡县、内乡县和浙川县都在丹江口库区周边。\n\n"
        "淅川县的丹江口水库和西峡县的伏牛山都是旅游胜地，南阳市第一中学的学生常去。"
    )
    kept = Document(text)
    expected = corpus.name_mentions(kept)
    doc = Document(text)
    found = names.find_names(doc)
    assert [m.target for m in found] == ["淅川县"]
    assert not [k for k in doc._memo if isinstance(k, tuple) and k[0] == "ocr.mentions"]
    assert expected.names and corpus.name_mentions(doc) == expected  # mentions asked again: worked out again


def test_the_prefecture_is_inferred_only_for_a_document_with_names() -> None:
    """O301's collected value carries the article's prefecture for its names' tallies (an
    institution named after a local place): inferred when a name needs it, never for an
    article without names (it reads every paragraph for place names)."""
    from zhcheck.document import Document
    from zhcheck.rules.ocr import corpus, locale

    plain = Document("今天天气很好，我们去公园散步。\n\n大家都很开心。")
    assert corpus.name_mentions(plain) == corpus.Collected("", ())
    assert "ocr.locale" not in plain._memo
    doc = Document("青岛市市南区、市北区和李沧区召开推进会，火山实验室负责人介绍了进展。")
    collected = corpus.name_mentions(doc)
    assert collected.names and collected.prefecture == locale.infer_locale(doc).prefecture == "3702"
