#!/usr/bin/env bash
# `npm test` on a machine with nothing but Node, proven on CI's machine: the fallbacks of scripts/test-all.mjs are
# forced while the system PostgreSQL and Chromium stay where they are. GONGKAI_TEST_PG_URL points at a port where
# nothing listens and GONGKAI_FORCE_EMBEDDED_PG=1 starts the embedded PostgreSQL 18 (embedded-postgres) anyway;
# GONGKAI_CHROMIUM is unset and GONGKAI_FORCE_BUNDLED_CHROMIUM=1 takes the Chromium in @sparticuz/chromium.
# A few suites run against them: two database suites on PostgreSQL (PostgreSQL 18 locking and LISTEN/NOTIFY) and
# one browser journey (fonts, accessibility, screenshots). The rest of CI tests Debian's PostgreSQL 15 and Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

DB_SUITES=(src/domains/applications/applications.race.db.test.ts src/web/instances.db.test.ts)
E2E_SUITES=(test/e2e/mongolian.test.ts)

# A port nobody listens on: taken from the system and given back.
DEAD_PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{const p=s.address().port;s.close(()=>console.log(p))})')
log=$(mktemp /tmp/gongkai-ci-bare.XXXXXX)
trap 'rm -f "$log"' EXIT

start=$(date +%s)
set +e
env -u GONGKAI_CHROMIUM \
  GONGKAI_TEST_PG_URL="postgres://postgres@127.0.0.1:${DEAD_PORT}/postgres" \
  GONGKAI_FORCE_EMBEDDED_PG=1 GONGKAI_FORCE_BUNDLED_CHROMIUM=1 \
  node scripts/test-all.mjs --project postgres --project e2e "${DB_SUITES[@]}" "${E2E_SUITES[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
verdict=passed; [ "$status" = 0 ] || verdict="failed (exit $status)"
echo "bare-machine fallbacks: ${verdict} in $(($(date +%s) - start)) s"

# The run must have used the fallbacks, not what happens to be installed.
grep -q "^PostgreSQL: embedded PostgreSQL 18" "$log" || { echo "the embedded PostgreSQL 18 was not used"; exit 1; }
grep -q "^Chromium: the one in @sparticuz/chromium" "$log" || { echo "the bundled Chromium was not used"; exit 1; }
exit "$status"
