# syntax=docker/dockerfile:1
# Ivareta in two stages: the build stage compiles TypeScript to dist/ with the dev dependencies; the
# runtime stage holds the production dependencies, dist/ and content/ only, and runs as the `node` user.
# docs/deploy.md shows how to run it (compose.yaml: two replicas on PostgreSQL; deploy/k8s/).
ARG NODE_IMAGE=node:20-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# Scripts off: `prepare` would build before the sources are here, and no install script matters for tsc.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY cards ./cards
COPY dialogs ./dialogs
# scripts/bundle.mjs: the build ends by bundling the server with V8's code cache (same Node as below).
COPY scripts ./scripts
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3978 \
    DATA_DIR=/app/data \
    IVARETA_INDEX_CACHE=/app/.cache
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# --ignore-scripts: `prepare` (the build) needs typescript, a dev dependency, and dist/ comes from the
# build stage. botbuilder-dialogs' postinstall only deletes three stale nested copies of
# recognizers-text-number (with `npx rimraf`, which would need the network); the rm does the same.
RUN npm ci --omit=dev --ignore-scripts \
 && rm -rf node_modules/@microsoft/recognizers-text-suite/node_modules/@microsoft/recognizers-text-number \
           node_modules/@microsoft/recognizers-text-date-time/node_modules/@microsoft/recognizers-text-number \
           node_modules/@microsoft/recognizers-text-number-with-unit/node_modules/@microsoft/recognizers-text-number \
 && npm cache clean --force
# dist/ has the compiled code, the message catalogues and the migrations; dist/content links to ../content.
COPY --from=build /app/dist ./dist
COPY content ./content
# `node bin/ivareta.js config check …` in the container: bin/ runs src/ through tsx, dist/src has the sources.
COPY bin ./bin
RUN ln -s dist/src src && ln -s dist/cards cards && ln -s dist/dialogs dialogs \
 && mkdir -p data .cache && chown node:node data .cache
USER node
EXPOSE 3978
# No curl in the slim image: Node's fetch asks /healthz (200 when the process and the database answer).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/src/main.js"]
