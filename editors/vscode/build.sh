#!/usr/bin/env bash
# Build the VS Code extension into editors/vscode/zhcheck-VERSION.vsix (needs node >= 20 and npm).
#   bash editors/vscode/build.sh
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error   # vscode-languageclient, and @vscode/vsce (dev) from package-lock.json
version=$(node -p 'require("./package.json").version')
npx @vscode/vsce package --allow-missing-repository --out "zhcheck-$version.vsix"
