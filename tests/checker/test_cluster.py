"""The cluster runner (`zhcheck check --scheduler`): on a LocalCluster of two worker
processes it writes, file by file, the records a local run's JSON report holds, cross-file
findings (D301, O301) included, from local paths, a `file://` URL and a file list; its
shared result cache rechecks only changed files."""

from __future__ import annotations

import json
import random
import re
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import CLEAN, ROOT, SEEDS
from zhcheck.app.cli import main
from zhcheck.engine import Engine
from zhcheck.report.json_report import file_entry
from zhcheck.run import cluster, parallel
from zhcheck.run.sources import iter_inputs
from zhcheck.run.writers import record_line

distributed = pytest.importorskip("distributed")

QINGDAO = "青岛市崂山区加快建设崂山实验室。近日，崂山实验室又有一批成果发布，市南区、市北区的企业积极参与。"
_SENTENCE = re.compile(r"[^。！？]*[。！？]")


@pytest.fixture(scope="module")
def client():
    import logging

    cluster_ = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR
    )
    with distributed.Client(cluster_) as c:
        yield c
    cluster_.close()


def _generated(directory: Path) -> None:
    """Articles from corpus/clean sentences that share paragraphs (exact and near copies, a
    story filed twice) and print one organisation's name right and one glyph off."""
    rng = random.Random(22)
    pool = [s for p in sorted(CLEAN.glob("*.txt"))[:60] for s in _SENTENCE.findall(p.read_text(encoding="utf-8"))]
    pool = [s for s in pool if len(s) >= 12]
    shared = ["".join(rng.sample(pool, 3)) for _ in range(4)]
    for i in range(16):
        paras = ["".join(rng.sample(pool, 2)) for _ in range(3)]
        if i % 3 == 0:
            paras.insert(1, shared[i % 4])
        if i % 5 == 4:  # a near copy: one character changed
            near = list(shared[0])
            near[len(near) // 2] = "的"
            paras.append("".join(near))
        (directory / f"gen{i:02d}.txt").write_text("标题\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
    (directory / "gen16.txt").write_text("\n\n".join(["又一标题", *shared[:2]]) + "\n", encoding="utf-8")
    (directory / "names_a.txt").write_text(QINGDAO + "\n", encoding="utf-8")
    (directory / "names_b.txt").write_text("本市企业与唠山实验室签署合作协议，共建联合研发中心。\n", encoding="utf-8")


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """The seeds, corpus/clean_extra, every 10th file of corpus/clean, and generated cross-file copies."""
    d = tmp_path_factory.mktemp("archive")
    for sub, files in (
        ("seeds", sorted(SEEDS.glob("*.txt"))),
        ("clean_extra", sorted((ROOT / "corpus" / "clean_extra").glob("*.txt"))),
        ("clean", sorted(CLEAN.glob("*.txt"))[::10]),
    ):
        (d / sub).mkdir()
        for p in files:
            shutil.copy(p, d / sub / p.name)
    (d / "generated").mkdir()
    _generated(d / "generated")
    return d


CFG = {"cache": False, "fail-on": "never"}


def _local(paths: list[str], cfg=CFG) -> list[dict]:
    return [file_entry(fr) for fr in parallel.run(Engine(cfg), paths, jobs=1).files]


def _on_cluster(client, paths: list[str], cfg=CFG, **options) -> list[dict]:
    engine = Engine(cfg)
    lines: list[str] = []
    cluster.run(
        client,
        engine,
        iter_inputs(paths, engine.config, options.pop("files_from", None)),
        lambda records: lines.extend(map(record_line, records)),
        partition_files=9,
        shuffle_parts=3,
        **options,
    )
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def local_run(archive) -> list[dict]:
    return _local([str(archive)])


def test_cluster_findings_equal_the_local_run(client, archive, local_run) -> None:
    records = _on_cluster(client, [str(archive)])
    assert records == local_run
    rules = [f["rule"] for r in records for f in r["findings"]]
    # the generated copies and names are found across files, through the shuffle
    assert rules.count("D301") >= 6 and rules.count("O301") >= 1
    o301 = [(r["path"], f["text"], f["suggestion"]) for r in records for f in r["findings"] if f["rule"] == "O301"]
    assert (str(archive / "generated" / "names_b.txt"), "唠山实验室", "崂山实验室") in o301
    assert len(records) == len(list(archive.rglob("*.txt")))


def test_cluster_reads_a_file_url(client, archive, local_run) -> None:
    url = archive.as_uri()
    records = _on_cluster(client, [url])
    as_local = json.loads(json.dumps(records, ensure_ascii=False).replace(url, str(archive)))
    assert as_local == local_run
    assert all(r["path"].startswith("file://") for r in records)


def test_cluster_reads_a_file_list(client, archive, tmp_path) -> None:
    chosen = [archive / "generated" / "gen03.txt", archive / "generated" / "gen00.txt", archive / "seeds"]
    listing = tmp_path / "files.txt"
    listing.write_text("# some files\n" + "\n".join(map(str, chosen[:2])) + "\n\n", encoding="utf-8")
    records = _on_cluster(client, [str(chosen[2])], files_from=str(listing))
    assert records == _local([str(chosen[2]), *map(str, chosen[:2])])
    assert [r["path"] for r in records[-2:]] == [str(chosen[0]), str(chosen[1])]


def _entries(cache: Path) -> int:
    return sum(1 for p in cache.rglob("*") if p.is_file() and "scratch" not in p.parts and len(p.name) > 30)


def test_shared_cache_rechecks_only_changed_files(client, archive, tmp_path) -> None:
    d = tmp_path / "articles"
    shutil.copytree(archive / "generated", d)
    cache = tmp_path / "cache"
    cfg = {"cache": True, "cache-dir": cache.as_uri(), "fail-on": "never"}
    first = _on_cluster(client, [str(d)], cfg, cache_location=cache.as_uri())
    files = len(list(d.glob("*.txt")))
    assert _entries(cache) == files + 1  # one per file, one for the corpus findings of the run
    again = _on_cluster(client, [str(d)], cfg, cache_location=cache.as_uri())
    assert again == first and _entries(cache) == files + 1
    changed = d / "gen00.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n" + QINGDAO + "\n", encoding="utf-8")
    third = _on_cluster(client, [str(d)], cfg, cache_location=cache.as_uri())
    assert _entries(cache) == files + 3  # the changed file only, and the new run's corpus findings
    assert third == _local([str(d)], {**cfg, "cache": False})
    assert third != first


def test_cli_writes_json_lines_and_parquet(client, archive, runner, tmp_path) -> None:
    address = client.scheduler.address
    target = str(archive / "generated")
    out = tmp_path / "out.jsonl"
    config = tmp_path / "zhcheck.toml"  # small tasks: several check tasks and join tasks on 19 files
    config.write_text("cluster-partition-files = 4\ncluster-join-tasks = 5\n", encoding="utf-8")
    args = ["check", "--scheduler", address, "--config", str(config), "--no-cache", "-o", str(out), target]
    result = runner.invoke(main, args)
    assert result.exit_code == 1, result.output  # warnings at the default fail-on
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records == _local([target])
    assert "files," in result.stderr and "written to" in result.stderr
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "out.parquet"
    args = ["check", "--scheduler", address, "--no-cache", "--fail-on", "never", "-o", str(out), target]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    table = pq.read_table(out).to_pylist()
    assert [(r["path"], json.loads(r["findings"])) for r in table] == [(r["path"], r["findings"]) for r in records]


def test_cli_refusals_are_one_line(runner, archive, monkeypatch) -> None:
    target = str(archive / "generated")
    result = runner.invoke(main, ["check", "--scheduler", "local", "--format", "text", target])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "JSON Lines" in result.stderr
    result = runner.invoke(main, ["check", "--files-from", "x.txt", target])
    assert result.exit_code == 2 and "only with --scheduler" in result.stderr
    monkeypatch.setitem(sys.modules, "distributed", None)  # Dask not installed
    result = runner.invoke(main, ["check", "--scheduler", "local", target])
    assert result.exit_code == 2
    assert result.stderr == "zhcheck: error: --scheduler needs Dask distributed: pip install 'zhcheck[dask]'\n"
