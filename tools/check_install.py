"""Build the wheel, install it into a clean virtual environment without network, check the seeds.

    python tools/check_install.py [--extra PACKAGE ...] [--keep DIR]

1. `python -m build` writes the sdist and the wheel into DIR/dist (version from
   `zhcheck.__version__`, the one place it is written);
2. `pip wheel` fetches the wheel's run-time dependencies (and any `--extra` packages,
   e.g. what other features add at run time) into DIR/wheelhouse as wheels (building
   the ones published only as sdists, such as jieba) — the only step that uses the network;
3. in a new network namespace (`unshare -n`: no interface but loopback, so nothing can be
   downloaded), a fresh venv gets `pip install --no-index --find-links wheelhouse` of the
   wheel, and `zhcheck check corpus/seeds` must exit 1 with exactly the findings this
   checkout reports (JSON, `--no-cache`), with empty dictionary caches;
4. prints the venv's size and package count (`pip list`, pip itself included).

Needs root (or unprivileged user namespaces) for `unshare -n`; `--no-unshare` skips the
namespace (then only `--no-index` keeps pip offline). A few minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    print("$", " ".join(cmd), flush=True)
    return subprocess.run(cmd, check=True, **kw)


def du_mb(path: Path) -> float:
    total = 0
    for root, _dirs, files in os.walk(path):
        for f in files:
            p = os.path.join(root, f)
            if not os.path.islink(p):
                total += os.lstat(p).st_size
    return total / 1e6


def findings(data: str) -> list[tuple]:
    report = json.loads(data)
    return [
        (Path(fr["path"]).name, f["rule"], f["start"], f["end"], f["message"], f.get("suggestion"))
        for fr in report["files"]
        for f in fr["findings"]
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--extra", action="append", default=[], help="another package to install (and count)")
    ap.add_argument("--keep", type=Path, help="work in this directory and keep it (default: a temporary one)")
    ap.add_argument("--no-unshare", action="store_true", help="do not run the offline install in a network namespace")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="zhcheck-install-"))
    work.mkdir(parents=True, exist_ok=True)
    dist, wheelhouse, venv = work / "dist", work / "wheelhouse", work / "venv"
    for d in (dist, venv):
        shutil.rmtree(d, ignore_errors=True)
    try:
        run([sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)], stdout=subprocess.DEVNULL)
        (wheel,) = dist.glob("zhcheck-*.whl")
        # `pip wheel`, not `pip download`: a dependency published only as an sdist (jieba) is
        # built into a wheel here, so the offline install needs no build backend
        run([sys.executable, "-m", "pip", "wheel", "-q", "--wheel-dir", str(wheelhouse), str(wheel), *args.extra])

        env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
        env.update(PIP_CONFIG_FILE=os.devnull, XDG_CACHE_HOME=str(work / "xdg"), PIP_NO_CACHE_DIR="1")
        shutil.rmtree(work / "xdg", ignore_errors=True)
        offline = [] if args.no_unshare else ["unshare", "-n", "--"]
        py = venv / "bin" / "python"
        script = (
            f"set -e; {sys.executable} -m venv {venv}; "
            f"{py} -m pip install -q --no-index --find-links {wheelhouse} {wheel} {' '.join(args.extra)}; "
            f"cd {ROOT}; status=0; {venv}/bin/zhcheck check --format json --no-cache corpus/seeds "
            f"> {work}/installed.json || status=$?; exit $status"
        )
        done = subprocess.run([*offline, "bash", "-c", script], env=env)
        if done.returncode != 1:
            print(f"FAIL: zhcheck check corpus/seeds exited {done.returncode} (expected 1)")
            return 1
        here = subprocess.run(
            [sys.executable, "-m", "zhcheck", "check", "--format", "json", "--no-cache", "corpus/seeds"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
        same = findings((work / "installed.json").read_text(encoding="utf-8")) == findings(here.stdout)
        listed = subprocess.run([str(py), "-m", "pip", "list", "--format", "json"], capture_output=True, text=True)
        packages = json.loads(listed.stdout)
        print(f"wheel: {wheel.name} ({wheel.stat().st_size / 1e6:.1f} MB)")
        verdict = "identical to" if same else "DIFFERENT from"
        print(f"offline install checks the seeds: exit 1, findings {verdict} the checkout's")
        print(f"venv: {du_mb(venv):.0f} MB, {len(packages)} packages (pip list, pip included)")
        print("packages:", ", ".join(sorted(f"{p['name']}=={p['version']}" for p in packages)))
        return 0 if same else 1
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
