import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/index.js';

// The child runs the built store (dist/, which `npm test` builds first), as a served process would.
const CHILD = fileURLToPath(new URL('../fixtures/commit-turns-child.mjs', import.meta.url));
const CONVERSATIONS = 50;

/** Start the committing process, let it acknowledge about `acks` turns, then SIGKILL it; what it acknowledged, per conversation. */
function killAfter(path: string, acks: number): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, path, String(CONVERSATIONS)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acked = new Map<string, number>();
    let seen = 0;
    let buffer = '';
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
        const [conv, rev] = buffer.slice(0, i).split(' ');
        buffer = buffer.slice(i + 1);
        if (rev === undefined) continue; // "ready"
        acked.set(conv!, Math.max(acked.get(conv!) ?? -1, Number(rev)));
        if (++seen === acks) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => (signal === 'SIGKILL' ? resolve(acked) : reject(new Error(`child ended without being killed (${signal})`))));
  });
}

describe('sqlite store: SIGKILL during group commits', () => {
  it('loses no acknowledged turn: every turn printed as committed is in the file, with its answer and event', async () => {
    // Kill at different moments of the run (early, in the middle of full groups, later).
    for (const acks of [37, 611, 1_503]) {
      const path = join(mkdtempSync(join(tmpdir(), 'rb-kill-')), 'db.sqlite');
      const acked = await killAfter(path, acks);
      expect(acked.size).toBeGreaterThan(0);
      const store = await openSqliteStore(path);
      for (const [conv, rev] of acked) {
        const stored = await store.loadConversation(conv);
        // The acknowledged turn wrote revision rev + 1; a later, unacknowledged one may have landed too.
        expect(stored.rev).toBeGreaterThanOrEqual(rev + 1);
        const answers = await store.answersOf(conv);
        expect(answers.map((a) => a.step)).toEqual(Array.from({ length: stored.rev }, (_, i) => `s${i}`));
        expect(await store.hasEvent(`e${conv.slice(1)}-${rev}`)).toBe(true);
      }
      await store.close();
    }
  });
});
