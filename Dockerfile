# syntax=docker/dockerfile:1
# Quadrant services image (full mode: PostgreSQL + Kafka). One image holds every service:
#   docker build -t quadrant .                            -> runs the gateway (default)
#   docker build --build-arg SERVICE=production -t quadrant-production .
#   or keep one image and override the command:  node dist/services/production/src/main.js
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: all dependencies, TypeScript -> dist/ (tsc + tsc-alias) ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ---- runtime: production dependencies, dist/ and schemas/ only, as the non-root user `node` ----
FROM ${NODE_IMAGE} AS runtime
ARG SERVICE=gateway
ENV NODE_ENV=production \
    QUADRANT_SERVICE=${SERVICE}
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# Found at run time by walking up from dist/ (event JSON Schemas, GraphQL schema).
COPY schemas ./schemas
# Files stay root-owned (read-only for the app); the process runs unprivileged.
USER node
EXPOSE 4000 4001
# exec: node replaces the shell as PID 1, so SIGTERM reaches the service's graceful shutdown.
CMD ["sh", "-c", "exec node \"dist/services/${QUADRANT_SERVICE}/src/main.js\""]
