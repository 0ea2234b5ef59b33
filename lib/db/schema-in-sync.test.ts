import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const MIGRATIONS = resolve('lib/db/migrations');
const drizzleKit = resolve('node_modules/.bin/drizzle-kit');

/**
 * A schema change must come with its generated migration and snapshot (`npx drizzle-kit generate`): a migration
 * written by hand without its snapshot makes the next fork's `generate` repeat it. Generating into a copy of the
 * migrations folder must find nothing to write.
 */
test('lib/db/schema.ts and lib/db/migrations agree: drizzle-kit generate writes nothing', { timeout: 60_000 }, () => {
  const folder = mkdtempSync(join(tmpdir(), 'schema-in-sync-'));
  try {
    const out = join(folder, 'migrations');
    cpSync(MIGRATIONS, out, { recursive: true });
    const config = join(folder, 'drizzle.config.json');
    // drizzle-kit reads `out` relative to the working folder.
    writeFileSync(
      config,
      JSON.stringify({ dialect: 'postgresql', schema: 'lib/db/schema.ts', out: relative(process.cwd(), out) }),
    );
    execFileSync(drizzleKit, ['check', '--config', config], { stdio: 'pipe' });
    execFileSync(drizzleKit, ['generate', '--config', config, '--name', 'schema_in_sync'], { stdio: 'pipe' });
    const written = readdirSync(out, { recursive: true }).filter((name) => String(name).includes('schema_in_sync'));
    assert.deepEqual(written, [], 'run `npx drizzle-kit generate` and commit the migration it writes');
    assert.deepEqual(readdirSync(join(out, 'meta')).sort(), readdirSync(join(MIGRATIONS, 'meta')).sort());
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
