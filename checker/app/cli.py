"""The `zhcheck` command line (click).

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it;
2 usage, configuration or input error (one line on stderr, no traceback).
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
from collections.abc import Callable
from typing import Any

import click

from zhcheck import __version__
from zhcheck.config import FORMAT_CHOICES
from zhcheck.errors import ZhcheckError

# A command runs its rules in one thread per process: numpy's BLAS needs no thread pool
# (starting one costs ~30 ms of a cold start; set before anything imports numpy).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
# At exit the interpreter runs the cyclic collector over every loaded table once more
# (~0.15 s after one article); nothing then needs collecting, so skip that traversal.
atexit.register(gc.freeze)

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
SEVERITIES = ("error", "warning", "info")


def _fail(message: str) -> None:
    click.echo(f"zhcheck: error: {message}", err=True)
    sys.exit(2)


class _Group(click.Group):
    """Turns ZhcheckError (and friends) anywhere in a command into exit 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ZhcheckError as exc:
            _fail(str(exc))
        except KeyboardInterrupt:
            click.echo("zhcheck: interrupted", err=True)
            sys.exit(130)
        except OSError as exc:
            if exc.filename is not None:
                _fail(f"{exc.filename}: {exc.strerror or exc}")
            _silence_stdout()  # what is still buffered must not fail again at exit
            _fail(f"cannot write the output ({exc.strerror or exc})")
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:  # never a traceback (ZHCHECK_DEBUG=1 shows it)
            if os.environ.get("ZHCHECK_DEBUG"):
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc}"[:500])


def _silence_stdout() -> None:
    """Point standard output at /dev/null (after a broken pipe or a full disk)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


@click.group(cls=_Group, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="zhcheck")
def main() -> None:
    """zhcheck: find the damage scraping, transcription and OCR leave in Chinese articles.

    Duplicated paragraphs and phrase loops, garbled passages and web debris,
    names one glyph off, paragraphs broken by the page layout, half-width
    punctuation. Start with `zhcheck check PATH`; `zhcheck rules` lists the
    rules and `zhcheck explain CODE` documents one.
    """


def _split(values: tuple[str, ...]) -> list[str] | None:
    if not values:
        return None
    out = [s.strip() for v in values for s in v.split(",") if s.strip()]
    return out


def selection_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--select/--ignore/--extend-select/--config, shared by commands that run rules."""
    fn = click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False),
        help="Config file (zhcheck.toml or pyproject.toml). Default: searched from the working directory upwards.",
    )(fn)
    fn = click.option(
        "--extend-select", multiple=True, metavar="CODES", help="Enable these rules in addition to the selected ones."
    )(fn)
    fn = click.option(
        "--ignore",
        multiple=True,
        metavar="CODES",
        help="Disable rules: codes, prefixes or categories (comma-separated).",
    )(fn)
    fn = click.option(
        "--select",
        multiple=True,
        metavar="CODES",
        help="Enable only these rules: codes (D101), prefixes (D2), rule names or categories "
        "(duplicate, garbled, ocr, layout, typography); comma-separated or repeated.",
    )(fn)
    return fn


