import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deliverDue } from '../../src/scheduler/deliver.js';
import { silentLogger } from '../../src/runtime/index.js';
import { openSqliteStore, type NewReminder } from '../../src/store/index.js';

const WORKER = fileURLToPath(new URL('../support/scheduler-worker.ts', import.meta.url));
const run = (args: string[]) => new Promise<number | null>((resolve, reject) => {
  const c = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
  c.on('error', reject);
  c.on('close', resolve);
});

const reminders = (n: number): NewReminder[] => Array.from({ length: n }, (_, i) => ({
  dedupeKey: `r${i}`, caseId: `RB-${i}`, recipient: 'lee', kind: 'deadline_t3', dueAt: '2026-03-02T00:00:00.000Z', payload: {},
}));

describe('reminder delivery', () => {
  it('two scheduler processes on one database deliver every reminder exactly once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-sched-'));
    const db = join(dir, 'db.sqlite');
    const out = join(dir, 'delivered.txt');
    writeFileSync(out, '');
    const store = await openSqliteStore(db);
    await store.touchPerson('lee', 'slack', { channel: 'D1' }, '2026-03-01T00:00:00.000Z');
    await store.scheduleReminders(reminders(150));
    await store.close();

    const codes = await Promise.all([run([db, out, 'one']), run([db, out, 'two'])]);
    expect(codes).toEqual([0, 0]);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => l.split('\t'));
    const keys = lines.map(([k]) => k);
    expect(keys).toHaveLength(150);
    expect(new Set(keys).size).toBe(150);
    // Both processes took part, so the claims really were contested.
    expect(new Set(lines.map(([, owner]) => owner)).size).toBe(2);
  }, 60_000);

  it('a failed delivery is retried later with backoff, and only then marked sent', async () => {
    const store = await openSqliteStore(':memory:');
    await store.touchPerson('lee', 'slack', {}, 'x');
    await store.scheduleReminders(reminders(1));
    let fail = true;
    const sent: string[] = [];
    const adapter = { platform: 'slack' as const, mount: () => {}, deliver: async () => { if (fail) throw new Error('slack down'); sent.push('ok'); } };
    let now = new Date('2026-03-02T01:00:00Z');
    const tick = () => deliverDue({ store, adapters: [adapter], clock: () => now, log: silentLogger, owner: 'a', render: () => [] });
    expect(await tick()).toMatchObject({ claimed: 1, failed: 1, sent: 0 });
    expect(await tick()).toMatchObject({ claimed: 0 }); // backing off
    fail = false;
    now = new Date(now.getTime() + 61_000);
    expect(await tick()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await tick()).toMatchObject({ claimed: 0 });
    expect(sent).toEqual(['ok']);
    await store.close();
  });

  it('a person with no platform served here is deferred, not lost', async () => {
    const store = await openSqliteStore(':memory:');
    await store.touchPerson('lee', 'terminal', null, 'x');
    await store.scheduleReminders(reminders(1));
    const now = new Date('2026-03-02T01:00:00Z');
    const r = await deliverDue({ store, adapters: [], clock: () => now, log: silentLogger, owner: 'a', render: () => [] });
    expect(r).toMatchObject({ claimed: 1, deferred: 1 });
    expect(await store.pendingReminders('lee', '2026-03-03T00:00:00.000Z')).toHaveLength(1);
    await store.close();
  });
});
