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
import hashlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from zhcheck.config import Config
from zhcheck.document import Document, read_file_bytes
from zhcheck.engine import STDIN, Engine, FileResult, RunResult, discover
from zhcheck.errors import InputError
from zhcheck.formats import load
from zhcheck.run import wire
from zhcheck.run.cache import ResultCache, entry_key, from_entry, to_entry

#: allocations between young-generation collections during a run (Python's default: 700)
_GC_THRESHOLD = 10_000
#: called with (files done, files in total) as results come in
ProgressFn = Callable[[int, int], None]


#: input bytes (UTF-8 Chinese: ~3 a character) below which a second process does not pay
#: for itself: forking, and the tables a worker loads for what the first file did not need
BYTES_PER_JOB = 256 * 1024


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def jobs_for(tasks: list[tuple[int, str, bool]]) -> int:
    """Processes for checking `tasks` when none were asked for: every core, but no more
    than one per BYTES_PER_JOB of input (a few small files are checked in this process)."""
    size = sum(_size(t) for t in tasks)
    return max(1, min(default_jobs(), size // BYTES_PER_JOB))


def _size(task: tuple[int, str, bool]) -> int:
    try:
        return os.path.getsize(task[1])
    except OSError:
        return 0


def _warm_segmenter(tasks: list[tuple[int, str, bool]]) -> None:
    """Load the compiled segmenter now (before forking workers) when the files hold enough
    text for a process to load it anyway (zhcheck.segmenter.PYTHON_BUDGET characters, ~3
    bytes each): the Python cut of the first PYTHON_BUDGET characters is saved."""
    from zhcheck import segmenter

    if sum(_size(t) for t in tasks) >= 3 * segmenter.PYTHON_BUDGET:
        segmenter.segmenter().warm()


def run(
    engine: Engine,
    paths: Iterable[str],
    *,
    jobs: int | None = None,
    cache: ResultCache | None = None,
    progress: ProgressFn | None = None,
) -> RunResult:
    """Check every file under `paths` with up to `jobs` processes (default: all cores)."""
    with _fewer_collections():
        return _run(engine, paths, jobs, cache, progress)


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Collect garbage less often while findings pile up (they hold no cycles): the default
    threshold re-scans them so often that it triples the cost of receiving them."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], _GC_THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _run(
    engine: Engine,
    paths: Iterable[str],
    jobs: int | None,
    cache: ResultCache | None,
    progress: ProgressFn | None,
) -> RunResult:
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
    #: file index -> cache key of its content (None: stdin or unreadable)
    keys: dict[int, str | None] = {}
    for i, (path, explicit) in enumerate(items):
        if path == STDIN:
            record(i, engine.check_file(path, explicit))
            continue
        hit = None
        if cache is not None:
            hit, keys[i] = _cached(engine, cache, path, explicit)
        if hit is not None:
            record(i, hit, report=False)  # no progress output (a thread) before workers fork
        else:
            pending.append((i, path, explicit))

    def report_hits() -> None:
        if progress is not None and done:
            progress(done, total)

    workers = min(jobs or jobs_for(pending), len(pending))
    if workers > 1:
        # the first file is checked here before the workers fork: the dictionaries and
        # tables its rules load are then inherited by every worker instead of loaded by each
        i, path, explicit = pending.pop(0)
        record(i, check_path(engine, path, explicit, cache), report=False)
        _warm_segmenter(pending)
        workers = min(workers, len(pending))
    if workers > 1:
        try:
            for i, result in _in_workers(engine, cache, pending, workers, report_hits):
                record(i, result)
        except Exception as exc:  # a worker died (killed, out of memory) or a result could not be sent
            from concurrent.futures.process import BrokenProcessPool

            what = "a worker process died" if isinstance(exc, BrokenProcessPool) else f"{type(exc).__name__}: {exc}"
            print(f"zhcheck: warning: {what}; checking the remaining files in one process", file=sys.stderr)
    else:
        report_hits()
        _warm_segmenter(pending)  # one process cutting that much text: rjieba at once
    for i, path, explicit in pending:
        if results[i] is None:
            record(i, _slim(check_path(engine, path, explicit, cache)))

    final = [r for r in results if r is not None]
    if cache is None or len(keys) != len(final):  # no cache, or stdin among the inputs
        engine.finalize(final)
        return RunResult(final)
    run_key = _run_key(final, keys)
    if run_key is None or not _corpus_from_cache(engine, cache, run_key, final):
        engine.finalize(final)
        if run_key is not None:
            _corpus_to_cache(engine, cache, run_key, final)
    return RunResult(final)


def check_path(engine: Engine, path: str, explicit: bool, cache: ResultCache | None) -> FileResult:
    """Read, decode and check one file, storing the result in the cache."""
    try:
        data = read_file_bytes(path, engine.config.max_bytes)
        doc = load(data, path)
    except InputError as exc:
        return FileResult(path, error=str(exc), explicit=explicit)
    result = engine.check_document(doc)
    result.explicit = explicit
    if cache is not None:
        cache.put(entry_key(data, path, engine), to_entry(result))
    return result


def _slim(result: FileResult) -> FileResult:
    """Once its findings are taken, a file keeps its text for the reports, not the
    paragraphs its check split (what a worker sends back is the same)."""
    doc = result.document
    if doc is not None:
        result.document = Document(doc.text, doc.path, doc.encoding, layout=doc.layout)
    return result


def _cached(engine: Engine, cache: ResultCache, path: str, explicit: bool) -> tuple[FileResult | None, str | None]:
    """(the cached result or None, the file's cache key or None when it cannot be read)."""
    try:
        data = read_file_bytes(path, engine.config.max_bytes)
    except InputError:
        return None, None  # reported by the real check
    key = entry_key(data, path, engine)
    entry = cache.get(key)
    if entry is None:
        return None, key
    try:
        doc = load(data, path)
    except InputError:
        return None, key
    return from_entry(entry, doc, explicit), key


# --- corpus rules over an unchanged set of files ------------------------------------


def _run_key(results: list[FileResult], keys: dict[int, str | None]) -> str | None:
    """A key for the whole run: every file's key, in order (None if a file had none)."""
    parts = []
    for i, fr in enumerate(results):
        key = keys.get(i)
        if key is None:
            if not fr.error:
                return None
            key = f"error:{fr.path}:{fr.error}"
        parts.append(key)
    return "corpus-" + hashlib.blake2b("\n".join(parts).encode(), digest_size=20).hexdigest()


def _text(fr: FileResult) -> str | None:
    """The text findings' offsets refer to (the file's text; for HTML the markup too)."""
    return fr.document.source_text if fr.document is not None else None


def _corpus_codes(engine: Engine) -> set[str]:
    return {r.code for r in engine.rules if r.corpus is not None}


def _corpus_from_cache(engine: Engine, cache: ResultCache, run_key: str, results: list[FileResult]) -> bool:
    """Attach the corpus findings stored for exactly these files; False when there are none."""
    codes = _corpus_codes(engine)
    if not codes:
        return True
    entry = cache.get(run_key)
    try:
        if entry is None or len(entry["files"]) != len(results):
            return False
        found = [wire.decode(rows, _text(fr)) if rows else [] for fr, rows in zip(results, entry["files"], strict=True)]
    except Exception:  # an entry of another layout: a miss
        return False
    for fr, extra in zip(results, found, strict=True):
        if extra:
            fr.findings.extend(extra)
            fr.findings.sort(key=lambda f: f.sort_key)
    return True


def _corpus_to_cache(engine: Engine, cache: ResultCache, run_key: str, results: list[FileResult]) -> None:
    codes = _corpus_codes(engine)
    if codes:
        rows = [wire.encode([f for f in fr.findings if f.rule in codes], _text(fr)) for fr in results]
        cache.put(run_key, {"files": rows})


# --- worker processes -----------------------------------------------------------

_WORKER: tuple[Engine, ResultCache | None] | None = None
#: the parent's engine, inherited by forked workers (with every table it has loaded)
_PARENT_ENGINE: Engine | None = None


def _init_worker(config: Config, cache_dir: str | None) -> None:
    global _WORKER
    gc.set_threshold(max(gc.get_threshold()[0], _GC_THRESHOLD), *gc.get_threshold()[1:])
    engine = _PARENT_ENGINE if _PARENT_ENGINE is not None and _PARENT_ENGINE.config is config else Engine(config)
    _WORKER = (engine, ResultCache(cache_dir) if cache_dir is not None else None)


def _work(tasks: list[tuple[int, str, bool]]) -> list[tuple[int, FileResult, list[tuple], Any]]:
    assert _WORKER is not None
    engine, cache = _WORKER
    out = []
    for i, path, explicit in tasks:
        result = check_path(engine, path, explicit, cache)
        doc = result.document
        rows = wire.encode(result.findings, _text(result))
        shipped = None if doc is None else (doc.text, doc.layout)
        result.document = None  # the parent rebuilds it from the text and layout (no memo to ship)
        result.findings = []
        out.append((i, result, rows, shipped))
    return out


def _context() -> Any:
    # fork is fast (workers inherit the imported rules); elsewhere use the default
    import multiprocessing  # here, not at import: a run in one process needs none of it

    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _chunks(tasks: list[tuple[int, str, bool]], workers: int) -> list[list[tuple[int, str, bool]]]:
    """Largest files first, a few per chunk, single files at the end: workers finish together."""

    ordered = sorted(tasks, key=_size, reverse=True)
    per = max(1, min(4, len(tasks) // (workers * 8)))
    tail = min(len(ordered), 2 * workers * per)
    head = ordered[: len(ordered) - tail]
    return [head[k : k + per] for k in range(0, len(head), per)] + [[t] for t in ordered[len(head) :]]


def _in_workers(
    engine: Engine,
    cache: ResultCache | None,
    tasks: list[tuple[int, str, bool]],
    workers: int,
    started: Callable[[], object],
) -> Iterator[tuple[int, FileResult]]:
    """Results of `tasks` from worker processes, as they complete; `started()` is
    called once the workers exist (nothing may start a thread before they fork)."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    global _PARENT_ENGINE
    cache_dir = str(cache.directory) if cache is not None else None
    chunks = _chunks(tasks, workers)
    _PARENT_ENGINE = engine  # a forked worker uses it as it is; a spawned one builds its own
    with ProcessPoolExecutor(
        workers, mp_context=_context(), initializer=_init_worker, initargs=(engine.config, cache_dir)
    ) as pool:
        gc.freeze()  # forked workers then share the parent's objects instead of copying them
        try:
            futures = {pool.submit(_work, chunk) for chunk in chunks}
        finally:
            gc.unfreeze()
            _PARENT_ENGINE = None
        started()
        try:
            for future in as_completed(futures):
                futures.discard(future)  # its result (rows and texts) is not kept alive next to the findings
                done = future.result()
                del future
                while done:
                    i, result, rows, shipped = done.pop()
                    if shipped is not None:
                        text, layout = shipped
                        result.document = Document(text, result.path, result.encoding or "utf-8", layout=layout)
                    result.findings = wire.decode(rows, _text(result))
                    yield i, result
        finally:
            for f in futures:
                f.cancel()
