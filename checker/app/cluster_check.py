"""`zhcheck check --scheduler ADDR`: the cluster run behind the command line.

Checks the inputs on a Dask cluster (`zhcheck.run.cluster`) and streams one record per
file to `-o` (JSON Lines, or Parquet for `*.parquet`; JSON Lines on standard output
without `-o`); prints errors and a one-line summary on stderr and returns the exit
status the local run would (2 for an unreadable named file, 1 for findings at or
above `fail-on`).
"""

from __future__ import annotations

import contextlib

import click

from zhcheck.config import Config
from zhcheck.errors import ZhcheckError
from zhcheck.finding import Severity


def check_on_cluster(cfg: Config, paths: list[str], files_from: str | None, output: str | None, quiet: bool) -> int:
    """Run `check` on the cluster of `cfg.scheduler`; the exit status."""
    from zhcheck.engine import Engine
    from zhcheck.run import cluster
    from zhcheck.run.sources import check_exists, iter_inputs
    from zhcheck.run.writers import open_writer

    assert cfg.scheduler is not None
    if "-" in paths:
        raise ZhcheckError("--scheduler: standard input (-) cannot be checked on a cluster; name files or --files-from")
    for p in paths:
        check_exists(p)
    engine = Engine(cfg)
    writer = open_writer(output)
    closed = False
    try:
        with cluster.connect(cfg.scheduler, cfg.jobs) as client:
            summary = cluster.run(
                client,
                engine,
                iter_inputs(paths, cfg, files_from),
                writer.write,
                cache_location=cfg.cache_path if cfg.cache else None,
                scratch=cfg.cluster_scratch,
                partition_files=cfg.cluster_partition_files,
                shuffle_parts=cfg.cluster_join_tasks,
            )
        writer.close()
        closed = True
    finally:
        if not closed:
            with contextlib.suppress(Exception):
                writer.close()
    for path, error, explicit in summary.errors:
        level = "error" if explicit else "warning"
        click.echo(f"zhcheck: {level}: {path}: {error}{'' if explicit else ', skipped'}", err=True)
    if not summary.files:
        click.echo("zhcheck: warning: no files to check", err=True)
    if not quiet:
        counts = ", ".join(f"{n:,} {level}" for level, n in sorted(summary.by_severity.items()))
        where = f" written to {output}" if output else ""
        click.echo(
            f"zhcheck: {summary.files:,} files, {summary.findings:,} findings{f' ({counts})' if counts else ''}{where}",
            err=True,
        )
    if any(explicit for _, _, explicit in summary.errors):
        return 2
    if cfg.fail_on != "never":
        threshold = Severity.parse(cfg.fail_on).rank
        if any(Severity.parse(level).rank >= threshold for level, n in summary.by_severity.items() if n):
            return 1
    return 0


def refuse_options(fmt: str | None, baseline: str | None, write_baseline: str | None) -> None:
    """One line for the options a cluster run does not have."""
    if fmt and fmt.lower() != "json":
        raise ZhcheckError(f"--scheduler writes JSON Lines (or Parquet with -o FILE.parquet), not --format {fmt}")
    if baseline or write_baseline:
        raise ZhcheckError("--scheduler: baselines are not available on a cluster run")
