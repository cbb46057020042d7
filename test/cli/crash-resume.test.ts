import { describe, expect, it } from 'vitest';
import { startChat, tempDb } from '../support/cli.js';
import { openSqliteStore } from '../../src/store/index.js';

describe('crash safety', () => {
  it('SIGKILL between turns loses nothing; the next start re-asks the open question', async () => {
    const db = tempDb();
    const first = startChat(['--user', 'alice', '--db', db]);
    await first.say('review');
    await first.say('purchase');
    const asked = await first.say('hpc_servers');
    expect(asked.at(-1)).toMatchObject({ type: 'question', step: 'ciio' });
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('close', r));

    const second = startChat(['--user', 'alice', '--db', db]);
    await second.waitFor(1);
    expect(second.lines[0]).toMatchObject({ type: 'question', step: 'ciio' });
    const decided = await second.say('yes');
    expect(decided.at(-1)).toMatchObject({ type: 'question', step: 'affects_national_security' });
    const final = await second.say('yes');
    expect(final.find((l) => l.type === 'decision')).toMatchObject({ outcome: 'required' });
    second.child.stdin.end();
    await new Promise((r) => second.child.once('close', r));

    const store = await openSqliteStore(db);
    const answers = await store.answersOf('terminal:alice');
    await store.close();
    expect(answers.map((a) => a.step)).toEqual(['matter', 'category', 'ciio', 'affects_national_security']);
  });

  it('another user on the same database starts fresh', async () => {
    const db = tempDb();
    const a = startChat(['--user', 'alice', '--db', db]);
    await a.say('review');
    a.child.kill('SIGKILL');
    await new Promise((r) => a.child.once('close', r));
    const b = startChat(['--user', 'bob', '--db', db]);
    const out = await b.say('review');
    expect(out[0]).toMatchObject({ type: 'question', step: 'matter' });
    b.child.stdin.end();
    await new Promise((r) => b.child.once('close', r));
  });
});
