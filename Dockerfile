# 法治报告问答助手 — container image. Build: docker build -t fazhi .   Run: see docs/deploy.md
# Two stages: the first compiles the native modules (nodejieba, hnswlib-node, better-sqlite3) and the
# TypeScript; the second holds only Node, the compiled dist/ and the production dependencies, run as a
# non-root user.

FROM node:22-bookworm-slim AS build
# Native modules compile from source: python3, make and g++ are needed here only.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
# The chat page's TypeScript, bundled into web/build/app.js by the build.
COPY web ./web
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    CORPUS_DIR=/app/corpus \
    INDEX_DIR=/var/lib/fazhi/index \
    DATA_DIR=/var/lib/fazhi/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/index.html ./web/index.html
COPY --from=build /app/web/build ./web/build
COPY prompts ./prompts
# Owned by `node`: reports uploaded on the page are stored in corpus/uploads/.
COPY --chown=node:node corpus ./corpus
# The index and the records live in one volume owned by the unprivileged `node` user of the base image.
RUN mkdir -p /var/lib/fazhi && chown node:node /var/lib/fazhi
USER node
VOLUME ["/var/lib/fazhi"]
# Webhook (PORT) and HTTP server (HTTP_PORT) ports, when those modes are configured.
EXPOSE 8080
# Node itself, not npm, is PID 1's child: SIGTERM reaches the program, which stops within a few seconds.
CMD ["node", "dist/cli/main.js", "start"]
