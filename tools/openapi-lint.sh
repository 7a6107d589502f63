#!/usr/bin/env bash
# Lints the gateway's OpenAPI document with Redocly (redocly.yaml) and Spectral (.spectral.yaml):
# the document is dumped from a preview app (no database, NATS or port), so run after the build.
# Fails on any error; warnings are printed (listed and justified in docs/openapi-lint.md).
set -euo pipefail
cd "$(dirname "$0")/.."
# offline: no telemetry, no update check
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
node tools/run.js apps/gateway/src/openapi/dump-openapi.js "$out/openapi.json"
echo "-- redocly lint (recommended) --"
npx redocly lint "$out/openapi.json" --config redocly.yaml --format=summary 2>&1 | grep -v -e '^\s*║' -e '^\s*╔' -e '^\s*╚' -e '^\s*$'
echo "-- spectral lint (spectral:oas) --"
npx spectral lint "$out/openapi.json" --ruleset .spectral.yaml --fail-severity error --display-only-failures=false
