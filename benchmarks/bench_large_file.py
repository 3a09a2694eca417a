"""One large file of unique text: time and peak memory against a 1 M-char file of the same text.

Every distinct line (paragraph) of the articles of `corpus/` and of the `--extra`
sources (directories of text files, CMRC JSON, CSV with a `body` column, JSON lines with
a `content` or `text` field; see `unseen_pool.py`) is used once: articles in a shuffled
order, each written as its not-yet-used lines, until the file holds `--chars`
characters. The small file is the first `--small` characters of the same sequence (cut
at a line end), so both have the same mix. Each is checked by a whole process,
`zhcheck check --jobs 1 --no-cache` (with `max-file-size` raised in a config file when
the big file exceeds the default 20 MiB), under `nice`; wall time, CPU time and peak RSS
are printed with the ratios the issue names (issue 21: the big file takes <= 1.3 x
(its size / the small size) x the small file's time; peak RSS <= 100 bytes per char).
`--mib N` instead writes a file of N MiB of UTF-8 (default config, which accepts up to
20 MiB).

    python benchmarks/bench_large_file.py [--chars 15000000] [--small 1000000] [--extra PATH ...]
        [--mib 20] [--profile] [--keep DIR] [--option=--ignore=O106]
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from _common import ROOT, machine, zhcheck_command, zhcheck_env
from bench_vs_jieba import run
from unseen_pool import SUFFIXES, extra_articles


def corpus_articles() -> Iterator[tuple[str, str]]:
    for p in sorted((ROOT / "corpus").rglob("*")):
        if p.is_file() and p.suffix in SUFFIXES and p.name != "README.md":
            yield p.name, p.read_text(encoding="utf-8", errors="replace")


def source_articles(extras: list[Path]) -> list[tuple[str, str]]:
    out = list(corpus_articles())
    for p in extras:
        out.extend(extra_articles(p))
    return out


def unique_text(articles: list[tuple[str, str]], chars: int, seed: int) -> str:
    """Up to `chars` characters: the articles in shuffled order, each line used once."""
    articles = list(articles)
    random.Random(seed).shuffle(articles)
    seen: set[str] = set()
    parts: list[str] = []
    total = 0
    for _, text in articles:
        lines = []
        for line in text.splitlines():
            line = line.strip()
            if line and line not in seen:
                seen.add(line)
                lines.append(line)
        if not lines:
            continue
        block = "\n".join(lines) + "\n\n"
        parts.append(block)
        total += len(block)
        if total >= chars:
            break
    return "".join(parts)[:chars]


def cut_at_line(text: str, chars: int) -> str:
    if len(text) <= chars:
        return text
    end = text.rfind("\n", 0, chars)
    return text[: end + 1 if end > 0 else chars]


def check(path: Path, nice: list[str], config: Path | None, extra: list[str]) -> tuple[float, float, float]:
    base, _ = zhcheck_command()
    argv = [*nice, *base, "check", "--jobs", "1", "--no-cache", "--no-color", "--fail-on", "never", "-q", *extra]
    if config is not None:
        argv += ["--config", str(config)]
    return run([*argv, str(path)], zhcheck_env())


def profile(path: Path) -> None:
    """CPU per rule on the file, in process (benchmarks/bench_throughput.py's timing)."""
    from bench_throughput import profile_rules

    from zhcheck.engine import Engine

    profile_rules(Engine(), [(path.name, path.read_text(encoding="utf-8"))])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chars", type=int, default=15_000_000)
    ap.add_argument("--small", type=int, default=1_000_000)
    ap.add_argument("--mib", type=float, help="check one file of this many MiB of UTF-8 instead (default config)")
    ap.add_argument("--extra", type=Path, action="append", default=[], help="more articles (dir, .json, .csv, .jsonl)")
    ap.add_argument("--nice", type=int, default=10)
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--profile", action="store_true", help="also time each rule on the big file, in process")
    ap.add_argument("--keep", type=Path, help="write the files here and keep them")
    ap.add_argument(
        "--option", action="append", default=[], help="an option of zhcheck check (repeatable): --option=--ignore=O106"
    )
    args = ap.parse_args()
    print(machine())
    nice = ["nice", "-n", str(args.nice)] if args.nice else []
    work = args.keep or Path(tempfile.mkdtemp(prefix="zhcheck-large-"))
    work.mkdir(parents=True, exist_ok=True)
    articles = source_articles(args.extra)
    if args.mib:
        want = int(args.mib * 1024 * 1024)
        text = unique_text(articles, want, args.seed)  # Chinese: ~3 bytes a char, so more than enough
        data = text.encode("utf-8")[:want].decode("utf-8", "ignore")
        big, small = work / "big.txt", work / "small.txt"
        big.write_text(data, encoding="utf-8")
        small.write_text(cut_at_line(data, args.small), encoding="utf-8")
        size = big.stat().st_size
        print(f"file: {len(data):,} chars, {size / 1048576:.2f} MiB (default config: max-file-size 20 MiB)")
        rows = {}
        for name, path in (("small", small), ("big", big)):
            n = len(path.read_text(encoding="utf-8"))
            wall, cpu, rss = check(path, nice, None, args.option)
            rows[name] = (n, cpu, rss)
            memory = f"peak RSS {rss:,.0f} MB ({rss * 1048576 / n:.0f} bytes/char)"
            print(f"{name}: {n:,} chars: {wall:.1f} s wall, {cpu:.1f} s CPU, {memory}")
        (ns, cs, _), (nb, cb, _) = rows["small"], rows["big"]
        scale = nb / ns
        print(f"big / small: {cb / cs:.1f}x the CPU time for {scale:.1f}x the text = {cb / cs / scale:.2f} of linear")
    else:
        text = unique_text(articles, args.chars, args.seed)
        if len(text) < args.chars:
            print(f"only {len(text):,} chars of unique text in the sources (asked for {args.chars:,})")
        small_text = cut_at_line(text, args.small)
        big, small = work / "big.txt", work / "small.txt"
        big.write_text(text, encoding="utf-8")
        small.write_text(small_text, encoding="utf-8")
        config = work / "zhcheck.toml"
        config.write_text(f"max-file-size = {big.stat().st_size // 1048576 + 2}\n", encoding="utf-8")
        rows = {}
        for name, path in (("small", small), ("big", big)):
            n = len(path.read_text(encoding="utf-8"))
            wall, cpu, rss = check(path, nice, config, args.option)
            rows[name] = (n, wall, cpu, rss)
            print(
                f"{name}: {n:,} chars: {wall:.1f} s wall, {cpu:.1f} s CPU, peak RSS {rss:,.0f} MB "
                f"({rss * 1048576 / n:.0f} bytes/char)"
            )
        (ns, _, cs, _), (nb, _, cb, rb) = rows["small"], rows["big"]
        scale = nb / ns
        print(
            f"big / small: {cb / cs:.1f}x the CPU time for {scale:.1f}x the text = {cb / cs / scale:.2f} of linear "
            f"(target <= 1.3); peak RSS {rb * 1048576 / nb:.0f} bytes/char (target <= 100)"
        )
        if args.profile:
            profile(big)
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
