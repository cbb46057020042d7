// A scheduler process for the exactly-once test: delivers due reminders from a shared database
// through a fake adapter that appends "<reminder dedupe key>\t<owner>" lines to a file.
import { appendFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { deliverDue } from '../../src/scheduler/deliver.js';
import { silentLogger } from '../../src/runtime/index.js';
import { openSqliteStore } from '../../src/store/index.js';

const [db, out, owner] = process.argv.slice(2) as [string, string, string];
const store = await openSqliteStore(db);
// A start line: both processes begin claiming together, so on a busy machine one cannot finish
// the whole batch before the other has even started (the test wants the claims contested).
writeFileSync(`${out}.ready.${owner}`, '');
while (readdirSync(dirname(out)).filter((f) => f.startsWith(`${basename(out)}.ready.`)).length < 2) await new Promise((r) => setTimeout(r, 5));
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
    store, adapters: [adapter], clock: () => new Date('2026-03-02T01:00:00Z'), log: silentLogger, owner, batch: 7,
    render: (rem) => [{ type: 'info', text: rem.dedupeKey }],
  });
  idle = r.claimed === 0 ? idle + 1 : 0;
}
await store.close();
