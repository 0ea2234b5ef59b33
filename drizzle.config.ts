import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate` turns changes to the schema into a new SQL
// migration in lib/db/migrations (commit it); `npm run db:migrate` applies them.
export default defineConfig({
  dialect: 'postgresql',
  schema: './lib/db/schema.ts',
  out: './lib/db/migrations',
});
