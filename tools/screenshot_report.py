#!/usr/bin/env python3
"""Render the HTML review report and photograph it with headless Chromium, so a
person can look at what an editor sees.

    python tools/screenshot_report.py [--out build/screenshots] [PATHS...]

Writes OUT/report.html, OUT/overview.png (the file table and the chart) and
OUT/document.png (the file with the most findings, one finding selected).
PATHS default to corpus/. Installs Debian's chromium and a Chinese font when
they are missing and this runs as root.
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
    ap.add_argument("paths", nargs="*", default=["corpus"])
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    report = out / "report.html"
    cmd = [sys.executable, "-m", "zhcheck", "check", "--no-cache", "--format", "html", "-o", str(report), *args.paths]
    if subprocess.run(cmd, cwd=ROOT).returncode > 1:
        sys.exit("screenshot_report: zhcheck failed")
    with Browser(ensure_browser(), width=1440, height=1000) as b:
        b.load(report.as_uri())
        b.wait_for("window.zhcheckReport && zhcheckReport.ready")
        b.screenshot(str(out / "overview.png"))
        fi, fid = b.evaluate(
            """(() => { const fs = zhcheckReport.files; let best = 0;
                 fs.forEach((f, i) => { if (f.findings.length > fs[best].findings.length) best = i; });
                 const xs = fs[best].findings; const x = xs.find(x => x.rel) || xs[Math.min(2, xs.length - 1)];
                 return [best, x ? x.id : -1]; })()"""
        )
        b.load(f"{report.as_uri()}#file={fi}" + (f"&f={fid}" if fid >= 0 else ""))
        b.wait_for(f"zhcheckReport.state.file === {fi}")
        time.sleep(0.3)
        b.screenshot(str(out / "document.png"))
        errors = b.errors()
    for name in ("report.html", "overview.png", "document.png"):
        print(out / name)
    if errors:
        sys.exit("console errors:\n" + "\n".join(errors))


if __name__ == "__main__":
    main()
