# syntax=docker/dockerfile:1
# pilog: one multi-arch image (linux/arm64 for the Raspberry Pis, linux/amd64 for laptops and CI) serving every
# function; FUNCTION_TARGET picks which one a container runs. Build:
#   docker buildx build --platform linux/arm64,linux/amd64 -t ghcr.io/<owner>/pilog:<tag> --push .
# What the runtime stage holds is built and started with plain node by tools/image/image-artifact.test.ts.

ARG NODE_IMAGE=node:24-bookworm-slim

# 1. Production dependencies for the TARGET platform: the native addons (@node-rs/argon2, @node-rs/bcrypt) resolve its binary for
#    the architecture being built here. Only the few packages that cannot be bundled are taken from this install.
FROM ${NODE_IMAGE} AS runtime-deps
WORKDIR /deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# 2. The bundles, built once on the build machine's own platform (esbuild's output is architecture-independent):
#    one bundle per function, the launcher, and the runtime packages copied from stage 1.
FROM --platform=$BUILDPLATFORM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild esbuild
COPY tsconfig.json ./
COPY functions ./functions
COPY shared ./shared
COPY tools ./tools
COPY --from=runtime-deps /deps/node_modules /deps/node_modules
RUN node tools/image/main.ts /out /deps/node_modules

# 3. Each function's V8 compile cache, warmed on the TARGET platform (emulated when cross-building: V8 ignores a
#    cache made for another architecture) by starting each function in both profiles; the build platform's cache is dropped.
FROM ${NODE_IMAGE} AS warm
COPY --from=build /out/ /app/
COPY tools/image/warm-compile-cache.ts /warm/
RUN rm -rf /app/functions/*/compile-cache && node /warm/warm-compile-cache.ts /app

# 4. Runtime: Node 24, the artifact, nothing else. Non-root, read-only friendly (nothing is written at run time in
#    the services profile), SIGTERM drains in-flight requests within 10 s.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PILOG_PROFILE=services \
    PORT=8080
WORKDIR /app
COPY --from=warm --chown=root:root /app/ /app/
USER node
EXPOSE 8080
STOPSIGNAL SIGTERM
CMD ["node", "/app/main.mjs"]
