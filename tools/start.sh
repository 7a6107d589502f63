#!/usr/bin/env bash
# Starts the whole platform with demo data: installs what is missing, builds, creates databases,
# migrates, loads demo data once, starts every service and keeps them running until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "安装依赖 installing dependencies…"; npm ci --no-audit --no-fund
fi
bash tools/ensure-infra.sh

# Secrets live in .env.local (git-ignored, mode 600), generated once per checkout.
touch .env.local && chmod 600 .env.local
if ! grep -q '^GATEWAY_JWT_SECRET=' .env.local; then
  echo "GATEWAY_JWT_SECRET=$(node -e "process.stdout.write(require('crypto').randomBytes(48).toString('base64url'))")" >> .env.local
fi
if ! grep -q '^PRESALE_SIGNING_KEY=' .env.local; then
  echo "PRESALE_SIGNING_KEY='$(node -e "process.stdout.write(require('crypto').generateKeyPairSync('ed25519').privateKey.export({type:'pkcs8',format:'pem'}).replace(/\n/g,'\\\\n'))")'" >> .env.local
fi
if ! grep -q '^GATEWAY_PII_KEY=' .env.local; then
  echo "GATEWAY_PII_KEY=$(node -e "process.stdout.write(require('crypto').randomBytes(32).toString('base64'))")" >> .env.local
fi
if ! grep -q '^CONTRACTS_PII_KEY=' .env.local; then
  echo "CONTRACTS_PII_KEY=$(node -e "process.stdout.write(require('crypto').randomBytes(32).toString('base64'))")" >> .env.local
fi
if ! grep -q '^EXCHANGE_SIGNING_KEY=' .env.local; then
  echo "EXCHANGE_SIGNING_KEY='$(node -e "process.stdout.write(require('crypto').generateKeyPairSync('ed25519').privateKey.export({type:'pkcs8',format:'pem'}).replace(/\n/g,'\\\\n'))")'" >> .env.local
fi
if ! grep -q '^EXCHANGE_SECRET_KEY=' .env.local; then
  echo "EXCHANGE_SECRET_KEY=$(node -e "process.stdout.write(require('crypto').randomBytes(32).toString('base64'))")" >> .env.local
fi
set -a; . ./.env.local; set +a
# 数据推送: the demo delivers only to receivers on this machine (npm run exchange-sim)
export EXCHANGE_ENVIRONMENT="${EXCHANGE_ENVIRONMENT:-development}" EXCHANGE_ALLOWED_HOSTS="${EXCHANGE_ALLOWED_HOSTS:-127.0.0.1,localhost}"

echo "编译 building…"; npx tsc -p tsconfig.build.json && npx tsc -p apps/console/tsconfig.json
mkdir -p tmp/logs
SERVICES=(permits presale contracts escrow alerts exchange gateway)
PIDS=()
cleanup() { echo; echo "停止服务 stopping services…"; for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

echo "载入演示数据 loading demo data (first run only)…"
node tools/run.js apps/permits/src/cli/demo-load.js

port_of() { case "$1" in gateway) echo 3000;; permits) echo 3101;; presale) echo 3102;; contracts) echo 3103;; escrow) echo 3104;; alerts) echo 3105;; exchange) echo 3106;; esac; }
for s in "${SERVICES[@]}"; do
  node tools/run.js "apps/$s/src/main.js" >"tmp/logs/$s.log" 2>&1 &
  PIDS+=($!)
  port=$(port_of "$s")
  for _ in $(seq 1 150); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    kill -0 "${PIDS[-1]}" 2>/dev/null || { echo "$s 启动失败 failed, see tmp/logs/$s.log"; tail -20 "tmp/logs/$s.log"; exit 1; }
    sleep 0.2
  done
  echo "  ✓ $s  http://127.0.0.1:$port/health  (日志 log: tmp/logs/$s.log)"
done

cat <<MSG

湖南省预售商品房监管平台已启动 platform running
  网关 gateway:      http://127.0.0.1:3000
  API 文档 docs:     http://127.0.0.1:3000/api/docs
  健康 health:       http://127.0.0.1:3000/health
  指标 metrics:      http://127.0.0.1:9464/metrics  (管理端口 management port)

创建对接凭据 create a credential (another terminal):
  npm run integrator:create -- --name "攸县住建局预售系统" --regions 430223 --scopes permits:read
然后 then:
  curl -s -X POST http://127.0.0.1:3000/api/v1/oauth/token -H 'content-type: application/json' \\
    -d '{"grant_type":"client_credentials","client_id":"<clientId>","client_secret":"<clientSecret>"}'
  curl -s http://127.0.0.1:3000/api/v1/construction-permits/430223202406200101 -H "authorization: Bearer <access_token>"

按 Ctrl-C 停止 press Ctrl-C to stop.
MSG
wait
