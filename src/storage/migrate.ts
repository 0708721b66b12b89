// Applies migrations/NNN_*.sql in order, each once, recorded in schema_migrations. Everything runs in
// one transaction under an advisory lock, so replicas starting together do not race: the first
// applies, the others wait and then find nothing left to do.
import { readdirSync, readFileSync } from 'node:fs';
import type { Db } from './db.ts';

export interface Migration {
  version: string;
  sql: string;
}

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);

/** The migrations shipped with the code, by file name order. */
export function loadMigrations(dir: URL = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d+_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), sql: readFileSync(new URL(f, dir), 'utf8') }));
}

/** Applies the migrations not applied yet; returns the versions it applied. */
export function migrate(db: Db, migrations: Migration[] = loadMigrations()): Promise<string[]> {
  return db.transaction(async (tx) => {
    // Transaction-scoped, and per schema, so test schemas on one server do not wait on each other.
    await tx.query("SELECT pg_advisory_xact_lock(hashtextextended('ivareta.migrate.' || current_schema(), 0))");
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    text        NOT NULL PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ version: string }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
      applied.push(m.version);
    }
    return applied;
  });
}
