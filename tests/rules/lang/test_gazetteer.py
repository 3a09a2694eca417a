"""The gazetteer's lookups over its marisa indexes, and their pickled form (the dictionary cache)."""

from __future__ import annotations

import pickle

from zhcheck.rules.lang.gazetteer import Gazetteer

_ROWS = [
    ("43", "湖南省", "湖南"),
    ("4301", "长沙市", "长沙"),
    ("430104", "岳麓区", "岳麓"),
    ("430104002", "岳麓街道", "岳麓"),
    ("430181", "浏阳市", "浏阳"),
    ("4305", "邵阳市", "邵阳"),
    ("430523", "邵阳县", "邵阳"),
    ("11", "北京市", "北京"),
    ("110101", "东城区", "东城"),
    ("110101001", "东华门街道", ""),
    ("110102", "西城区", "西"),  # a one-character short form counts as none
]


def _gazetteer() -> Gazetteer:
    return Gazetteer(reversed(_ROWS), toponyms=["浏阳河"])  # rows in any order: kept in code order


def test_lookups() -> None:
    gaz = _gazetteer()
    assert gaz.full["长沙市"] == ["4301"]
    assert "长沙" not in gaz.full and "长沙" in gaz.short
    assert gaz.short["岳麓"] == ["430104", "430104002"]  # code order
    assert gaz.codes("邵阳") == ["4305", "430523"]
    assert gaz.codes("邵阳县") == ["430523"]
    assert gaz.codes("西") == [] and gaz.short.get("西") is None
    assert gaz.short_of("岳麓区") == "岳麓" and gaz.short_of("东华门街道") == "" and gaz.short_of("无名") == ""
    assert gaz.region_name("4301") == "长沙市" and gaz.region_name("99") == "99"
    assert gaz.place("430181").name == "浏阳市" and gaz.place("430182") is None
    assert [p.name for p in gaz.lookup("浏阳")] == ["浏阳市"]
    assert gaz.is_name("浏阳河") and gaz.is_name("岳麓") and gaz.is_name("北京市") and not gaz.is_name("西")
    assert gaz.in_region("4301") == [
        ("4301", "长沙市", "长沙"),
        ("430104", "岳麓区", "岳麓"),
        ("430104002", "岳麓街道", "岳麓"),
        ("430181", "浏阳市", "浏阳"),
    ]
    assert gaz.row(0) == ("11", "北京市", "北京")
    assert gaz.major_short == {"湖南", "长沙", "岳麓", "浏阳", "邵阳", "北京", "东城"}
    assert len(gaz.full) == len(_ROWS) and set(gaz.full) == {name for _c, name, _s in _ROWS}


def test_text_no_index_can_hold() -> None:
    gaz = _gazetteer()
    assert not gaz.is_name("长\udc80沙") and "长\udc80" not in gaz.full and gaz.codes("\udc80") == []
    assert not gaz.is_name("长沙\x00")
    # a lone surrogate (an undecodable byte) ends what a name can span
    assert list(gaz.mentions("在长沙市\udc80岳麓区")) == [(1, 4, "长沙市"), (5, 8, "岳麓区")]
    assert list(gaz.mentions("在长沙\udc80市")) == [(1, 3, "长沙")]


def test_mentions_longest_first() -> None:
    gaz = _gazetteer()
    text = "湖南省长沙市岳麓区和浏阳、东华门街道"
    assert list(gaz.mentions(text)) == [
        (0, 3, "湖南省"),
        (3, 6, "长沙市"),
        (6, 9, "岳麓区"),
        (10, 12, "浏阳"),
        (13, 18, "东华门街道"),
    ]
    assert list(gaz.mentions("浏阳和长沙市", min_len=3)) == [(3, 6, "长沙市")]
    assert gaz.name_starts("去长沙市") == [1]


def test_pickled_round_trip() -> None:
    gaz = _gazetteer()
    gaz.in_region("43")  # a remembered region is not pickled
    back = pickle.loads(pickle.dumps(gaz))
    for name in ("长沙市", "岳麓", "邵阳", "西", "浏阳河"):
        assert back.codes(name) == gaz.codes(name) and back.is_name(name) == gaz.is_name(name)
    assert back.in_region("") == gaz.in_region("")
    assert list(back.mentions("湖南省长沙市")) == list(gaz.mentions("湖南省长沙市"))
    empty = pickle.loads(pickle.dumps(Gazetteer([])))
    assert empty.in_region("") == [] and not empty.is_name("长沙")