def stdin_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--stdin-filename: the name (and so the format) standard input stands for."""
    return click.option(
        "--stdin-filename",
        metavar="NAME",
        help="The file name standard input (`-`) stands for: reports use it, and its suffix gives the "
        "format (.md, .html, .docx; default plain text).",
    )(fn)


def build_config(config_path: str | None, **overrides: Any):
    """Load the config file and apply command-line overrides (validated like the file)."""
    from zhcheck.config import from_mapping, load_config

    cfg = load_config(config_path)
    raw = {k.replace("_", "-"): v for k, v in overrides.items() if v is not None}
    if raw:
        try:
            checked = from_mapping(raw)
        except ZhcheckError as exc:
            raise ZhcheckError(f"--{exc}") from None  # "select: ..." -> "--select: ..."
        cfg = cfg.replace(**{k.replace("-", "_"): getattr(checked, k.replace("-", "_")) for k in raw})
    return cfg


@main.command(context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, type=str)
@click.option(
    "--format",
    "--output-format",
    "fmt",
    type=click.Choice(FORMAT_CHOICES, case_sensitive=False),
    default=None,
    help="Report format: text, json, sarif (code scanning), github (Actions annotations), "
    "html (review report, write it with -o), rdjson (reviewdog), gitlab (Code Quality). [default: text]",
)
@selection_options
@click.option(
    "--min-severity",
    type=click.Choice(SEVERITIES, case_sensitive=False),
    help="Do not report findings below this severity. [default: info]",
)
@click.option(
    "--fail-on",
    type=click.Choice((*SEVERITIES, "never"), case_sensitive=False),
    help="Exit with 1 when a finding at or above this severity is reported. [default: warning]",
)
@click.option(
    "--typography",
    type=click.Choice(["file", "paragraph", "full"], case_sensitive=False),
    help="Typography findings in the text and github reports: folded into one line per file or per "
    "paragraph, or full (every mark). [default: file]",
)
@click.option("--no-color", is_flag=True, help="Never colour the text report (also: NO_COLOR=1).")
@click.option("-q", "--quiet", is_flag=True, help="Print only the findings: no source excerpts, no summary.")
@click.option(
    "--statistics",
    is_flag=True,
    help="Print how many findings each rule reported instead of the findings (text, json).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the report to FILE.")
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False),
    help="Report only findings not recorded in this baseline file (see --write-baseline).",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    help="Record the current findings in FILE (then nothing already there counts as new).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Check files in N processes. [default: all cores, at most one per 256 KiB of input]",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache (.zhcheck_cache/).")
@stdin_option
@click.option(
    "--scheduler",
    metavar="ADDR",
    help="Check on a Dask cluster: its scheduler (tcp://HOST:8786), or `local` for a LocalCluster "
    "of --jobs workers. Writes JSON Lines (Parquet for -o *.parquet). Needs zhcheck[dask].",
)
@click.option(
    "--files-from",
    metavar="FILE",
    help="Also check the paths or URLs listed in FILE, one a line (- for stdin). With --scheduler.",
)
@click.option(
    "--scratch",
    metavar="URL",
    help="Where a cluster run keeps intermediate files; all workers must reach it. "
    "[default: under a URL cache-dir, else a temporary directory]",
)
def check(
    paths: tuple[str, ...],
    fmt: str | None,
    config_path: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    min_severity: str | None,
    fail_on: str | None,
    typography: str | None,
    no_color: bool,
    quiet: bool,
    statistics: bool,
    output: str | None,
    baseline: str | None,
    write_baseline: str | None,
    jobs: int | None,
    no_cache: bool,
    stdin_filename: str | None,
    scheduler: str | None,
    files_from: str | None,
    scratch: str | None,
) -> None:
    """Check files and directories (recursively: *.txt, *.md, *.html, *.htm, *.docx) and report findings.

    PATHS default to the current directory; `-` reads standard input.

    \b
    Examples:
      zhcheck check corpus/seeds
      zhcheck check --select D,G --format json -o report.json articles/
      cat article.txt | zhcheck check -
      zhcheck check --format html -o report.html articles/
      zhcheck check --write-baseline baseline.json articles/   # then: --baseline baseline.json
      zhcheck check --scheduler local -o report.jsonl s3://bucket/articles/
    """
    from zhcheck.engine import Engine
    from zhcheck.finding import Severity
    from zhcheck.report import ReportOptions, render
    from zhcheck.run import parallel
    from zhcheck.run.cache import ResultCache

    cfg = build_config(
        config_path,
        select=_split(select),
        ignore=_split(ignore),
        extend_select=_split(extend_select),
        min_severity=min_severity,
        fail_on=fail_on,
        format=fmt,
        jobs=jobs,
        typography=typography,
        scheduler=scheduler,
        scratch=scratch,
    )
    if no_cache:
        cfg = cfg.replace(cache=False)
    cfg = cfg.replace(stdin_filename=stdin_filename)
    if cfg.select is not None and not cfg.select:
        raise ZhcheckError("--select: no rules given")
    if statistics and cfg.format not in ("text", "json"):
        raise ZhcheckError(f"--statistics: counts are printed as text or json, not {cfg.format}")
    if cfg.scheduler:
        from zhcheck.app.cluster_check import check_on_cluster, refuse_options

        refuse_options(fmt, baseline, write_baseline)
        if output and "://" not in output:
            _check_writable("--output", output)
        targets = list(paths) if paths or files_from else ["."]
        sys.exit(check_on_cluster(cfg, targets, files_from, output, quiet))
    if files_from:
        raise ZhcheckError("--files-from: only with --scheduler (pass the paths as arguments)")
    paths = paths or (".",)
    for p in paths:
        if p != "-" and not os.path.exists(p):
            raise ZhcheckError(f"{p}: no such file or directory")
    _check_writable("--output", output)  # fail before a long run, not after it
    _check_writable("--write-baseline", write_baseline)
    if baseline and baseline != write_baseline:
        from zhcheck.app.baseline import load_baseline

        load_baseline(baseline)
    engine = Engine(cfg)
    cache = ResultCache(cfg.cache_path) if cfg.cache else None
    with _ProgressBar(enabled=not quiet and sys.stderr.isatty()) as progress:
        result = parallel.run(engine, list(paths), jobs=cfg.jobs, cache=cache, progress=progress)
    result.use_printable_paths()
    if write_baseline:
        from zhcheck.app.baseline import write_baseline as write

        n = write(result, write_baseline)
        click.echo(f"zhcheck: recorded {n} finding{'s' if n != 1 else ''} in {write_baseline}", err=True)
    for known in dict.fromkeys(b for b in (write_baseline, baseline) if b):  # what is recorded is not new
        from zhcheck.app.baseline import apply_baseline

        applied = apply_baseline(result, known)
        if applied.version == 1:
            click.echo(
                f"zhcheck: note: {known} is a format-1 baseline: its entries for rules that were reported once "
                f"per paragraph ({', '.join(applied.legacy_rules)}) match each of its findings in that paragraph "
                f"({applied.legacy} matched); --write-baseline writes format 2",
                err=True,
            )

    for fr in result.errors:
        level = "error" if fr.explicit else "warning"
        click.echo(f"zhcheck: {level}: {fr.path}: {fr.error}{'' if fr.explicit else ', skipped'}", err=True)
    if not result.files:
        patterns = ", ".join(cfg.include)
        click.echo(f"zhcheck: warning: no files to check (none matches {patterns}, or all are excluded)", err=True)

    to_tty = output is None and sys.stdout.isatty()
    color = cfg.color if cfg.color is not None else to_tty
    color = color and not no_color and "NO_COLOR" not in os.environ and output is None
    if statistics:
        from zhcheck.report import statistics as stats

        text = stats.render(result, cfg.format)
    else:
        text = render(result, cfg.format, ReportOptions(color=color, quiet=quiet, typography=cfg.typography))
    if output:
        from zhcheck.files import write_output

        try:
            write_output(output, text.encode("utf-8"))
        except OSError as exc:
            raise ZhcheckError(f"--output: cannot write {output} ({exc.strerror})") from None
    else:
        click.echo(text, nl=False, color=color)  # click would strip the styles off a pipe

    if any(fr.error and fr.explicit for fr in result.files):
        sys.exit(2)
    if cfg.fail_on != "never":
        threshold = Severity.parse(cfg.fail_on).rank
        if any(f.severity.rank >= threshold for f in result.findings):
            sys.exit(1)


def _check_writable(option: str, path: str | None) -> None:
    """Raise a one-line error now if `path` cannot be created or overwritten."""
    if not path:
        return
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise ZhcheckError(f"{option}: cannot write {path} (no such directory: {folder})")
    target = path if os.path.exists(path) else folder
    if not os.access(target, os.W_OK):
        raise ZhcheckError(f"{option}: cannot write {path} (permission denied)")


class _ProgressBar:
    """A progress bar on stderr for runs over many files (only on a terminal; click's bar,
    erased when the files are done, before cross-file rules and the report)."""

    MIN_FILES = 10
    _ERASE = "\r\033[K\033[?25h"  # back to the line start, clear it, show the cursor again

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._bar: Any = None
        self._done = False

    def __enter__(self) -> Callable[[int, int], None] | None:
        return self.update if self.enabled else None

    def update(self, done: int, total: int) -> None:
        if total < self.MIN_FILES or self._done:
            return
        if self._bar is None:
            self._bar = click.progressbar(
                length=total, label="checking", file=sys.stderr, show_pos=True, show_eta=True, width=30
            )
            self._bar.__enter__()
        self._bar.update(done - self._bar.pos)
        if done >= total:
            self._erase()

    def _erase(self) -> None:
        self._done = True
        click.echo(self._ERASE, file=sys.stderr, nl=False)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None and not self._done:
            self._erase()


@main.command("fix", context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, type=str)
@click.option("--diff", is_flag=True, help="Print a unified diff of the changes; write nothing.")
@click.option("--unsafe", is_flag=True, help="Also apply unsafe fixes (moves, guesses): review the result.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the fixed file here instead (one input file). A .docx goes to NAME.zhcheck.docx by default.",
)
@stdin_option
@click.option(
    "--force", is_flag=True, help="Also rewrite read-only files and files with several hard links (splitting them)."
)
@click.option(
    "--decisions",
    type=click.Path(dir_okay=False),
    help="Apply exactly the fixes accepted in the HTML report (its exported decisions file), "
    "to the reviewed files (or those of PATHS).",
)
@selection_options
def fix_cmd(
    paths: tuple[str, ...],
    diff: bool,
    unsafe: bool,
    output: str | None,
    stdin_filename: str | None,
    force: bool,
    decisions: str | None,
    config_path: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
) -> None:
    """Apply fixes in place: safe ones (punctuation width, joining broken paragraphs,
    deleting exact copies); with --unsafe also the others.

    Files keep their encoding and newline style and are replaced atomically.
    In Markdown only prose changes, never markup. A Word document is never
    rewritten: the fixes go as tracked changes into NAME.zhcheck.docx (or -o).
    HTML pages are checked only. `-` reads standard input and writes the fixed
    text to standard output (--stdin-filename gives its format).
    Exit status: 0 done (with --diff: nothing to change), 1 with --diff when
    there are changes, 2 on errors.

    With --decisions FILE (exported from the HTML report), applies exactly the fixes
    the editor accepted, safe or not, and nothing else.

    \b
    Examples:
      zhcheck fix --diff corpus/seeds/001_28e5f8ebddb19075.txt
      zhcheck fix --select T articles/
      zhcheck fix --decisions zhcheck-decisions.json
    """
    from zhcheck.app.fixer import report_decided, report_fixes

    cfg = build_config(config_path, select=_split(select), ignore=_split(ignore), extend_select=_split(extend_select))
    cfg = cfg.replace(stdin_filename=stdin_filename)
    if cfg.select is not None and not cfg.select:
        raise ZhcheckError("--select: no rules given")
    if decisions:
        if unsafe or output or select or ignore or extend_select:
            raise ZhcheckError("--decisions applies the accepted fixes only: no --unsafe, -o, --select or --ignore")
        sys.exit(report_decided(decisions, list(paths), cfg, diff=diff, force=force))
    sys.exit(report_fixes(list(paths or (".",)), cfg, diff=diff, unsafe=unsafe, output=output, force=force))


@main.command("rules", context_settings=CONTEXT_SETTINGS)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Output format.")
@click.option(
    "--category", type=click.Choice(["duplicate", "garbled", "ocr", "layout", "typography"]), help="Only this family."
)
def rules_cmd(fmt: str, category: str | None) -> None:
    """List all rules: code, name, category, default severity, summary."""
    import json

    from zhcheck.registry import load_rules

    rules = [r for r in load_rules().values() if category in (None, r.category.value)]
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in rules], ensure_ascii=False, indent=2))
        return
    for r in rules:
        flags = ("" if r.default_enabled else " (off by default)") + (" [fix]" if r.fixable else "")
        click.echo(f"{r.code}  {r.name:<28} {r.category.value:<10} {r.severity.value:<7} {r.summary}{flags}")


@main.command(context_settings=CONTEXT_SETTINGS)
@click.argument("code")
def explain(code: str) -> None:
    """Explain one rule (by code such as D101, or by name)."""
    from zhcheck.registry import get_rule

    r = get_rule(code)
    if r is None:
        raise ZhcheckError(f"unknown rule {code!r} (see `zhcheck rules`)")
    state = "on" if r.default_enabled else "off (enable with --extend-select " + r.code + ")"
    click.echo(f"{r.code} {r.name}  [{r.category.value}, {r.severity.value}, {state}]")
    click.echo()
    click.echo(r.summary)
    if r.title_zh:
        click.echo(r.title_zh)
    click.echo()
    click.echo(r.description)
    for label, example in (("Bad:", r.bad), ("Good:", r.good)):
        click.echo()
        click.echo(label)
        click.echo("\n".join(f"    {line}" if line else "" for line in example.splitlines()))
    if r.fixable:
        click.echo()
        click.echo("Fixable: `zhcheck fix` applies its safe fixes; `--unsafe` also applies those needing review.")


@main.command("eval", context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, type=str)
@click.option(
    "--gold",
    "gold_dir",
    default="corpus/gold",
    show_default=True,
    metavar="DIR",
    help="Directory of gold files <article stem>.jsonl.",
)
@click.option(
    "--clean",
    "clean_dirs",
    multiple=True,
    metavar="DIR",
    help="Clean articles for false alarms, one source each (repeatable). "
    "[default: corpus/clean and each folder of corpus/controls, those present]",
)
@click.option("--no-clean", is_flag=True, help="Do not measure false alarms on clean files.")
@click.option(
    "--pages",
    "pages_dir",
    metavar="DIR",
    help="Scraped pages judged for page furniture against DIR/gold. [default: corpus/scraped if present]",
)
@click.option("--no-pages", is_flag=True, help="Do not judge scraped pages.")
@click.option("--show-misses", is_flag=True, help="List the gold defects no finding found.")
@click.option("--show-false", is_flag=True, help="List the false findings (on gold articles and clean files).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Output format.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Check files in N processes. [default: all cores, at most one per 256 KiB of input]",
)
@selection_options
def eval_cmd(
    paths: tuple[str, ...],
    gold_dir: str,
    clean_dirs: tuple[str, ...],
    no_clean: bool,
    pages_dir: str | None,
    no_pages: bool,
    show_misses: bool,
    show_false: bool,
    fmt: str,
    jobs: int | None,
    config_path: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
) -> None:
    """Measure recall and precision against gold annotations, and false alarms on clean files.

    PATHS (default corpus/seeds) are checked and each article is judged against
    its gold file GOLD/<stem>.jsonl (format: corpus/README.md); articles without
    one are not scored. Reports per category recall, precision and F1, recall per
    gold type, precision per rule, and findings per 10,000 characters on clean files,
    also per clean source and half (a file is in the check half iff the SHA-1 of its
    name is odd; tune on tuning halves, report check halves); on scraped pages
    (--pages), the share of page-furniture lines inside reported blocks and of
    article lines inside them.

    Matching rule: A gold defect is found when a finding of the same category
    overlaps it by at least one character. A finding is a true positive when it
    overlaps a gold defect of its category; findings overlapping only `neutral`
    gold records are neither credited nor counted false; every other finding is
    false. Every finding on a clean file is a false alarm.

    \b
    Examples:
      zhcheck eval
      zhcheck eval --select ocr --show-misses --show-false
      zhcheck eval --format json --gold corpus/gold corpus/seeds > eval.json
    """
    import json

    from zhcheck.app.eval_report import render_text
    from zhcheck.app.evaluation import count_inputs, default_clean_dirs, evaluate

    cfg = build_config(
        config_path, select=_split(select), ignore=_split(ignore), extend_select=_split(extend_select), jobs=jobs
    )
    paths = paths or ("corpus/seeds",)
    if not clean_dirs and not no_clean:
        clean_dirs = tuple(default_clean_dirs())
    clean_dirs = () if no_clean else clean_dirs
    if pages_dir is None and not no_pages and os.path.isdir("corpus/scraped/gold"):
        pages_dir = "corpus/scraped"
    pages_dir = None if no_pages else pages_dir
    for p in (*paths, *clean_dirs, *([pages_dir] if pages_dir else [])):
        if not os.path.exists(p):
            raise ZhcheckError(f"{p}: no such file or directory")
    for p in clean_dirs:
        if not count_inputs([p], cfg):
            click.echo(f"zhcheck: warning: {p}: no files to check (include/exclude settings?)", err=True)
    ev = evaluate(list(paths), gold_dir, list(clean_dirs), cfg, pages_dir=pages_dir)
    if not ev.files:
        click.echo(f"zhcheck: warning: no article under {', '.join(paths)} has a gold file in {gold_dir}", err=True)
    if fmt == "json":
        click.echo(json.dumps(ev.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(ev, show_misses=show_misses, show_false=show_false), nl=False)


@main.command("server", context_settings=CONTEXT_SETTINGS)
@click.option("--stdio", is_flag=True, help="Speak over standard input and output (the default and only transport).")
def server_cmd(stdio: bool) -> None:
    """Run the language server (LSP over stdio) for editors: diagnostics, quick fixes.

    Editors start it themselves; see editors/vscode/ for the VS Code extension.
    The configuration is the nearest zhcheck.toml / pyproject.toml above each document.
    """
    from zhcheck.app.server import serve

    serve()


if __name__ == "__main__":  # pragma: no cover
    main()
