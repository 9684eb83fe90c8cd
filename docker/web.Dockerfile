# syntax=docker/dockerfile:1.7
# The Shala web image (OPS-01, OPS-02): Nginx serving the built SPA and proxying /api to the API
# instances, with the configuration of nginx/ (the same snippets scripts/nginx-check.mjs tests).
# Build from the repository root:  docker build -f docker/web.Dockerfile -t shala-web .
# Certificates are mounted at /etc/nginx/certs (fullchain.pem, privkey.pem); see docs/OPERATIONS.md.

ARG NODE_IMAGE=node:20-bookworm-slim
ARG NGINX_IMAGE=nginx:1.27-bookworm

FROM ${NODE_IMAGE} AS build
ENV CI=true \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /src
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml tsconfig.base.json ./
COPY scripts/pnpm.mjs scripts/pnpm.mjs
COPY apps/api/package.json apps/api/package.json
COPY apps/web/package.json apps/web/package.json
COPY packages/contracts/package.json packages/contracts/package.json
RUN --mount=type=cache,id=shala-pnpm-store,target=/pnpm/store \
    node scripts/pnpm.mjs install --frozen-lockfile --store-dir=/pnpm/store --filter "@shala/web..."
COPY packages/contracts/ packages/contracts/
COPY apps/web/ apps/web/
# The web build writes the .gz (and .br) copies that gzip_static serves (apps/web/vite.config.ts).
RUN node scripts/pnpm.mjs --filter @shala/contracts run build \
 && node scripts/pnpm.mjs --filter @shala/web run build

FROM ${NGINX_IMAGE} AS web
RUN rm -f /etc/nginx/conf.d/default.conf \
 && mkdir -p /var/www/acme /etc/nginx/certs
COPY nginx/nginx.conf /etc/nginx/nginx.conf
COPY nginx/snippets/ /etc/nginx/shala/
COPY --from=build /src/apps/web/dist/ /usr/share/nginx/html/
EXPOSE 80 443
HEALTHCHECK --interval=15s --timeout=4s --start-period=10s --retries=3 \
  CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1/nginx-health"]
