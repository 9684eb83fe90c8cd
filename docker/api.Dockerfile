# syntax=docker/dockerfile:1.7
# The Shala API image (OPS-02). One image, three commands (docker/compose.yaml):
#   node dist/main.js          the HTTP API (default)
#   node dist/worker.js        the background worker (outbox delivery, jobs)
#   node dist/cli.js migrate   the one-shot migration
# Build from the repository root:  docker build -f docker/api.Dockerfile -t shala-api .
# The `backup` target is the database image with Node and scripts/backup.mjs + restore.mjs.

ARG NODE_IMAGE=node:20-bookworm-slim
# The backup target is built on the database image, so its client tools match the server.
ARG MYSQL_IMAGE=mysql:8.4

# --- toolchain: the pinned pnpm (scripts/pnpm.mjs runs package.json#packageManager through npx) and a
# compiler for native modules (better-sqlite3) when no prebuilt binary matches.
FROM ${NODE_IMAGE} AS toolchain
ENV CI=true \
    NPM_CONFIG_UPDATE_NOTIFIER=false
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Manifests first, so the dependency layers are rebuilt only when they change.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY scripts/pnpm.mjs scripts/pnpm.mjs
COPY apps/api/package.json apps/api/package.json
COPY apps/web/package.json apps/web/package.json
COPY packages/contracts/package.json packages/contracts/package.json
# Fetch the pinned pnpm once, into this shared layer.
RUN node scripts/pnpm.mjs --version

# --- build: every dependency of the API and the contracts, then compile both.
FROM toolchain AS build
RUN --mount=type=cache,id=shala-pnpm-store,target=/pnpm/store \
    node scripts/pnpm.mjs install --frozen-lockfile --store-dir=/pnpm/store --filter "@shala/api..."
COPY tsconfig.base.json ./
COPY packages/contracts/ packages/contracts/
COPY apps/api/ apps/api/
RUN node scripts/pnpm.mjs --filter @shala/contracts run build \
 && node scripts/pnpm.mjs --filter @shala/api run build

# --- prod-deps: production dependencies only (no compilers, test tools or type packages).
FROM toolchain AS prod-deps
RUN --mount=type=cache,id=shala-pnpm-store,target=/pnpm/store \
    node scripts/pnpm.mjs install --prod --frozen-lockfile --store-dir=/pnpm/store --filter "@shala/api..."

# --- runtime: what runs in production, as the unprivileged `node` user.
FROM ${NODE_IMAGE} AS runtime
# NODE_OPTIONS: the API's node flags (scripts/api-node-flags.mjs, where they are explained and measured).
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-old-space-size=1024 \
    APP_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    METRICS_HOST=0.0.0.0 \
    METRICS_PORT=9464
WORKDIR /app
# pnpm's layout is symlinks into node_modules/.pnpm; COPY keeps them.
COPY --from=prod-deps /src/node_modules/ node_modules/
COPY --from=prod-deps /src/apps/api/node_modules/ apps/api/node_modules/
COPY --from=build /src/packages/contracts/package.json packages/contracts/package.json
COPY --from=build /src/packages/contracts/dist/ packages/contracts/dist/
COPY --from=build /src/apps/api/package.json apps/api/package.json
COPY --from=build /src/apps/api/dist/ apps/api/dist/
# Fonts the PDFs embed (report cards: Noto Sans Devanagari, OFL); found beside apps/api/package.json.
COPY --from=build /src/apps/api/assets/ apps/api/assets/
# Only used when DATABASE_URL is sqlite: (not in compose, which runs MySQL).
RUN mkdir -p apps/api/data && chown node:node apps/api/data
# V8's code cache of the bundled API (CODE_CACHE_DIR; compose mounts a volume here). The loader uses it
# only while it is the node user's and closed to others.
RUN mkdir -p -m 700 /var/cache/shala && chown node:node /var/cache/shala
WORKDIR /app/apps/api
USER node
# Written now, under the image's NODE_OPTIONS, so that no replica compiles the bundle at its first start
# (compiling leaves ~25 MB more malloc in the process; README, "Memory"). A named volume at
# /var/cache/shala starts with it; a replica that finds none writes one from a child process.
RUN CODE_CACHE_DIR=/var/cache/shala node dist/main.js --write-code-cache \
    && test -n "$(ls /var/cache/shala)"
EXPOSE 3000 9464
HEALTHCHECK --interval=15s --timeout=4s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/main.js"]

# --- backup: the backup and restore scripts on top of the database image itself, so mysqldump and mysql
# are the server's own versions (MySQL 8.4 removed statements older clients send). Node comes from the
# runtime stage (the official binary needs only glibc and libstdc++), the pure-JS mysql2 driver from
# prod-deps. docker compose -f docker/compose.yaml --profile backup run --rm backup
FROM ${MYSQL_IMAGE} AS backup
USER root
RUN if command -v microdnf >/dev/null 2>&1; then microdnf install -y libstdc++ && microdnf clean all; fi \
 && mkdir -p /backups /app/scripts \
 && chown mysql:mysql /backups
COPY --from=runtime /usr/local/bin/node /usr/local/bin/node
COPY --from=prod-deps /src/node_modules/ /app/node_modules/
COPY --from=prod-deps /src/apps/api/node_modules/ /app/apps/api/node_modules/
COPY --from=build /src/packages/contracts/package.json /app/packages/contracts/package.json
COPY --from=build /src/packages/contracts/dist/ /app/packages/contracts/dist/
COPY --from=build /src/apps/api/package.json /app/apps/api/package.json
COPY scripts/backup.mjs scripts/restore.mjs /app/scripts/
COPY scripts/ops/ /app/scripts/ops/
WORKDIR /app
USER mysql
ENV BACKUP_DIR=/backups
ENTRYPOINT []
HEALTHCHECK NONE
CMD ["node", "scripts/backup.mjs"]
