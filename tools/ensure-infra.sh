#!/usr/bin/env bash
# Starts the machine's PostgreSQL and NATS (JetStream) if they are not running.
set -euo pipefail

pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
nats_up() { (exec 3<>/dev/tcp/127.0.0.1/4222) 2>/dev/null; }

if ! pg_up; then
  echo "启动 PostgreSQL starting PostgreSQL…"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  for _ in $(seq 1 50); do pg_up && break; sleep 0.2; done
fi
if ! nats_up; then
  echo "启动 NATS starting NATS (JetStream)…"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- \
    -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log
  for _ in $(seq 1 50); do nats_up && break; sleep 0.2; done
fi
pg_up || { echo "PostgreSQL 未就绪 not reachable on 127.0.0.1:5432" >&2; exit 1; }
nats_up || { echo "NATS 未就绪 not reachable on 127.0.0.1:4222" >&2; exit 1; }
