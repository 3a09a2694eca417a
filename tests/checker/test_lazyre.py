"""Patterns compiled on first use, and from the compiler's output cached between runs."""

from __future__ import annotations

import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

from zhcheck import lazyre
from zhcheck.lazyre import LazyPattern, compile_cached, lazy
from zhcheck.textutil import CJK_CLASS


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(lazyre, "_table", None)
    monkeypatch.setattr(lazyre, "_added", {})
    return tmp_path / "cache"


def test_lazy_pattern_compiles_on_first_use_and_matches_like_re() -> None:
    p = lazy(r"第([一二三四五六七八九十]+)条", re.M)
    assert isinstance(p, LazyPattern) and "_compiled" not in vars(p)
    assert p.pattern == r"第([一二三四五六七八九十]+)条"  # there before compiling (patterns built from others)
    m = p.search("依照本法第十二条的规定")
    assert m is not None and m.group(1) == "十二" and m.span() == (4, 8)
    assert p.compiled() == re.compile(p.pattern, re.M)
    assert p.sub("X", "第三条和第四条") == "X和X" and p.groups == 1 and p.flags == re.compile(p.pattern, re.M).flags
    copy = pickle.loads(pickle.dumps(p))
    assert copy.findall("第一条第二条") == ["一", "二"]


def test_cached_code_gives_the_pattern_re_compile_gives(fresh_cache: Path) -> None:
    patterns = [(f"(?<![{CJK_CLASS}])[{CJK_CLASS}]{{2,}}(?P<tail>省|市)", 0), (r"^\s*#+\s", re.M), ("ab|c", re.I)]
    first = [compile_cached(p, f) for p, f in patterns]
    lazyre._save()
    assert list(fresh_cache.glob("zhcheck/re-*.marshal"))
    lazyre._table = None  # as a new process finds it
    second = [compile_cached(p, f) for p, f in patterns]
    assert not lazyre._added  # all three came from the cache
    for (p, f), a, b in zip(patterns, first, second, strict=True):
        expected = re.compile(p, f)
        assert a == expected and b == expected  # patterns compare by flags, source and code
        assert b.groupindex == expected.groupindex and b.groups == expected.groups
    m = second[0].search("他来自湖南省。")
    assert m is not None and m.group() == "他来自湖南省" and m.group("tail") == "省"


def test_a_damaged_cache_only_costs_a_compile(fresh_cache: Path) -> None:
    path = lazyre._cache_file()
    path.write_bytes(b"\x00not marshal")
    assert compile_cached("[甲乙]+").fullmatch("甲乙甲") is not None
    with pytest.raises(re.error):
        compile_cached("(unbalanced")  # the error re.compile raises


def test_every_pattern_of_the_rules_compiles_to_re_compiles_pattern(tmp_path: Path) -> None:
    # in a fresh process: the rules' modules, every lazy pattern compiled from an empty cache
    # and then from the cache written, compared with re.compile's
    code = (
        "import gc, re, sys\n"
        "from zhcheck import lazyre\n"
        "from zhcheck.registry import load_rules\n"
        "import zhcheck.app.cli, zhcheck.report.text, zhcheck.report.markdown_view\n"
        "load_rules()\n"
        "lz = [o for o in gc.get_objects() if isinstance(o, lazyre.LazyPattern)]\n"
        "assert len(lz) > 150, len(lz)\n"
        "for o in lz:\n"
        "    assert o.compiled() == re.compile(o.pattern, o._flags), o\n"
        "lazyre._save(); lazyre._table = None\n"
        "for o in lz:\n"
        "    assert lazyre.compile_cached(o.pattern, o._flags) == re.compile(o.pattern, o._flags), o\n"
        "assert not lazyre._added, list(lazyre._added)[:3]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=dict(os.environ, XDG_CACHE_HOME=str(tmp_path)))
