# feedfold: one image for every role (api, scheduler, worker, migrate); the command picks the role.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
# A bounded V8 heap: without it the heap grows to hundreds of MB between collections while workers parse
# article pages (bench/RESULTS.md, worker RSS); 256 MB leaves room for a 10 MB page. Override in .env.
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-old-space-size=256 \
    PORT=8080 \
    FEEDFOLD_DATA_DIR=/app/data \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY drizzle ./drizzle
# The compiled CLI (dist/, scripts/build.mjs): start-up without tsx's transform.
COPY scripts/build.mjs ./scripts/build.mjs
RUN node scripts/build.mjs
RUN mkdir -p /app/data && chown -R node:node /app/data
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/feedfold.mjs"]
CMD ["run"]
