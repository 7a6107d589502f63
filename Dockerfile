# syntax=docker/dockerfile:1.7
#
# 一个镜像包含全部服务；运行哪一个由环境变量 SERVICE 决定。
# One image for every service; the SERVICE environment variable picks which one runs:
#   SERVICE=gateway|permits|presale|contracts|escrow|alerts|exchange
#
#   docker build -t hn-presale/app:local .
#   docker run --rm -e SERVICE=permits -e DATABASE_URL=... -e NATS_URL=... hn-presale/app:local
#
# Command-line tools run from the same image by overriding the command, e.g.
#   docker run --rm ... hn-presale/app:local node tools/run.js apps/gateway/src/cli/integrator-create.js

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------
# deps: all dependencies (dev included), cached on the lockfile only
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV SCARF_ANALYTICS=false \
    NX_DAEMON=false \
    NX_NO_CLOUD=true
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund

# ---------------------------------------------------------------------------
# build: compile TypeScript to dist/
# ---------------------------------------------------------------------------
FROM deps AS build
COPY . .
# Non-TypeScript files next to the sources (SQL, templates, data files) that code may read at run
# time are collected with their paths, so the runtime stage can place them both beside the sources'
# paths and beside the compiled files in dist/ (tsc does not copy them).
RUN npm run build \
 && mkdir -p /assets \
 && find apps libs -type f ! -name '*.ts' ! -name 'project.json' ! -name '*.md' ! -name 'jest.config.*' \
      -exec cp --parents {} /assets/ \;

# ---------------------------------------------------------------------------
# prod-deps: production dependencies only
# ---------------------------------------------------------------------------
FROM deps AS prod-deps
# tools/run.js needs tsconfig-paths at run time. While it is listed as a devDependency, keep it
# (and its dependencies) across the prune; once it moves to "dependencies" this is a no-op.
RUN mkdir /keep \
 && for m in tsconfig-paths json5 minimist; do cp -a "node_modules/$m" /keep/; done \
 && npm prune --omit=dev --no-audit --no-fund \
 && for m in tsconfig-paths json5 minimist; do [ -e "node_modules/$m" ] || mv "/keep/$m" node_modules/; done \
 && node -e "require('tsconfig-paths')"

# ---------------------------------------------------------------------------
# runtime
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# tini as PID 1: forwards SIGTERM to node (graceful shutdown on `docker stop` / pod deletion)
# and reaps zombies.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    LOG_LEVEL=info

COPY package.json package-lock.json tsconfig.base.json ./
COPY tools/run.js tools/run.js
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /assets/ ./
COPY --from=build /assets/ ./dist/

# The application files stay owned by root (read-only for the service); the service runs as the
# unprivileged `node` user (uid/gid 1000) of the base image.
USER 1000:1000

# Documentation only: gateway 3000, permits 3101, presale 3102, contracts 3103, escrow 3104,
# alerts 3105, exchange 3106 (set PORT accordingly); gateway management (/metrics) 9464.
EXPOSE 3000 3101 3102 3103 3104 3105 9464

HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["sh", "-c", ": \"${SERVICE:?set SERVICE to gateway, permits, presale, contracts, escrow, alerts or exchange}\"; exec node tools/run.js \"apps/${SERVICE}/src/main.js\""]
