import { copyFileSync, existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { aCase } from '../support/fixtures.js';
import { backupSqliteDatabase, openSqliteStore, SCHEMA_VERSION, StoreError, type Store } from '../../src/store/index.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/runtime/index.js';
import { runCli, startChat } from '../support/cli.js';

// The database holds personal data: owner-only files whatever the umask; an online backup that is
// consistent while the bot writes; and a database of an older schema that migrates forward without
// loss, or, if its migration fails, stays as it was and usable.

const dir = () => mkdtempSync(join(tmpdir(), 'rb-data-'));
const mode = (path: string) => statSync(path).mode & 0o777;
const raw = (path: string, sql: string) =>
  new Promise<Record<string, unknown>[]>((resolve, reject) => {
    const db = new sqlite3.Database(path);
    db.all(sql, (err: Error | null, rows: Record<string, unknown>[]) => db.close(() => (err ? reject(err) : resolve(rows))));
  });

const opened: Store[] = [];
const open = async (path: string) => {
  const s = await openSqliteStore(path);
  opened.push(s);
  return s;
};
const originalUmask = process.umask();
afterEach(async () => {
  process.umask(originalUmask);
  await Promise.all(opened.splice(0).map((s) => s.close().catch(() => undefined)));
});

describe('owner-only files', () => {
  it.each([0o022, 0o002, 0o000])('with umask %o: folder 0700, database, WAL and SHM 0600', async (umask) => {
    process.umask(umask);
    const folder = join(dir(), 'data');
    const path = join(folder, 'review-bot.sqlite');
    const store = await open(path);
    expect(await store.saveCases({ newCases: [aCase()] })).toBe('ok');
    expect(mode(folder)).toBe(0o700);
    for (const f of [path, `${path}-wal`, `${path}-shm`]) expect(mode(f), f).toBe(0o600);
  });
});

describe('backup', () => {
  it('copies a consistent snapshot while another connection keeps writing; the copy restores every case', async () => {
    const path = join(dir(), 'live.sqlite');
    const store = await open(path);
    const committed: string[] = [];
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const id = `RB-W${String(i).padStart(5, '0')}`;
        if ((await store.saveCases({ newCases: [aCase({ id })] })) === 'ok') committed.push(id);
      }
    })();
    while (committed.length < 50) await new Promise((r) => setTimeout(r, 5));
    const before = [...committed];
    const target = join(dir(), 'copy.sqlite');
    const report = await backupSqliteDatabase(path, target);
    writing = false;
    await writer;
    expect(report.integrity).toBe('ok');
    expect(mode(target)).toBe(0o600);
    // One standalone file: no .partial, no -wal or -shm beside it, complete without them.
    expect(readdirSync(dirname(target))).toEqual(['copy.sqlite']);
    expect(await raw(target, 'PRAGMA journal_mode')).toEqual([{ journal_mode: 'delete' }]);
    expect(await raw(target, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    const [{ n }] = (await raw(target, 'SELECT count(*) AS n FROM cases')) as [{ n: number }];
    expect(n).toBeGreaterThanOrEqual(before.length);
    expect(readdirSync(dirname(target))).toEqual(['copy.sqlite']); // reading it made none either

    // Restore = open the copy as the database.
    const restored = await open(target);
    for (const id of before) expect(await restored.getCase(id), id).not.toBeNull();
    expect(await raw(target, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(await restored.countCases()).toBeGreaterThanOrEqual(before.length);
    expect(await restored.countCases()).toBeLessThanOrEqual(committed.length);
  });

  it('refuses to overwrite a file, and says so', async () => {
    const path = join(dir(), 'db.sqlite');
    await (await open(path)).saveCases({ newCases: [aCase()] });
    const target = join(dir(), 'exists.sqlite');
    copyFileSync(path, target);
    await expect(backupSqliteDatabase(path, target)).rejects.toThrow(/already exists/);
  });

  it('refuses a folder that does not exist, and creates nothing (a typo should not make folders)', async () => {
    const path = join(dir(), 'db.sqlite');
    await (await open(path)).saveCases({ newCases: [aCase()] });
    const base = dir();
    const target = join(base, 'bakups', 'copy.sqlite');
    await expect(backupSqliteDatabase(path, target)).rejects.toThrow(`there is no folder ${join(base, 'bakups')} for the backup`);
    expect(readdirSync(base)).toEqual([]);
  });

  it('a backup killed midway left files behind: they are replaced, not replayed, and removed', async () => {
    const path = join(dir(), 'db.sqlite');
    await (await open(path)).saveCases({ newCases: [aCase({ id: 'RB-KEPT01' })] });
    const folder = dir();
    const target = join(folder, 'copy.sqlite');
    for (const f of ['.partial', '.partial-wal', '.partial-shm']) writeFileSync(`${target}${f}`, 'left by a killed backup');
    await backupSqliteDatabase(path, target);
    expect(readdirSync(folder)).toEqual(['copy.sqlite']);
    expect(await raw(target, "SELECT id FROM cases WHERE id = 'RB-KEPT01'")).toEqual([{ id: 'RB-KEPT01' }]);
  });

  it('`review-bot backup FILE --db PATH` while a chat is writing to the database', async () => {
    const folder = dir();
    const db = join(folder, 'db', 'review-bot.sqlite');
    const chat = startChat(['--user', 'alice', '--db', db]);
    for (const line of ['review', 'purchase', 'hpc_servers', 'yes']) await chat.say(line);
    const target = join(folder, 'backup.sqlite');
    const r = await runCli(['backup', target, '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ backup: target, integrity: 'ok' });
    expect(readdirSync(folder).sort()).toEqual(['backup.sqlite', 'db']);
    await chat.say('yes');
    chat.child.stdin.end();
    await new Promise((resolve) => chat.child.once('close', resolve));
    const copy = await open(target);
    expect((await copy.answersOf('terminal:alice')).map((a) => a.step)).toEqual(['matter', 'category', 'ciio']);
    expect((await runCli(['backup', target, '--db', db])).stderr).toMatch(/already exists/);
    // With the bot stopped, the backup is the last connection: it leaves no -wal or -shm beside the database.
    const again = join(folder, 'again.sqlite');
    expect((await runCli(['backup', again, '--db', db])).code).toBe(0);
    expect(readdirSync(dirname(db))).toEqual(['review-bot.sqlite']);
    const missing = join(folder, 'no-such-folder', 'b.sqlite');
    const refused = await runCli(['backup', missing, '--db', db]);
    expect([refused.code, refused.stdout]).toEqual([2, '']);
    expect(refused.stderr).toBe(`review-bot: there is no folder ${dirname(missing)} for the backup; create it first, or check the path\n`);
    expect(existsSync(dirname(missing))).toBe(false);
  });
});

describe('a database made by the first release (schema v2)', () => {
  const fixture = fileURLToPath(new URL('./fixtures/round1-schema-v2.sqlite', import.meta.url));
  const copy = () => {
    const path = join(dir(), 'old.sqlite');
    copyFileSync(fixture, path);
    return path;
  };

  it('migrates forward without losing a conversation, an answer, a case, an audit row or a reminder', async () => {
    const path = copy();
    const counts = async () =>
      (
        await raw(
          path,
          `SELECT (SELECT COUNT(*) FROM conversations) c, (SELECT COUNT(*) FROM answers) a,
      (SELECT COUNT(*) FROM cases) k, (SELECT COUNT(*) FROM audit) au, (SELECT COUNT(*) FROM reminders) r, (SELECT COUNT(*) FROM people) p`,
        )
      )[0];
    const before = await counts();
    expect(before).toEqual({ c: 3, a: 7, k: 2, au: 11, r: 3, p: 4 });
    const store = await open(path);
    expect((await raw(path, 'SELECT MAX(version) v FROM schema_version'))[0]).toEqual({ v: SCHEMA_VERSION });
    expect(await counts()).toEqual(before);
    const submitted = (await store.listCases({ limit: 10 })).find((k) => k.status === 'submitted')!;
    // The old shape (submittedOn, complex) reads as review-clock events; reasons as bare ids.
    expect(submitted.clock).toEqual([expect.objectContaining({ type: 'submitted', on: '2026-11-20' })]);
    expect(submitted.triage.reasons.every((r) => !r.id.startsWith('reason.'))).toBe(true);
    // The first release's declaration form reads as the sections by matter (upgradeCase): nothing of it is lost.
    expect(submitted.intake.declaration).toBeUndefined();
    expect(submitted.intake.applicant).toMatchObject({ legal_name: 'Example Grid Co.' });
    expect(submitted.intake['item-1']).toMatchObject({ quantity: 20, total_amount: 1200000 });
    expect((await store.loadConversation('slack:UCAROL')).state).toMatchObject({ lang: 'zh-CN', status: 'active' });
    expect(await store.getPerson('slack:UCAROL')).toMatchObject({ lang: 'zh-CN' });
    expect((await store.answersOf('slack:UALICE')).map((a) => a.step)).toEqual(['listing_abroad', 'category', 'ciio', 'affects_national_security']);
    expect(await raw(path, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });

  it('a triage begun there under flow v1 goes on under v2 and decides by the v2 rules', async () => {
    const path = copy();
    const c = loadConfig({ REVIEW_BOT_DB: path });
    if (!c.ok) throw new Error(c.error);
    const app = await createApp(c.value, { log: silentLogger });
    try {
      // Carol's conversation stopped after "listing abroad? no", with core network equipment guessed from her message.
      const say = async (text: string) => (await app.bot.handle({ platform: 'slack', userId: 'UCAROL', input: { type: 'text', text } })).messages;
      expect(await say('是')).toEqual([expect.objectContaining({ type: 'question', step: 'ciio' })]);
      expect(await say('是')).toEqual([expect.objectContaining({ type: 'question', step: 'affects_national_security' })]);
      // A purchase of a named category by a CIIO that affects national security: rule 10, required (Art. 5).
      expect((await say('是')).find((m) => m.type === 'decision')).toMatchObject({ outcome: 'required' });
      expect((await app.store.loadConversation('slack:UCAROL')).state).toMatchObject({
        version: 2,
        answers: { matter: 'purchase', category: 'core_network_equipment', ciio: 'yes', affects_national_security: 'yes' },
      });
    } finally {
      await app.close();
    }
  });

  it('a migration that fails is rolled back: the file keeps its schema and data and opens once the cause is gone', async () => {
    const path = copy();
    // Something in the way of migration 3 (a table of that name made by hand).
    await raw(path, 'CREATE TABLE scheduled_runs (x)');
    const error = await openSqliteStore(path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'migration_failed' });
    expect((await raw(path, 'SELECT MAX(version) v FROM schema_version'))[0]).toEqual({ v: 2 });
    expect((await raw(path, 'SELECT COUNT(*) n FROM cases'))[0]).toEqual({ n: 2 });
    expect(await raw(path, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    await raw(path, 'DROP TABLE scheduled_runs');
    const store = await open(path);
    expect(await store.countCases()).toBe(2);
  });
});
