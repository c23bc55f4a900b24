#!/usr/bin/env bash
# CI on Node 22 LTS, the declared runtime (README: Runtime): the unit project (unit and SQLite suites) runs on
# Node 22 in a copy of the tree with its own `npm ci`, so the native modules are Node 22's (better-sqlite3 is
# compiled for Node 22's ABI; @node-rs/argon2 and jieba are N-API). The PostgreSQL and Chromium projects run on
# the machine's Node in .ci/run, so each suite runs once, every one required, and both runtimes are tested.
# Node 22 comes from the npm registry's `node` package, whose platform package also carries Node's headers:
# better-sqlite3 has no prebuilt binary to download here and is compiled against them.
#
# Usage: bash scripts/ci-node22.sh prepare   installs Node 22 and the copy (CI runs it beside lint)
#        bash scripts/ci-node22.sh test      runs `npm test -- --project unit` there, sqlite suites required
#        bash scripts/ci-node22.sh           both
# The folder is GONGKAI_NODE22_DIR (default /tmp/gongkai-node22); KEEP=1 keeps it after the tests.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WANT="${NODE22_VERSION:-22}"
WORK="${GONGKAI_NODE22_DIR:-/tmp/gongkai-node22}"
STEP="${1:-all}"
started=$SECONDS

node22_dir() {
  local header
  header="$(find "$WORK/runtime" -path '*/include/node/node_version.h' -print -quit 2>/dev/null || true)"
  [ -n "$header" ] || { echo "node@$WANT is not installed in $WORK (run: $0 prepare)" >&2; return 1; }
  dirname "$(dirname "$(dirname "$header")")"
}

prepare() {
  rm -rf "$WORK"
  mkdir -p "$WORK/tree"
  echo "== Node 22: installing node@$WANT from the npm registry"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$WORK/runtime" "node@$WANT" >/dev/null
  local dir
  dir="$(node22_dir)"
  echo "   $("$dir/bin/node" --version) ($((SECONDS - started)) s)"
  echo "== Node 22: npm ci in a copy of the tree"
  # The work tree as it is (tracked and new files, not ignored ones: no node_modules, no dist).
  (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | tar --null --ignore-failed-read -T - -cf - 2>/dev/null) |
    tar -xf - -C "$WORK/tree"
  # Tests read the shared legal corpus from ../shared beside the repository: the copy sees the same one.
  if [ -d "$ROOT/../shared" ]; then ln -s "$(cd "$ROOT/../shared" && pwd)" "$WORK/shared"; fi
  # nodedir: native modules compile against Node 22's headers, not a system Node's (npm may be set to /usr).
  (cd "$WORK/tree" && PATH="$dir/bin:$PATH" npm_config_nodedir="$dir" npm ci --no-audit --no-fund --loglevel=error)
  echo "== Node 22: ready in $((SECONDS - started)) s"
}

run_tests() {
  local dir
  dir="$(node22_dir)"
  [ -n "${KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT
  echo "== npm test on $("$dir/bin/node" --version): the unit project (unit and SQLite suites)"
  (cd "$WORK/tree" && PATH="$dir/bin:$PATH" GONGKAI_TEST_REQUIRE=sqlite,other npm test -- --project unit)
  echo "== Node 22: done in $((SECONDS - started)) s"
}

case "$STEP" in
  prepare) prepare ;;
  test) run_tests ;;
  all) prepare; run_tests ;;
  *) echo "usage: $0 [prepare|test]" >&2; exit 2 ;;
esac
