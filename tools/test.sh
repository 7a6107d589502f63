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
echo "== lint =="
npx nx show projects >/dev/null   # computes the project graph the module-boundary rule needs
npx eslint . --max-warnings 0
echo "== type check =="
npx tsc -p tsconfig.json --noEmit
npx tsc -p apps/console/tsconfig.json --noEmit   # the browser console: DOM, ES modules
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
