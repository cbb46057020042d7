import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Outbound } from '../../src/engine/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { fakeNlu } from '../support/fake-nlu.js';

let app: App;
afterEach(async () => app?.close());
const boot = async (newCaseId?: () => string) => {
  const c = loadConfig({ REVIEW_BOT_DB: ':memory:' });
  if (!c.ok) throw new Error(c.error);
  app = await createApp(c.value, { nlu: fakeNlu(), log: silentLogger, ...(newCaseId ? { newCaseId } : {}) });
};
const say = async (user: string, text: string, eventId?: string) =>
  (await app.bot.handle({ platform: 'slack', userId: user, input: { type: 'text', text }, ...(eventId ? { eventId } : {}) })).messages;

describe('turns', () => {
  it('turns of one conversation sent at once are applied one after another, in order', async () => {
    await boot();
    const outs = await Promise.all(['review', 'purchase', 'hpc_servers', 'yes', 'yes'].map((t) => say('U1', t)));
    expect(outs.flat().find((m) => m.type === 'decision')).toMatchObject({ outcome: 'required' });
    expect((await app.store.answersOf('slack:U1')).map((a) => a.step)).toEqual(['matter', 'category', 'ciio', 'affects_national_security']);
  });

  it('different conversations run side by side without mixing answers', async () => {
    await boot();
    const script = (u: string, category: string) =>
      ['review', 'purchase', category, 'no'].reduce<Promise<Outbound[]>>((p, t) => p.then(() => say(u, t)), Promise.resolve([]));
    await Promise.all([script('A', 'hpc_servers'), script('B', 'cloud_services'), script('C', 'large_storage')]);
    for (const [u, c] of [
      ['A', 'hpc_servers'],
      ['B', 'cloud_services'],
      ['C', 'large_storage'],
    ] as const) {
      expect((await app.store.answersOf(`slack:${u}`)).find((a) => a.step === 'category')?.value).toBe(c);
    }
  });

  it('a repeated platform event id is a no-op', async () => {
    await boot();
    await say('U2', 'review', 'E1');
    expect(await say('U2', 'purchase', 'E2')).not.toEqual([]);
    expect(await say('U2', 'purchase', 'E2')).toEqual([]);
    expect(await app.store.answersOf('slack:U2')).toHaveLength(1);
  });

  it('the reply says what happened: the answer taken, its language, a repeat, and whom it is for', async () => {
    await boot();
    const handle = (text: string, eventId?: string) =>
      app.bot.handle({ platform: 'slack', userId: 'U3', input: { type: 'text', text }, ...(eventId ? { eventId } : {}) });
    const started = await handle('审查', 'E10');
    expect(started).toMatchObject({ lang: 'zh-CN', accepted: null, duplicate: false, recipient: { key: 'slack:U3', name: 'U3', lang: 'zh-CN' } });
    expect(await handle('采购', 'E11')).toMatchObject({ lang: 'zh-CN', accepted: { step: 'matter' }, duplicate: false });
    expect(await handle('采购', 'E11')).toMatchObject({ messages: [], accepted: null, duplicate: true });
    // Not an answer: the question is asked again and nothing is taken.
    expect(await handle('purple', 'E12')).toMatchObject({ accepted: null, duplicate: false });
    expect(await handle('lang en', 'E13')).toMatchObject({ lang: 'en', accepted: null });
  });

  it('a reply waits for its commit, and a decision names the case its own write opens', async () => {
    await boot();
    for (const t of ['review', 'purchase', 'hpc_servers', 'yes']) await say('U4', t);
    const commit = app.store.commitTurn;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    app.store.commitTurn = async (w) => {
      await gate;
      return commit(w);
    };
    let replied = false;
    const reply = app.bot.handle({ platform: 'slack', userId: 'U4', input: { type: 'text', text: 'yes' } }).then((r) => {
      replied = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(replied).toBe(false);
    expect(await app.store.listCases({ limit: 10 })).toEqual([]);
    release();
    const decision = (await reply).messages.find((m) => m.type === 'decision');
    const [stored] = await app.store.listCases({ limit: 10 });
    expect(decision).toMatchObject({ outcome: 'required', caseId: stored!.id, reference: expect.stringContaining(stored!.id) });
    expect(decision?.type === 'decision' && decision.actions?.map((a) => a.id)).toContain('view');
  });

  it('a turn whose write is refused every time answers with an apology, not what it would have said', async () => {
    await boot();
    for (const t of ['review', 'purchase', 'hpc_servers', 'yes']) await say('U5', t);
    app.store.commitTurn = async () => 'conflict';
    const out = await say('U5', 'yes');
    expect(out.map((m) => m.type)).toEqual(['error']);
    expect(await app.store.listCases({ limit: 10 })).toEqual([]);
  });

  it('a decision whose random case id is already taken opens its case under a new id; nothing answered is lost', async () => {
    const ids = ['RB-AAAAAA', 'RB-AAAAAA', 'RB-BBBBBB'];
    await boot(() => ids.shift() ?? 'RB-ZZZZZZ');
    const decide = async (user: string) => {
      for (const t of ['review', 'purchase', 'hpc_servers', 'yes']) await say(user, t);
      return (await say(user, 'yes')).find((m) => m.type === 'decision');
    };
    expect(await decide('U6')).toMatchObject({ outcome: 'required', caseId: 'RB-AAAAAA' });
    // The second decision draws the same id first: its write is refused and computed again.
    expect(await decide('U7')).toMatchObject({ outcome: 'required', caseId: 'RB-BBBBBB' });
    expect((await app.store.getCase('RB-AAAAAA'))?.requester).toBe('slack:U6');
    expect((await app.store.getCase('RB-BBBBBB'))?.requester).toBe('slack:U7');
    expect((await app.store.answersOf('slack:U7')).map((a) => a.step)).toEqual(['matter', 'category', 'ciio', 'affects_national_security']);
  });

  it('a turn reads its conversation once, as it stood when the message arrived', async () => {
    await boot();
    for (const t of ['review', 'purchase']) await say('U8', t);
    const load = app.store.loadConversation;
    let loads = 0;
    app.store.loadConversation = (key) => {
      loads++;
      return load(key);
    };
    expect((await say('U8', 'hpc_servers')).find((m) => m.type === 'question')).toMatchObject({ step: 'ciio' });
    expect(loads).toBe(1);
  });

  it('a copy read on arrival that is out of date by the turn is refused at the write, and the turn is computed again on what is stored', async () => {
    await boot();
    for (const t of ['review', 'purchase']) await say('U9', t);
    const load = app.store.loadConversation;
    let loads = 0;
    app.store.loadConversation = async (key) => {
      const read = await load(key);
      // Another instance writes the conversation right after the first read (same state, next revision).
      if (++loads === 1) expect(await app.store.commitTurn({ conversation: key, expectedRev: read.rev, state: read.state })).toBe('ok');
      return read;
    };
    expect((await say('U9', 'hpc_servers')).find((m) => m.type === 'question')).toMatchObject({ step: 'ciio' });
    expect(loads).toBe(2);
    expect((await app.store.answersOf('slack:U9')).map((a) => a.step)).toEqual(['matter', 'category']);
    expect((await load('slack:U9')).state?.answers).toMatchObject({ matter: 'purchase', category: 'hpc_servers' });
  });
});
