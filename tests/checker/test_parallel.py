"""The parallel runner and the result cache: same findings as a plain run, in the
same order; corpus rules see every file's collected value whether it was computed
in a worker or read from the cache; the cache misses whenever anything that can
change findings changes."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import SEEDS
from tests.fake_rules import FirstLines, corpus_rule  # noqa: F401 - a fixture
from zhcheck.app.cli import main
from zhcheck.engine import Engine
from zhcheck.run import cache as cache_mod
from zhcheck.run import parallel
from zhcheck.run.cache import ResultCache


@pytest.fixture
def articles(tmp_path):
    """Six files: the seeds plus a copy of the first one."""
    d = tmp_path / "articles"
    d.mkdir()
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copy(p, d / p.name)
    first = sorted(SEEDS.glob("*.txt"))[0]
    shutil.copy(first, d / "zz_copy.txt")
    return d


def _dump(result) -> list:
    return [(fr.path, fr.encoding, fr.chars, [f.to_dict() for f in fr.findings]) for fr in result.files]


@pytest.mark.usefixtures("corpus_rule")
def test_parallel_equals_plain_run_with_corpus_rule(articles, tmp_path) -> None:
    cfg = {"select": ["T101", "D999"]}
    plain = Engine(cfg).run([str(articles)])
    two = parallel.run(Engine(cfg), [str(articles)], jobs=2)
    assert _dump(two) == _dump(plain)
    copies = [f for f in two.findings if f.rule == "D999"]
    assert [f.path for f in copies] == [str(articles / "zz_copy.txt")]
    assert copies[0].related[0].path.endswith("000_f6cb8ddde45fba85.txt")
    assert sum(f.rule == "T101" for f in two.findings) > 100
    # the parent rebuilt every document from the worker's text
    assert all(fr.document is not None and len(fr.document.text) == fr.chars for fr in two.files)


@pytest.mark.usefixtures("corpus_rule")
def test_cached_rerun_gives_same_result_without_checking(articles, tmp_path, monkeypatch) -> None:
    cfg = {"select": ["T101", "D999"]}
    cache = ResultCache(tmp_path / "cache")
    first = parallel.run(Engine(cfg), [str(articles)], jobs=2, cache=cache)
    assert (tmp_path / "cache" / "CACHEDIR.TAG").is_file()

    def boom(self, doc):
        raise AssertionError(f"{doc.path} was checked again")

    def no_finalize(self, collected, ctx):
        raise AssertionError("the corpus rule ran again over unchanged files")

    monkeypatch.setattr(Engine, "check_document", boom)
    monkeypatch.setattr(FirstLines, "finalize", no_finalize)
    again = parallel.run(Engine(cfg), [str(articles)], jobs=2, cache=cache)
    assert _dump(again) == _dump(first)
    assert any(f.rule == "D999" for f in again.findings), "corpus findings come from the cache"


@pytest.mark.usefixtures("corpus_rule")
def test_changed_file_reruns_corpus_rule_over_cached_values(articles, tmp_path, monkeypatch) -> None:
    cfg = {"select": ["T101", "D999"]}
    cache = ResultCache(tmp_path / "cache")
    parallel.run(Engine(cfg), [str(articles)], jobs=2, cache=cache)
    (articles / "003_9833e333b5bcdff6.txt").write_text("全新的开头。\n", encoding="utf-8")
    seen: list[list[str]] = []
    real = FirstLines.finalize

    def spy(self, collected, ctx):
        seen.append([p.rsplit("/", 1)[-1] for p, _ in collected])
        return real(self, collected, ctx)

    monkeypatch.setattr(FirstLines, "finalize", spy)
    again = parallel.run(Engine(cfg), [str(articles)], jobs=2, cache=cache)
    assert len(seen) == 1 and len(seen[0]) == 6, "finalize sees all six files, five from the cache"
    assert _dump(again) == _dump(Engine(cfg).run([str(articles)]))


def _misses(engine_cfg, articles, cache, monkeypatch) -> list[str]:
    checked: list[str] = []
    real = Engine.check_document

    def spy(self, doc):
        checked.append(doc.path.rsplit("/", 1)[-1])
        return real(self, doc)

    monkeypatch.setattr(Engine, "check_document", spy)
    parallel.run(Engine(engine_cfg), [str(articles)], jobs=1, cache=cache)
    monkeypatch.setattr(Engine, "check_document", real)
    return checked


def test_cache_key_covers_content_config_and_versions(articles, tmp_path, monkeypatch) -> None:
    cache = ResultCache(tmp_path / "cache")
    cfg = {"select": ["T101"]}
    assert len(_misses(cfg, articles, cache, monkeypatch)) == 6
    assert _misses(cfg, articles, cache, monkeypatch) == []
    # content
    with open(articles / "zz_copy.txt", "a", encoding="utf-8") as fh:
        fh.write("\n新增一段,带半角逗号。\n")
    assert _misses(cfg, articles, cache, monkeypatch) == ["zz_copy.txt"]
    # effective config: another rule set, another severity floor, another severity override
    assert len(_misses({"select": ["T101", "G101"]}, articles, cache, monkeypatch)) == 6
    assert len(_misses({"select": ["T101"], "min-severity": "error"}, articles, cache, monkeypatch)) == 6
    assert len(_misses({"select": ["T101"], "severity": {"T101": "error"}}, articles, cache, monkeypatch)) == 6
    assert len(_misses({"select": ["T101"], "per-file-ignores": {"zz_*": ["T"]}}, articles, cache, monkeypatch)) == 1
    # zhcheck version and rule data
    monkeypatch.setattr(cache_mod, "code_fingerprint", lambda: "another version")
    assert len(_misses(cfg, articles, cache, monkeypatch)) == 6


def test_rule_data_change_changes_fingerprint(tmp_path, monkeypatch) -> None:
    import zhcheck.rules

    before = cache_mod.code_fingerprint()
    cache_mod.code_fingerprint.cache_clear()
    monkeypatch.setattr(zhcheck.rules, "__path__", [*zhcheck.rules.__path__, str(tmp_path)])
    (tmp_path / "table.txt").write_text("新数据\n", encoding="utf-8")
    try:
        assert cache_mod.code_fingerprint() != before
    finally:
        cache_mod.code_fingerprint.cache_clear()


def test_corrupt_cache_entry_is_a_miss(articles, tmp_path) -> None:
    cache = ResultCache(tmp_path / "cache")
    cfg = {"select": ["T101"]}
    first = parallel.run(Engine(cfg), [str(articles)], jobs=1, cache=cache)
    for p in (tmp_path / "cache").rglob("*"):
        if p.is_file() and p.parent.parent.name.startswith("v"):
            p.write_bytes(b"not a pickle")
    again = parallel.run(Engine(cfg), [str(articles)], jobs=1, cache=cache)
    assert _dump(again) == _dump(first)


def test_progress_reports_every_file(articles) -> None:
    seen: list[tuple[int, int]] = []
    parallel.run(Engine({"select": ["T101"]}), [str(articles)], jobs=2, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (6, 6) and [d for d, _ in seen] == list(range(1, 7))


def test_cli_jobs_and_cache_do_not_change_output(runner, articles, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    base = ["check", "--format", "json", "--select", "T101", "--fail-on", "info", str(articles)]
    one = runner.invoke(main, [*base, "--jobs", "1", "--no-cache"])
    assert one.exit_code == 1, one.output
    assert not (tmp_path / ".zhcheck_cache").exists(), "--no-cache writes nothing"
    two = runner.invoke(main, [*base, "--jobs", "2"])
    cached = runner.invoke(main, [*base, "--jobs", "2"])
    assert (tmp_path / ".zhcheck_cache" / f"v{cache_mod.FORMAT}").is_dir()
    assert json.loads(one.stdout) == json.loads(two.stdout) == json.loads(cached.stdout)
    assert one.stderr == "" and cached.stderr == "", "no progress bar when stderr is not a terminal"


def test_cache_config_keys(runner, articles, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "zhcheck.toml").write_text('jobs = 2\ncache-dir = "build/zc"\n', encoding="utf-8")
    res = runner.invoke(main, ["check", "--select", "T101", "-q", "--fail-on", "info", str(articles)])
    assert res.exit_code == 1
    assert (tmp_path / "build" / "zc" / f"v{cache_mod.FORMAT}").is_dir()
    (tmp_path / "zhcheck.toml").write_text("cache = false\n", encoding="utf-8")
    shutil.rmtree(tmp_path / "build")
    runner.invoke(main, ["check", "--select", "T101", "-q", str(articles)])
    assert not (tmp_path / "build").exists() and not (tmp_path / ".zhcheck_cache").exists()
    (tmp_path / "zhcheck.toml").write_text("jobs = 0\n", encoding="utf-8")
    bad = runner.invoke(main, ["check", str(articles)])
    assert bad.exit_code == 2 and "jobs" in bad.output


def test_progress_with_cache_hits_and_misses(articles, tmp_path) -> None:
    cache = ResultCache(tmp_path / "cache")
    parallel.run(Engine({"select": ["T101"]}), [str(articles)], jobs=2, cache=cache)
    (articles / "zz_copy.txt").write_text("改过,的文件。\n", encoding="utf-8")
    (articles / "new.txt").write_text("新文件,内容。\n", encoding="utf-8")
    seen: list[tuple[int, int]] = []
    parallel.run(
        Engine({"select": ["T101"]}), [str(articles)], jobs=2, cache=cache, progress=lambda d, t: seen.append((d, t))
    )
    # the five cache hits are reported at once, with the first file to check: with two jobs
    # it is checked before the workers fork (they inherit what its rules loaded)
    assert seen[0] == (6, 7)
    assert seen[-1] == (7, 7) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_progress_bar_only_for_many_files(capsys) -> None:
    from zhcheck.app.cli import _ProgressBar

    with _ProgressBar(enabled=False) as update:
        assert update is None
    bar = _ProgressBar(enabled=True)
    with bar as update:
        update(1, 3)
        assert bar._bar is None, "no bar for a few files"
        for i in range(1, 21):
            update(i, 20)
        assert bar._bar is not None
    assert capsys.readouterr().out == "", "the bar goes to stderr"


def test_a_dying_worker_does_not_lose_files(articles, monkeypatch, capsys) -> None:
    import os

    from zhcheck import registry
    from zhcheck.finding import Category, Severity
    from zhcheck.registry import Rule

    parent = os.getpid()

    def die_in_worker(doc, ctx):
        if "zz_copy" in doc.path and os.getpid() != parent:
            os._exit(3)  # as if the kernel killed the worker (out of memory)
        return iter(())

    monkeypatch.setitem(
        registry._REGISTRY,
        "G999",
        Rule("G999", "test-crash", Category.GARBLED, Severity.ERROR, "t", "t", "a", "b", check=die_in_worker),
    )
    cfg = {"select": ["T101", "G999"]}
    result = parallel.run(Engine(cfg), [str(articles)], jobs=2)
    assert "worker process died" in capsys.readouterr().err
    assert _dump(result) == _dump(Engine(cfg).run([str(articles)]))


def test_jobs_follow_the_input_size(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(parallel, "default_jobs", lambda: 4)
    small = tmp_path / "small.txt"
    small.write_text("一篇短文。\n" * 100, encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (3 * parallel.BYTES_PER_JOB))
    assert parallel.jobs_for([(0, str(small), True)]) == 1, "a small input is checked in this process"
    assert parallel.jobs_for([(0, str(small), True), (1, str(big), True)]) == 3
    huge = [(i, str(big), True) for i in range(5)]
    assert parallel.jobs_for(huge) == 4, "never more than the cores"
    assert parallel.jobs_for([(0, str(tmp_path / "missing.txt"), True)]) == 1


def test_one_process_loads_the_compiled_segmenter_for_much_text(articles, monkeypatch) -> None:
    """`--jobs 1` over files holding PYTHON_BUDGET characters or more loads rjieba before
    the first file instead of cutting that much in Python first; a small input never loads it."""
    from zhcheck import segmenter

    warmed: list[bool] = []
    monkeypatch.setattr(segmenter.Segmenter, "warm", lambda self: warmed.append(True))
    size = sum(p.stat().st_size for p in articles.iterdir())
    monkeypatch.setattr(segmenter, "PYTHON_BUDGET", size // 3 + 1)
    parallel.run(Engine({"select": ["T101"]}), [str(articles)], jobs=1)
    assert warmed == []
    monkeypatch.setattr(segmenter, "PYTHON_BUDGET", size // 3)
    parallel.run(Engine({"select": ["T101"]}), [str(articles)], jobs=1)
    assert warmed == [True]
