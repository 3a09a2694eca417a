"""Run the engine on a Dask cluster: archives beyond one machine.

`run(client, engine, inputs, sink)` checks every input file on the cluster's workers
and writes one record per file (the `--format json` file entry) to `sink`, in input
order, with the same findings a local run gives. Three phases, each a set of tasks:

1. **check** (one task per partition of `partition_files` inputs (config key
   `cluster-partition-files`), submitted as the
   input listing streams in, a bounded number at a time; each task's paths and each
   finish task's corpus hits are handed over in the scratch location, so the task
   messages, and what Dask keeps of them, stay small): read (local path or fsspec
   URL), look up the shared result cache, check, `collect` for the corpus rules. The
   file records go to the scratch location; each keyed corpus rule's `keys` (then
   `combine`) runs here and its items are hash-partitioned into `shuffle_parts`
   (`cluster-join-tasks`) sections of one scratch file per task. The driver gets a few counters back.
2. **join** (one task per shuffle section): reads its section of every check task's
   file, groups the items by key and runs the rule's `reduce`; only those small
   results (candidate edges, partial matches) come back, and the driver runs
   `assemble` over them, reading one join task's results at a time. Corpus rules
   without the keyed form get their collected values gathered in the driver and run
   `finalize` there, as locally.
3. **finish** (one task per partition again): applies the corpus findings to the
   partition's records (suppressions, per-file ignores, word lists, as the engine
   does) and sends them back, in order, to the sink.

One difference from a local run: a related span into another HTML or Word file (one
with a source map) is not mapped to that file's source coordinates (`engine._elsewhere`),
as that file's document is in another task.

The driver keeps no per-file state: its memory is the tasks in flight, one
partition's records at a time and the corpus results. The scratch location is a
temporary directory for `--scheduler local` and must be shared by all workers on a
real cluster (`scratch` setting, by default under a URL `cache-dir`); it is removed
at the end. With an unchanged set of files, the corpus findings come from the cache
(keyed by every file's cache key) and phase 2 is skipped.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import hashlib
import json
import pickle
import struct
import tempfile
import uuid
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from zhcheck.config import Config
from zhcheck.document import Document
from zhcheck.engine import Engine, FileResult, drop_claimed
from zhcheck.errors import InputError, ZhcheckError
from zhcheck.formats import load
from zhcheck.registry import CorpusHit, Rule
from zhcheck.run import wire
from zhcheck.run.cache import entry_key, from_entry, to_entry
from zhcheck.run.shared_cache import open_cache
from zhcheck.run.sources import read_bytes

#: inputs per check task (a task reads, checks and writes them together)
PARTITION_FILES = 200
#: the default number of join tasks (each holds 1/n of the corpus rules' items)
SHUFFLE_PARTS = 16
#: tasks in flight per worker thread (enough to keep workers busy, few enough to bound the driver)
TASKS_PER_THREAD = 3
#: allocations between young-generation collections in the workers (as in `parallel`)
_GC_THRESHOLD = 10_000
INSTALL_HINT = "pip install 'zhcheck[dask]'"


# --- connecting ----------------------------------------------------------------------


@contextlib.contextmanager
def connect(address: str, workers: int | None = None) -> Iterator[Any]:
    """A Dask client for `address` (`tcp://host:8786`), or for a LocalCluster of `workers`
    single-threaded processes with "local"; closed (and the local cluster stopped) on exit."""
    try:
        import logging

        from distributed import Client, LocalCluster
    except ImportError:
        raise ZhcheckError(f"--scheduler needs Dask distributed: {INSTALL_HINT}") from None
    if address == "local":
        from zhcheck.run.parallel import default_jobs

        cluster = LocalCluster(
            n_workers=workers or default_jobs(),
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        )
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise ZhcheckError(f"--scheduler: cannot reach {address} ({exc})") from None
    with client:
        yield client


# --- what the driver learns ---------------------------------------------------------


@dataclass
class Summary:
    """Counts over the records written."""

    files: int = 0
    chars: int = 0
    findings: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)
    #: (path, error, explicit) of the files that could not be checked
    errors: list[tuple[str, str, bool]] = field(default_factory=list)

    def add(self, other: Summary) -> None:
        self.files += other.files
        self.chars += other.chars
        self.findings += other.findings
        self.by_severity.update(other.by_severity)
        self.by_rule.update(other.by_rule)
        self.errors.extend(other.errors)


@dataclass(frozen=True)
class _Checked:
    """What a check task tells the driver about its partition."""

    part: int
    first_ref: int
    files: int
    #: hash of its files' cache keys, in order (None: a file without one, no corpus cache)
    digest: str | None
    #: (rule code, ref, path, value) for corpus rules without the keyed form
    unkeyed: list[tuple[str, int, str, Any]]


# --- the driver ------------------------------------------------------------------------


RecordSink = Callable[[list[tuple[str, str | None, int, str | None, str]]], None]


def run(
    client: Any,
    engine: Engine,
    inputs: Iterable[tuple[str, bool]],
    sink: RecordSink,
    *,
    cache_location: str | None = None,
    scratch: str | None = None,
    partition_files: int = PARTITION_FILES,
    shuffle_parts: int = SHUFFLE_PARTS,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    """Check `inputs` on the cluster of `client`; records go to `sink` in input order as lists of
    (path, encoding, chars, error, findings as a JSON array). Returns the counts."""
    import fsspec

    blob = pickle.dumps(engine.config, protocol=pickle.HIGHEST_PROTOCOL)
    own_scratch = scratch is None
    base = tempfile.mkdtemp(prefix="zhcheck-scratch-") if scratch is None else scratch.rstrip("/")
    work = f"{base}/run-{uuid.uuid4().hex[:12]}"
    fs, root = fsspec.core.url_to_fs(work)
    try:
        fs.makedirs(root, exist_ok=True)
        threads = max(1, sum(client.nthreads().values()))
        window = TASKS_PER_THREAD * threads
        checked = _check_phase(
            client, blob, inputs, work, cache_location, partition_files, shuffle_parts, window, progress
        )
        hits = _corpus_phase(client, engine, blob, checked, work, cache_location, shuffle_parts)
        return _finish_phase(client, blob, checked, work, hits, sink, window)
    finally:
        with contextlib.suppress(Exception):
            fs.rm(root if not own_scratch else base, recursive=True)


def _check_phase(
    client: Any,
    blob: bytes,
    inputs: Iterable[tuple[str, bool]],
    work: str,
    cache_location: str | None,
    partition_files: int,
    shuffle_parts: int,
    window: int,
    progress: Callable[[int], None] | None,
) -> list[_Checked]:
    from distributed import as_completed

    def partitions() -> Iterator[tuple[int, list[tuple[int, str, bool]]]]:
        chunk: list[tuple[int, str, bool]] = []
        part = 0
        for ref, (path, explicit) in enumerate(inputs):
            chunk.append((ref, path, explicit))
            if len(chunk) == partition_files:
                yield part, chunk
                part, chunk = part + 1, []
        if chunk:
            yield part, chunk

    def submit(part: int, chunk: list[tuple[int, str, bool]]) -> Any:
        # the paths go through the scratch location, not the scheduler: task messages stay
        # small, and nothing the scheduler or the client keep per task grows with the files
        listing = f"{work}/inputs-{part:07d}.pkl"
        with _open(listing, "wb") as fh:
            pickle.dump(chunk, fh, protocol=pickle.HIGHEST_PROTOCOL)
        return client.submit(
            _check_partition, blob, part, listing, work, cache_location, shuffle_parts, key=f"zhcheck-check-{part}"
        )

    results: list[_Checked] = []
    todo = partitions()
    running = as_completed([submit(*p) for p in _take(todo, window)])
    done = 0
    for future in running:
        info: _Checked = future.result()
        future.release()
        results.append(info)
        done += info.files
        if progress is not None:
            progress(done)
        for p in _take(todo, 1):
            running.add(submit(*p))
    results.sort(key=lambda c: c.part)
    return results


def _take(it: Iterator[Any], n: int) -> list[Any]:
    out = []
    for item in it:
        out.append(item)
        if len(out) == n:
            break
    return out


def _corpus_phase(
    client: Any,
    engine: Engine,
    blob: bytes,
    checked: list[_Checked],
    work: str,
    cache_location: str | None,
    shuffle_parts: int,
) -> dict[int, list[tuple[str, CorpusHit]]]:
    """The corpus findings by partition (-1: hits without a ref, for every partition)."""
    rules = [r for r in engine.rules if r.corpus is not None]
    if not rules or not checked:
        return {}
    cache = open_cache(cache_location) if cache_location else None
    run_key = _run_key(checked)
    stored = cache.get(run_key) if cache is not None and run_key is not None else None
    if stored is not None:
        hits = stored["hits"]
    else:
        hits = _join(client, engine, blob, rules, checked, work, shuffle_parts)
        if cache is not None and run_key is not None:
            cache.put(run_key, {"hits": hits})
    starts = [c.first_ref for c in checked]
    by_part: dict[int, list[tuple[str, CorpusHit]]] = {}
    for code, hit in hits:
        part = checked[bisect.bisect_right(starts, hit.ref) - 1].part if hit.ref >= 0 else -1
        by_part.setdefault(part, []).append((code, hit))
    return by_part


def _run_key(checked: list[_Checked]) -> str | None:
    h = hashlib.blake2b(digest_size=20)
    for c in checked:
        if c.digest is None:
            return None
        h.update(c.digest.encode())
    return "cluster-corpus-" + h.hexdigest()


def _join(
    client: Any,
    engine: Engine,
    blob: bytes,
    rules: list[Rule],
    checked: list[_Checked],
    work: str,
    shuffle_parts: int,
) -> list[tuple[str, CorpusHit]]:
    from distributed import as_completed

    parts = [c.part for c in checked]
    futures = []
    if any(r.corpus is not None and r.corpus.is_keyed() for r in rules):
        futures = [
            client.submit(_reduce_section, blob, work, parts, s, key=f"zhcheck-join-{s}") for s in range(shuffle_parts)
        ]

    def results(code: str) -> Iterator[Any]:
        """One rule's reduce results, one join task's at a time (they stay on the workers
        until every rule has read them, so the driver never holds them all)."""
        for future in as_completed(futures):
            for c, found in future.result():
                if c == code:
                    yield from found

    hits: list[tuple[str, CorpusHit]] = []
    for r in rules:
        assert r.corpus is not None
        check = r.corpus()
        try:
            if r.corpus.is_keyed():
                found = list(check.assemble(results(r.code), engine.context))
            else:
                found = _unkeyed(check, r.code, checked, engine)
        except Exception:
            from zhcheck.engine import _internal_error

            _internal_error(r, "<corpus>")
            continue
        hits.extend((r.code, hit) for hit in found)
    for future in futures:
        future.release()
    return hits


def _unkeyed(check: Any, code: str, checked: list[_Checked], engine: Engine) -> list[CorpusHit]:
    """A corpus rule with `finalize` only: its collected values gathered here, as locally."""
    collected = [(ref, path, value) for c in checked for rc, ref, path, value in c.unkeyed if rc == code]
    refs = {path: ref for ref, path, _ in collected}
    found = []
    for hit in check.finalize([(path, value) for _, path, value in collected], engine.context):
        if hit.ref < 0 and hit.path in refs:
            hit = CorpusHit(**{**hit.__dict__, "ref": refs[hit.path]})
        found.append(hit)
    return found


def _finish_phase(
    client: Any,
    blob: bytes,
    checked: list[_Checked],
    work: str,
    hits: dict[int, list[tuple[str, CorpusHit]]],
    sink: RecordSink,
    window: int,
) -> Summary:
    summary = Summary()
    unrouted = hits.get(-1, [])
    pending: dict[int, Any] = {}
    todo = iter(checked)

    def submit_next() -> None:
        for c in _take(todo, 1):
            own = hits.get(c.part, []) + unrouted
            listing = None
            if own:  # through the scratch location too: a task message stays small
                listing = f"{work}/hits-{c.part:07d}.pkl"
                with _open(listing, "wb") as fh:
                    pickle.dump(own, fh, protocol=pickle.HIGHEST_PROTOCOL)
            pending[c.part] = client.submit(
                _finish_partition, blob, work, c.part, listing, key=f"zhcheck-finish-{c.part}"
            )

    for _ in range(window):
        submit_next()
    for c in checked:  # in order: the sink sees the records in input order
        future = pending.pop(c.part)
        records, counts = future.result()
        future.release()
        submit_next()
        sink(records)
        summary.add(counts)
    return summary


# --- the workers ---------------------------------------------------------------------

_ENGINES: dict[bytes, Engine] = {}


def _engine(blob: bytes) -> Engine:
    """This worker's Engine for a run's config (built once per process)."""
    digest = hashlib.blake2b(blob, digest_size=16).digest()
    engine = _ENGINES.get(digest)
    if engine is None:
        gc.set_threshold(max(gc.get_threshold()[0], _GC_THRESHOLD), *gc.get_threshold()[1:])
        config: Config = pickle.loads(blob)
        _ENGINES.clear()
        engine = _ENGINES[digest] = Engine(config)
    return engine


def _open(path: str, mode: str) -> Any:
    import fsspec

    return fsspec.open(path, mode).open()


def _check_one(engine: Engine, cache: Any, path: str, explicit: bool) -> tuple[FileResult, str | None]:
    """(the file's result with its document, its cache key or None when unreadable)."""
    try:
        data = read_bytes(path, engine.config.max_bytes)
    except InputError as exc:
        return FileResult(path, error=str(exc), explicit=explicit), None
    key = entry_key(data, path, engine) if cache is not None else None
    entry = cache.get(key) if key is not None else None
    try:
        doc = load(data, path)
    except InputError as exc:
        return FileResult(path, error=str(exc), explicit=explicit), key
    cached = from_entry(entry, doc, explicit) if entry is not None else None
    if cached is not None:
        return cached, key
    result = engine.check_document(doc)
    result.explicit = explicit
    if cache is not None and key is not None:
        cache.put(key, to_entry(result))
    return result, key


def _check_partition(
    blob: bytes,
    part: int,
    listing: str,
    work: str,
    cache_location: str | None,
    shuffle_parts: int,
) -> _Checked:
    """Phase 1 for one partition (its (ref, path, explicit) in the file `listing`): check,
    write the records and the shuffle sections."""
    engine = _engine(blob)
    with _open(listing, "rb") as fh:
        tasks: list[tuple[int, str, bool]] = pickle.load(fh)
    cache = open_cache(cache_location) if cache_location else None
    corpus = {r.code: r.corpus() for r in engine.rules if r.corpus is not None}
    keyed = {code for code, check in corpus.items() if check.is_keyed()}
    groups: dict[tuple[str, Any], list[Any]] = {}
    unkeyed: list[tuple[str, int, str, Any]] = []
    records = []
    digest: Any = hashlib.blake2b(digest_size=20)
    for ref, path, explicit in tasks:
        fr, key = _check_one(engine, cache, path, explicit)
        if digest is not None:
            if key is None and not fr.error:
                digest = None
            else:
                digest.update((key or f"error:{fr.path}:{fr.error}").encode("utf-8", "surrogateescape") + b"\n")
        doc = fr.document
        text = doc.text if doc is not None else None
        shipped = (text, doc.layout) if doc is not None else None
        rows = wire.encode(fr.findings, text)
        records.append((ref, fr.path, fr.explicit, fr.error, fr.encoding, fr.chars, fr.suppressions, rows, shipped))
        for code, value in fr.collected.items():
            if code not in corpus:
                continue
            if code in keyed:
                for k, item in corpus[code].keys(ref, fr.path, value, engine.context):
                    groups.setdefault((code, k), []).append(item)
            else:
                unkeyed.append((code, ref, fr.path, value))
    with _open(f"{work}/records-{part:07d}.pkl", "wb") as fh:
        pickle.dump(records, fh, protocol=pickle.HIGHEST_PROTOCOL)
    sections: list[list[tuple[str, Any, list[Any]]]] = [[] for _ in range(shuffle_parts)]
    for (code, k), items in groups.items():
        sections[stable_hash(k) % shuffle_parts].append((code, k, corpus[code].combine(k, items)))
    _write_sections(f"{work}/shuffle-{part:07d}.bin", sections)
    return _Checked(part, tasks[0][0], len(tasks), digest.hexdigest() if digest is not None else None, unkeyed)


def _write_sections(path: str, sections: list[list[Any]]) -> None:
    """One file of pickled sections, with their offsets up front (a join task reads only its own)."""
    blobs = [pickle.dumps(s, protocol=pickle.HIGHEST_PROTOCOL) for s in sections]
    header = struct.pack(f"<I{len(blobs)}Q", len(blobs), *[len(b) for b in blobs])
    with _open(path, "wb") as fh:
        fh.write(header)
        for b in blobs:
            fh.write(b)


def _read_section(path: str, s: int) -> list[Any]:
    with _open(path, "rb") as fh:
        (n,) = struct.unpack("<I", fh.read(4))
        sizes = struct.unpack(f"<{n}Q", fh.read(8 * n))
        fh.seek(4 + 8 * n + sum(sizes[:s]))
        return pickle.loads(fh.read(sizes[s]))


def stable_hash(key: Any) -> int:
    """A hash of a key that every process agrees on (Python's own `hash` of str and bytes is
    salted per process): bytes, str, int, and tuples of them."""
    if isinstance(key, bytes):
        return zlib.crc32(key)
    if isinstance(key, str):
        return zlib.crc32(key.encode("utf-8", "surrogatepass"))
    if isinstance(key, int) and not isinstance(key, bool):
        return zlib.crc32(key.to_bytes(16, "little", signed=True))
    if isinstance(key, tuple):
        h = 0
        for k in key:
            h = zlib.crc32(stable_hash(k).to_bytes(4, "little"), h)
        return h
    return zlib.crc32(repr(key).encode("utf-8", "surrogatepass"))


def _reduce_section(blob: bytes, work: str, parts: list[int], s: int) -> list[tuple[str, list[Any]]]:
    """Phase 2 for one shuffle section: every partition's items of its keys, reduced."""
    engine = _engine(blob)
    corpus = {r.code: r.corpus() for r in engine.rules if r.corpus is not None and r.corpus.is_keyed()}
    groups: dict[tuple[str, Any], list[Any]] = {}
    for part in parts:  # partition order is input order
        for code, k, items in _read_section(f"{work}/shuffle-{part:07d}.bin", s):
            bucket = groups.get((code, k))
            if bucket is None:
                groups[(code, k)] = items
            else:
                bucket.extend(items)
    out: dict[str, list[Any]] = {code: [] for code in corpus}
    for (code, k), items in groups.items():
        out[code].extend(corpus[code].reduce(k, items, engine.context))
    return list(out.items())


def _finish_partition(
    blob: bytes, work: str, part: int, listing: str | None
) -> tuple[list[tuple[str, str | None, int, str | None, str]], Summary]:
    """Phase 3 for one partition: its records with the corpus findings (in the file `listing`,
    None: none), and their counts."""
    engine = _engine(blob)
    hits: list[tuple[str, CorpusHit]] = []
    if listing is not None:
        with _open(listing, "rb") as fh:
            hits = pickle.load(fh)
    rules = {r.code: r for r in engine.rules}
    with _open(f"{work}/records-{part:07d}.pkl", "rb") as fh:
        records = pickle.load(fh)
    by_ref: dict[int, list[tuple[str, CorpusHit]]] = {}
    by_path: dict[str, list[tuple[str, CorpusHit]]] = {}
    for code, hit in hits:
        if hit.ref >= 0:
            by_ref.setdefault(hit.ref, []).append((code, hit))
        else:
            by_path.setdefault(hit.path, []).append((code, hit))
    out = []
    summary = Summary()
    for ref, path, explicit, error, encoding, chars, suppressions, rows, shipped in records:
        text = shipped[0] if shipped is not None else None
        fr = FileResult(path, wire.decode(rows, text), encoding, chars, error, explicit, suppressions)
        own = by_ref.get(ref, []) + by_path.get(path, [])
        if own and shipped is not None:
            fr.document = Document(text, path, encoding or "utf-8", layout=shipped[1])
            for code, hit in own:
                if code in rules:
                    fr.findings.extend(engine.corpus_findings(rules[code], [hit], fr))
            fr.findings = drop_claimed(sorted(fr.findings, key=lambda f: f.sort_key), engine.rules)
        findings = json.dumps([f.to_dict() for f in fr.findings], ensure_ascii=False)
        out.append((path, encoding, chars, error, findings))
        summary.files += 1
        summary.chars += chars
        summary.findings += len(fr.findings)
        summary.by_severity.update(f.severity.value for f in fr.findings)
        summary.by_rule.update(f.rule for f in fr.findings)
        if error:
            summary.errors.append((path, error, explicit))
    return out, summary
