#!/usr/bin/env bash
# All tests: formatting (prettier), lint (incl. module boundaries), type check, unit, integration, build, end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true
# quiet service logs from in-process apps in integration specs (e2e sets its own level)
export LOG_LEVEL=${LOG_LEVEL:-warn}
bash tools/ensure-infra.sh
echo "== format =="
npx prettier --check "{apps,libs,e2e,tools}/**/*.ts" --log-level warn
echo "== lint and type check (side by side: each uses one core) =="
npx nx show projects >/dev/null   # computes the project graph the module-boundary rule needs
mkdir -p tmp
lint_log="$(mktemp -p tmp lint.XXXXXX)"
( npx eslint . --max-warnings 0 >"$lint_log" 2>&1 ) &
lint_pid=$!
typecheck_ok=1
npx tsc -p tsconfig.json --noEmit || typecheck_ok=0
npx tsc -p apps/console/tsconfig.json --noEmit || typecheck_ok=0   # the browser console: DOM, ES modules
lint_ok=1
wait "$lint_pid" || lint_ok=0
echo "-- lint --"; cat "$lint_log"; rm -f "$lint_log"
if [ "$lint_ok" = 0 ] || [ "$typecheck_ok" = 0 ]; then echo "lint or type check failed"; exit 1; fi
echo "== unit =="
npx jest -c jest.unit.config.js --ci
echo "== integration =="
npx jest -c jest.integration.config.js --ci
echo "== build =="
npx tsc -p tsconfig.build.json
npx tsc -p apps/console/tsconfig.json
echo "== OpenAPI lint (Redocly, Spectral) =="
bash tools/openapi-lint.sh
echo "== end-to-end =="
npx jest -c jest.e2e.config.js --ci
