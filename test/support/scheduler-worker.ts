// A scheduler process for the exactly-once tests: delivers due reminders from a shared database
// through a fake adapter that appends "<reminder dedupe key>\t<owner>" lines to a file. With a
// fourth argument (an instant), it first runs the daily sweep for that moment, as every instance
// does when its day starts, so both processes plan the same rows at the same time.
import { appendFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { readReminder, silentLogger } from '../../src/runtime/index.js';
import { deliverDue } from '../../src/scheduler/deliver.js';
import { planDueReminders } from '../../src/scheduler/plan.js';
import { openSqliteStore } from '../../src/store/index.js';
import { packageCalendar, settingsWith } from './calendars.js';

const [db, out, owner, planAt] = process.argv.slice(2) as [string, string, string, string | undefined];
const store = await openSqliteStore(db);
// A start line: both processes begin claiming together, so on a busy machine one cannot finish
// the whole batch before the other has even started (the test wants the claims contested).
writeFileSync(`${out}.ready.${owner}`, '');
while (readdirSync(dirname(out)).filter((f) => f.startsWith(`${basename(out)}.ready.`)).length < 2) await new Promise((r) => setTimeout(r, 5));
const now = new Date(planAt ?? '2026-03-02T01:00:00Z');
if (planAt) await planDueReminders({ store, deadlines: settingsWith(packageCalendar), log: silentLogger }, now);
const adapter = {
  platform: 'slack' as const,
  mount: () => {},
  deliver: async (_person: unknown, messages: { type: string; text?: string }[]) => {
    await new Promise((r) => setTimeout(r, Math.random() * 3)); // let the other process interleave
    appendFileSync(out, `${messages[0]?.text}\t${owner}\n`);
  },
};
let idle = 0;
while (idle < 3) {
  const r = await deliverDue({
    store,
    adapters: [adapter],
    clock: () => now,
    log: silentLogger,
    owner,
    batch: 7,
    // Planned rows must read back as their kind; the pre-seeded rows of the first test are not typed.
    present: async (rem) =>
      planAt && !readReminder(rem).ok
        ? { type: 'skip', reason: 'unreadable' }
        : { type: 'send', lang: 'en', messages: [{ type: 'info', text: rem.dedupeKey }] },
  });
  idle = r.claimed === 0 ? idle + 1 : 0;
}
await store.close();
