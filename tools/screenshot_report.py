#!/usr/bin/env python3
"""Render the HTML review report and photograph it with headless Chromium, so a
person can look at what an editor sees.

    python tools/screenshot_report.py [--out build/screenshots] [--report FILE] [PATHS...]

Writes OUT/overview.png (the chart, the review panel and the article table) and
OUT/document.png (the article with the most findings that need an editor: its
punctuation accepted, its first such finding selected); the report itself goes to
`--report` (default OUT/report.html). PATHS default to corpus/. The screenshots
in docs/ are made with `--out docs --report build/report.html corpus/seeds`.
Installs Debian's chromium and a Chinese font when they are missing and this
runs as root.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.cdp: the DevTools client the browser tests use

from tests.cdp import Browser, find_chromium  # noqa: E402


def ensure_browser() -> str:
    has_font = (
        subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout.strip()
        if shutil.which("fc-list")
        else ""
    )
    browser = find_chromium()
    if (browser is None or not has_font) and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium", "fonts-noto-cjk"], env=env, check=False)
        browser = find_chromium()
    if browser is None:
        sys.exit("screenshot_report: chromium is not installed (apt-get install chromium)")
    return browser


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(ROOT / "build" / "screenshots"))
    ap.add_argument("--report", help="where the report goes (default OUT/report.html)")
    ap.add_argument("paths", nargs="*", default=["corpus"])
    args = ap.parse_args()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    report = Path(args.report).resolve() if args.report else out / "report.html"
    report.parent.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "zhcheck", "check", "--no-cache", "--format", "html", "-o", str(report), *args.paths]
    if subprocess.run(cmd, cwd=ROOT).returncode > 1:
        sys.exit("screenshot_report: zhcheck failed")
    with Browser(ensure_browser(), width=1440, height=1000) as b:
        b.load(report.as_uri())
        b.wait_for("window.zhcheckReport && zhcheckReport.ready")
        b.evaluate("localStorage.clear()")
        b.load(report.as_uri())
        b.wait_for("window.zhcheckReport && zhcheckReport.ready")
        b.screenshot(str(out / "overview.png"))
        fi, fid = b.evaluate(
            """(() => { const fs = zhcheckReport.files, editor = f => f.findings.filter(x => x.cat !== 'typography');
                 let best = 0;
                 fs.forEach((f, i) => { if (editor(f).length > editor(fs[best]).length) best = i; });
                 const xs = zhcheckReport.visitOrder(fs[best]);
                 return [best, xs.length ? xs[0].id : -1]; })()"""
        )
        b.load(f"{report.as_uri()}#file={fi}")
        b.wait_for(f"zhcheckReport.state.file === {fi}")
        b.evaluate("document.getElementById('acc-typo').click()")  # 采纳全部标点修改
        if fid >= 0:  # the first finding that needs an editor, with the headline and summary in view
            b.evaluate(f"zhcheckReport.select({fid}, false); window.scrollTo(0, 0)")
        time.sleep(0.3)
        b.screenshot(str(out / "document.png"))
        b.evaluate("localStorage.clear()")
        errors = b.errors()
    for path in (report, out / "overview.png", out / "document.png"):
        print(path)
    if errors:
        sys.exit("console errors:\n" + "\n".join(errors))


if __name__ == "__main__":
    main()
