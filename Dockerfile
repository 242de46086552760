# Slipway's server image: the API, the engine and the built web portal.
#   docker build -t slipway:dev .      (or: buildah bud -t slipway:dev .)
# Multi-stage: the portal is built with every dev dependency; the runtime stage installs
# only the production dependencies of the server and core, and runs as a numeric non-root
# user so Kubernetes' runAsNonRoot can verify it. No HEALTHCHECK: Kubernetes probes
# /healthz and /readyz (deploy/helm/slipway).

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/core/package.json packages/core/
COPY packages/api-client/package.json packages/api-client/
COPY packages/server/package.json packages/server/
COPY packages/cli/package.json packages/cli/
COPY packages/web/package.json packages/web/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY packages ./packages
RUN npm run build -w packages/web

FROM node:20-slim AS runtime
# git: catalog locations and templates are read from Git repositories.
RUN apt-get update \
  && apt-get install -y --no-install-recommends git ca-certificates \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY packages/core/package.json packages/core/
COPY packages/server/package.json packages/server/
RUN npm ci --omit=dev --no-audit --no-fund -w packages/server -w packages/core \
  && npm cache clean --force
COPY tsconfig.json ./
COPY packages/core/src packages/core/src
COPY packages/server/src packages/server/src
COPY templates ./templates
COPY --from=build /app/packages/web/dist packages/web/dist
# The state directory (first-login files, lock); the chart mounts an emptyDir here.
RUN mkdir -p /var/lib/slipway && chown 10001:10001 /var/lib/slipway
ENV SLIPWAY_HOST=0.0.0.0 SLIPWAY_STATE_DIR=/var/lib/slipway
USER 10001:10001
EXPOSE 7420
ENTRYPOINT ["node", "--import", "tsx", "packages/server/src/main.ts"]
