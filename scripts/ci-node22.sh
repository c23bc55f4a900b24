#!/usr/bin/env bash
# CI on Node 22 LTS, the declared runtime (README: Runtime), beside the main run on the machine's Node: the unit
# project (unit and SQLite suites) in a copy of the tree with its own `npm ci` under Node 22, so the native
# modules (better-sqlite3 compiled for Node 22's ABI; @node-rs/argon2 and jieba are N-API) are Node 22's.
# Node 22 comes from the npm registry's `node` package, whose platform package also carries Node's headers:
# better-sqlite3 has no prebuilt binary to download here and is compiled against them.
# Skipped when the machine's Node is 22 already (the main run is then the Node 22 run).
# Usage: bash scripts/ci-node22.sh   (NODE22_VERSION=22 by default; KEEP=1 keeps the folder)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WANT="${NODE22_VERSION:-22}"
if [ "$(node -p 'process.versions.node.split(".")[0]')" = "${WANT%%.*}" ]; then
  echo "== Node 22: the machine's Node is $(node --version), the main run covered it"
  exit 0
fi
started=$SECONDS
WORK="$(mktemp -d /tmp/gongkai-node22.XXXXXX)"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT

echo "== Node 22: installing node@$WANT from the npm registry"
npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$WORK/runtime" "node@$WANT" >/dev/null
HEADER="$(find "$WORK/runtime" -path '*/include/node/node_version.h' -print -quit)"
[ -n "$HEADER" ] || { echo "node@$WANT installed without Node's headers" >&2; exit 1; }
NODEDIR="$(dirname "$(dirname "$(dirname "$HEADER")")")"
export PATH="$NODEDIR/bin:$PATH"
echo "   $(node --version) ($((SECONDS - started)) s)"

echo "== Node 22: npm ci in a copy of the tree"
mkdir "$WORK/tree"
# The work tree as it is (tracked and new files, not ignored ones: no node_modules, no dist).
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | tar --null --ignore-failed-read -T - -cf - 2>/dev/null) |
  tar -xf - -C "$WORK/tree"
cd "$WORK/tree"
# nodedir: native modules compile against Node 22's headers, not a system Node's (npm may be set to /usr).
npm_config_nodedir="$NODEDIR" npm ci --no-audit --no-fund --loglevel=error
echo "   ($((SECONDS - started)) s)"

echo "== Node 22: unit and SQLite suites (vitest --project unit)"
NODE_ENV=test npx vitest run --project unit
echo "== Node 22: done in $((SECONDS - started)) s"
