#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs PostgreSQL, Chromium and bubblewrap from
# Debian if missing, starts a throwaway PostgreSQL, then checks migrations, types, lint, unit and
# integration tests (PGlite and PostgreSQL), the production build, and the browser tests.
# Formatting and the paths package.json files name are checked before anything is built.
set -euo pipefail
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 NEXT_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."
root=$PWD
log=$(mktemp -d /tmp/suture-test.XXXXXX)
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "system packages"
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# The agent's sandbox (packages/fixer); its tests run wherever bwrap can make its namespaces.
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
# Titles carry emoji markers; without a font the screenshots show empty boxes.
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || missing+=(fonts-noto-color-emoji)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "postgres: $(ls -d /usr/lib/postgresql/*/bin | tail -n 1); chromium: $(command -v chromium)"
if bwrap --unshare-all --ro-bind / / --proc /proc --dev /dev true 2>/dev/null; then
  echo "bwrap: $(command -v bwrap), namespaces allowed"
else
  echo "bwrap: $(command -v bwrap) cannot create namespaces here (unprivileged user namespaces off?): its tests are skipped"
fi

step "PostgreSQL"
pg_port=${SUTURE_TEST_PG_PORT:-54329}
TEST_DATABASE_URL=$(bash scripts/pg.sh start "$pg_port" "/tmp/suture-test-pg-$pg_port")
export TEST_DATABASE_URL
trap 'bash scripts/pg.sh stop "$pg_port" "/tmp/suture-test-pg-$pg_port"' EXIT
echo "$TEST_DATABASE_URL"

step "migrations match the schema"
pnpm --silent db:generate >/dev/null
if ! git diff --exit-code --stat -- drizzle/ || [ -n "$(git ls-files --others --exclude-standard drizzle/)" ]; then
  echo "drizzle/ is out of date with packages/db/src/schema: run pnpm db:generate and commit the migration" >&2
  exit 1
fi
echo "no schema changes"

step "format"
pnpm --silent format:check
echo "formatted"

step "package paths"
node scripts/check-package-paths.mjs

step "typecheck"
pnpm --silent typecheck --output-logs=errors-only

step "lint"
pnpm --silent lint --output-logs=errors-only

step "unit and integration tests (PGlite and PostgreSQL)"
pnpm --silent test:unit --output-logs=full --concurrency=1 2>&1 | tee "$log/unit.txt"

step "production build"
pnpm --silent build --output-logs=errors-only

step "server and browser tests"
pnpm --silent --filter @suture/web e2e 2>&1 | tee "$log/e2e.txt"

step "summary"
node scripts/summarize-tests.mjs "$log/unit.txt" "$log/e2e.txt"
