import { copySqliteToPostgresUrl, describePostgresUrl } from './store/index.js';

type Io = { stdout: NodeJS.WritableStream };
export type MigrateStoreArgs = { from: string | undefined; to: string | undefined; merge: boolean };

/** `review-bot migrate-store --from sqlite:PATH --to postgres://… [--merge]`: one line per table on stdout. */
export async function migrateStoreCommand(a: MigrateStoreArgs, io: Io): Promise<{ ok: true } | { ok: false; error: string }> {
  if (!a.from?.startsWith('sqlite:') || a.from.length === 'sqlite:'.length) return { ok: false, error: 'migrate-store needs --from sqlite:PATH' };
  if (!a.to || !/^postgres(ql)?:\/\/./.test(a.to)) return { ok: false, error: 'migrate-store needs --to postgres://user:password@host:port/database' };
  const path = a.from.slice('sqlite:'.length);
  const r = await copySqliteToPostgresUrl(path, a.to, { merge: a.merge });
  if (!r.ok) return r;
  for (const [table, t] of Object.entries(r.value)) {
    io.stdout.write(`${table}: ${t.copied} copied${t.skipped ? `, ${t.skipped} already in the target (kept as it is)` : ''}\n`);
  }
  io.stdout.write(`copied ${path} into ${describePostgresUrl(a.to)}\n`);
  return { ok: true };
}
