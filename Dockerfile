# Production image: `docker build -t connections-starter .` then
# `docker run -p 3000:3000 --env-file .env.production connections-starter`.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1 NEXT_OUTPUT=standalone
RUN npx next build
# `npm run db:migrate` as one file for the runtime image, which has no dev tools; PGlite and @next/env come from the
# standalone build's node_modules.
RUN npx esbuild scripts/db-migrate.ts --bundle --platform=node --format=esm --target=node22 \
      --conditions=react-server --external:@electric-sql/pglite --external:@next/env --outfile=db-migrate.mjs

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
COPY --from=build /app/db-migrate.mjs ./
COPY --from=build /app/lib/db/migrations ./lib/db/migrations
USER node
EXPOSE 3000
# Entry step: apply pending migrations to DATABASE_URL (a no-op when there are none), then serve.
CMD ["sh", "-c", "node db-migrate.mjs && exec node server.js"]
