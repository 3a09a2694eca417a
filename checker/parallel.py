"""Run the engine over many files: result cache first, then worker processes.

`run(engine, paths, jobs=..., cache=...)` gives the same RunResult as
`Engine.run(paths)`: files in discovery order, corpus rules finalised in this
process over the values their `collect` produced (in a worker or from the
cache). Workers get the Config and build their own Engine; they send back the
FileResult without its Document plus the decoded text, from which the parent
rebuilds the Document for the reporters.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from checker import wire
from checker.cache import ResultCache, entry_key, to_entry
from checker.config import Config
from checker.document import Document, read_file_bytes
from checker.engine import STDIN, Engine, FileResult, RunResult, discover
from checker.errors import InputError

#: called with (files done, files in total) as results come in
ProgressFn = Callable[[int, int], None]


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def run(
    engine: Engine,
    paths: Iterable[str],
    *,
    jobs: int | None = None,
    cache: ResultCache | None = None,
    progress: ProgressFn | None = None,
) -> RunResult:
    """Check every file under `paths` with up to `jobs` processes (default: all cores)."""
    items = list(discover(paths, engine.config))
    total = len(items)
    results: list[FileResult | None] = [None] * total
    done = 0

    def record(i: int, result: FileResult, report: bool = True) -> None:
        nonlocal done
        results[i] = result
        done += 1
        if progress is not None and report:
            progress(done, total)

    pending: list[tuple[int, str, bool]] = []
    for i, (path, explicit) in enumerate(items):
        if path == STDIN:
            record(i, engine.check_file(path, explicit))
            continue
        hit = _cached(engine, cache, path, explicit) if cache is not None else None
        if hit is not None:
            record(i, hit, report=False)  # no progress output (a thread) before workers fork
        else:
            pending.append((i, path, explicit))

    workers = min(jobs or default_jobs(), len(pending))
    if workers <= 1:
        if progress is not None and done:
            progress(done, total)
        for i, path, explicit in pending:
            record(i, check_path(engine, path, explicit, cache))
    else:
        with _pool(engine.config, cache, workers) as pool:
            if progress is not None and done:
                progress(done, total)
            chunksize = max(1, min(8, len(pending) // (workers * 8)))  # balance vs. per-chunk overhead
            for i, result, rows, text in pool.imap_unordered(_work, pending, chunksize=chunksize):
                result.findings = wire.decode(rows)
                if text is not None:
                    result.document = Document(text, path=result.path, encoding=result.encoding or "utf-8")
                record(i, result)

    final = [r for r in results if r is not None]
    engine.finalize(final)
    return RunResult(final)


def check_path(engine: Engine, path: str, explicit: bool, cache: ResultCache | None) -> FileResult:
    """Read, decode and check one file, storing the result in the cache."""
    try:
        data = read_file_bytes(path, engine.config.max_bytes)
        doc = Document.from_bytes(data, path=path)
    except InputError as exc:
        return FileResult(path, error=str(exc), explicit=explicit)
    result = engine.check_document(doc)
    result.explicit = explicit
    if cache is not None:
        cache.put(entry_key(data, path, engine), to_entry(result))
    return result


def _cached(engine: Engine, cache: ResultCache, path: str, explicit: bool) -> FileResult | None:
    try:
        data = read_file_bytes(path, engine.config.max_bytes)
    except InputError:
        return None  # reported by the real check
    entry = cache.get(entry_key(data, path, engine))
    if entry is None:
        return None
    try:
        doc = Document.from_bytes(data, path=path)
    except InputError:
        return None
    return FileResult(
        path,
        findings=wire.decode(entry["findings"]),
        encoding=entry["encoding"],
        chars=entry["chars"],
        explicit=explicit,
        suppressions=list(entry["suppressions"]),
        collected=dict(entry["collected"]),
        document=doc,
    )


# --- worker processes -----------------------------------------------------------

_WORKER: tuple[Engine, ResultCache | None] | None = None


def _init_worker(config: Config, cache_dir: str | None) -> None:
    global _WORKER
    _WORKER = (Engine(config), ResultCache(cache_dir) if cache_dir is not None else None)


def _work(task: tuple[int, str, bool]) -> tuple[int, FileResult, list[tuple], str | None]:
    i, path, explicit = task
    assert _WORKER is not None
    engine, cache = _WORKER
    result = check_path(engine, path, explicit, cache)
    text = result.document.text if result.document is not None else None
    rows = wire.encode(result.findings)
    result.document = None  # the parent rebuilds it from the text (no memo to ship)
    result.findings = []
    return i, result, rows, text


def _context() -> Any:
    # fork is fast (workers inherit the imported rules); elsewhere use the default
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


@contextlib.contextmanager
def _pool(config: Config, cache: ResultCache | None, workers: int) -> Iterator[Any]:
    cache_dir = str(cache.directory) if cache is not None else None
    gc.freeze()  # forked workers then share the parent's objects instead of copying them
    try:
        pool = _context().Pool(workers, initializer=_init_worker, initargs=(config, cache_dir))
    finally:
        gc.unfreeze()
    try:
        yield pool
        pool.close()
    finally:
        pool.terminate()
        pool.join()
