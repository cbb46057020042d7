import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runChat } from '../../adapters/terminal/chat.js';
import { createApp, type App } from '../../src/app.js';
import type { Person } from '../../src/domain/index.js';
import type { Outbound } from '../../src/engine/index.js';
import { silentLogger, type ResolvePerson } from '../../src/runtime/index.js';
import { aPerson, memoryConfig } from '../support/fixtures.js';
import { fakeNlu } from '../support/fake-nlu.js';

// Case authority is checked when a change is committed, against the case as it is then; case
// details go only to the person asking; a typed answer answers the question that was shown.

// alice requests (team it, lead lee), ann and bob analyse, root administers, rob is another requester.
const directory: Record<string, Person> = {
  alice: aPerson('alice', ['requester']),
  rob: aPerson('rob', ['requester']),
  ann: aPerson('ann', ['analyst'], { team: null }),
  bob: aPerson('bob', ['analyst'], { team: null }),
  root: aPerson('root', ['admin'], { team: null }),
  lee: aPerson('lee', ['requester', 'team_lead']),
};
const people: ResolvePerson = (_platform, userId) => directory[userId] ?? aPerson(`terminal:${userId}`, ['requester'], { team: null });

let app: App;
afterEach(async () => app?.close());
const boot = async (withDirectory = true) => {
  app = await createApp(memoryConfig(), {
    nlu: fakeNlu(),
    log: silentLogger,
    resolvePerson: people,
    clock: () => new Date('2026-03-02T02:00:00Z'),
    ...(withDirectory ? { findPerson: (key: string) => (Object.hasOwn(directory, key) ? directory[key]! : null) } : {}),
  });
};
const say = async (user: string, text: string) => (await app.bot.handle({ platform: 'terminal', userId: user, input: { type: 'text', text } })).messages;
const texts = (out: Outbound[]) => out.map((m) => ('text' in m ? m.text : '')).join('\n');

async function openCase(): Promise<string> {
  let out: Outbound[] = [];
  for (const line of ['review', 'purchase', 'hpc_servers', 'yes', 'yes']) out = await say('alice', line);
  return (out.find((m) => m.type === 'decision') as { caseId: string }).caseId;
}

describe('intake answers are checked against the case when they are saved', () => {
  it.each([
    ['the case was reassigned', (id: string) => `assign ${id} bob`, /does not allow/],
    ['the case was closed', (id: string) => `close ${id}`, /is closed; that is possible only when it is/],
  ])('%s: the next answer is refused, not saved, and the intake conversation ends', async (_name, change, reason) => {
    await boot();
    const id = await openCase();
    await say('ann', `assign ${id} me`);
    expect((await say('ann', `intake ${id}`)).at(-1)).toMatchObject({ type: 'question', step: 'legal_name' });
    await say('ann', 'Example Grid Co.');
    expect(texts(await say('root', change(id)))).toMatch(/Case RB-/);

    const refused = await say('ann', '91350100M000100Y43');
    expect(refused).toEqual([{ type: 'error', step: '', text: expect.stringMatching(reason) }]);
    expect(texts(refused)).toMatch(/not saved to case/);
    expect((await app.store.getCase(id))?.intake.applicant).toEqual({ legal_name: 'Example Grid Co.' });
    expect((await app.store.loadConversation('terminal:ann')).state).toBeNull();
    // What ann typed is not lost: it is in the answer log.
    expect((await app.store.answersOf('terminal:ann')).map((a) => a.value)).toEqual(['Example Grid Co.', '91350100M000100Y43']);
    // And nothing more is taken for the case.
    await say('ann', 'servers');
    expect((await app.store.getCase(id))?.intake.applicant).toEqual({ legal_name: 'Example Grid Co.' });
  });

  it('a form submitted after the case was submitted to the Office is refused whole', async () => {
    await boot();
    const id = await openCase();
    await say('ann', `assign ${id} me`);
    await say('ann', `ready ${id} anyway filed on paper`);
    await say('ann', `submitted ${id} 2026-03-02`);
    const r = await app.bot.submitForm({ platform: 'terminal', userId: 'ann', caseId: id, form: 'applicant', values: { legal_name: 'Late Co.' } });
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/is submitted/) });
    expect((await app.store.getCase(id))?.intake.applicant).toBeUndefined();
  });
});

describe('who may change a finished triage', () => {
  it('the requester, while the case is open: the case is updated', async () => {
    await boot();
    const id = await openCase();
    await say('alice', 'edit affects_national_security');
    const out = await say('alice', 'unsure');
    expect(out.find((m) => m.type === 'decision')).toMatchObject({ outcome: 'assess', caseId: id });
    expect((await app.store.getCase(id))?.triage.outcome).toBe('assess');
  });

  it.each(['ready', 'submitted', 'closed'] as const)('once the case is %s: the edit starts a new check and the case stays as it was', async (status) => {
    await boot();
    const id = await openCase();
    await say('ann', `assign ${id} me`);
    if (status !== 'closed') await say('ann', `ready ${id} anyway filed on paper`);
    if (status === 'submitted') await say('ann', `submitted ${id} 2026-03-02`);
    if (status === 'closed') await say('ann', `close ${id}`);
    expect((await app.store.getCase(id))?.status).toBe(status);

    const edited = await say('alice', 'edit ciio');
    expect(texts(edited)).toMatch(new RegExp(`${id} can no longer be changed, so this is a new check`));
    const out = await say('alice', 'no');
    expect((await app.store.getCase(id))?.triage.answers.ciio).toBe('yes');
    expect((await app.store.getCase(id))?.triage.outcome).toBe('required');
    expect(out.find((m) => m.type === 'decision')).toMatchObject({ outcome: 'not_required' });
    expect(out.find((m) => m.type === 'decision')).not.toHaveProperty('caseId', id);
  });
});

describe('whom a case may be assigned to', () => {
  it('with a people file: a listed analyst, not an unknown person or a requester', async () => {
    await boot(true);
    const id = await openCase();
    expect(texts(await say('root', `assign ${id} ghost-person`))).toMatch(/"ghost-person" is not in the people directory/);
    expect(texts(await say('root', `assign ${id} rob`))).toMatch(/rob is not an analyst/);
    expect(texts(await say('root', `assign ${id} __proto__`))).toMatch(/not in the people directory/);
    expect((await app.store.getCase(id))?.analyst).toBeNull();
    expect(texts(await say('root', `assign ${id} bob`))).toMatch(/analyst is now bob/);
  });

  it('without a people file: "me", or someone the bot has seen', async () => {
    await boot(false);
    const id = await openCase();
    expect(texts(await say('root', `assign ${id} __proto__`))).toMatch(/not in the people directory/);
    expect(texts(await say('root', `assign ${id} ghost-person`))).toMatch(/not in the people directory/);
    expect((await app.store.getCase(id))?.analyst).toBeNull();
    await app.bot.handle({ platform: 'terminal', userId: 'bob', input: { type: 'text', text: 'hello' }, address: { terminal: true } });
    expect(texts(await say('root', `assign ${id} bob`))).toMatch(/analyst is now bob/);
  });
});

describe('case details are private', () => {
  it.each([
    ['show', (id: string) => `show ${id}`],
    ['status', () => 'status'],
    ['a comment', (id: string) => `comment ${id} called the supplier`],
  ])('%s is marked for the person asking only', async (_name, text) => {
    await boot();
    const id = await openCase();
    const r = await app.bot.handle({ platform: 'slack', userId: 'alice', input: { type: 'text', text: text(id) } });
    expect(r.private).toBe(true);
  });

  it('a triage question may be public; the decision that names the case is private', async () => {
    await boot();
    const replies = [];
    for (const line of ['review', 'purchase', 'hpc_servers', 'yes', 'yes'])
      replies.push(await app.bot.handle({ platform: 'slack', userId: 'alice', input: { type: 'text', text: line } }));
    expect(replies.map((r) => r.private)).toEqual([false, false, false, false, true]);
  });
});

describe('a typed answer answers the question that was shown', () => {
  it('two windows on the same question: the second answer is refused as stale, never applied to the next question', async () => {
    for (let round = 0; round < 10; round++) {
      if (round > 0) await app.close();
      await boot();
      for (const line of ['review', 'purchase', 'hpc_servers']) await say('alice', line);
      // Both arrive while ciio is pending; the turns are serialised, so B's is committed second.
      const [a, b] = await Promise.all([say('alice', 'yes'), say('alice', 'no')]);
      expect(a.at(-1)).toMatchObject({ type: 'question', step: 'affects_national_security' });
      expect(b[0]).toMatchObject({ type: 'error', step: 'ciio' });
      expect(b.at(-1)).toMatchObject({ type: 'question', step: 'affects_national_security' });
      expect((await app.store.answersOf('terminal:alice')).map((x) => [x.step, x.value])).toEqual([
        ['matter', 'purchase'],
        ['category', 'hpc_servers'],
        ['ciio', 'yes'],
      ]);
      expect(await app.store.countCases()).toBe(0);
    }
  });

  it('two terminal chats of one person: each line answers the question its own chat printed', async () => {
    await boot();
    const a = chat();
    for (const line of ['review', 'purchase', 'hpc_servers']) a.input.write(`${line}\n`);
    await expect.poll(() => a.lines.at(-1)).toMatchObject({ step: 'ciio' });
    const b = chat(); // resumes: prints the pending ciio question
    await expect.poll(() => b.lines.at(-1)).toMatchObject({ step: 'ciio' });
    a.input.end('yes\n');
    await a.done;
    b.input.end('no\n');
    await b.done;
    expect(b.lines.at(-2)).toMatchObject({ type: 'error', step: 'ciio' });
    expect(b.lines.at(-1)).toMatchObject({ type: 'question', step: 'affects_national_security' });
    expect((await app.store.answersOf('terminal:alice')).find((x) => x.step === 'affects_national_security')).toBeUndefined();
  });
});

/** A terminal chat of alice's (`review-bot chat --json`) on this app: what is typed in, what it printed. */
function chat() {
  const input = new PassThrough();
  const output = new PassThrough();
  const lines: Outbound[] = [];
  output.on('data', (d: Buffer) =>
    lines.push(
      ...d
        .toString()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Outbound),
    ),
  );
  const done = runChat({ bot: app.bot, userId: 'alice', json: true, input, output });
  return { input, lines, done };
}

describe('a typed answer to a question closed in another chat is refused, never taken for a new check', () => {
  const atImpact = async () => {
    const a = chat();
    for (const line of ['review', 'purchase', 'hpc_servers', 'yes']) a.input.write(`${line}\n`);
    await expect.poll(() => a.lines.at(-1)).toMatchObject({ type: 'question', step: 'affects_national_security' });
    return a;
  };
  const stored = async () => (await app.store.loadConversation('terminal:alice')).state;

  it('cancelled in another chat: "3" is refused with how to start anew; nothing is recorded or started; then a new message starts a check', async () => {
    await boot();
    const a = await atImpact();
    const b = chat();
    b.input.end('cancel\n');
    await b.done;
    expect(b.lines.at(-1)).toMatchObject({ type: 'info', text: expect.stringMatching(/^Cancelled/) });
    a.input.write('3\n');
    await expect.poll(() => a.lines.length).toBe(6);
    expect(a.lines.slice(-2)).toEqual([
      { type: 'error', step: 'affects_national_security', text: expect.stringMatching(/no longer open, so it was not applied/) },
      { type: 'info', text: expect.stringMatching(/^Nothing is in progress\. Type "review"/) },
    ]);
    expect(await stored()).toBeNull();
    expect((await app.store.answersOf('terminal:alice')).map((x) => x.step)).toEqual(['matter', 'category', 'ciio']);
    // Told so, the chat has no open question: the next line is a new message.
    a.input.end('we want to buy 20 routers\n');
    await a.done;
    expect(a.lines.at(-1)).toMatchObject({ type: 'question', step: 'category' });
    expect(await stored()).toMatchObject({ answers: { matter: 'purchase' }, summary: 'we want to buy 20 routers' });
  });

  it('decided in another chat: the answer is refused, no second case; commands still work', async () => {
    await boot();
    const a = await atImpact();
    const b = chat();
    b.input.end('yes\n');
    await b.done;
    expect(b.lines.find((m) => m.type === 'decision')).toMatchObject({ outcome: 'required' });
    a.input.write('no\n');
    await expect.poll(() => a.lines.length).toBe(6);
    expect(a.lines.slice(-2)).toMatchObject([
      { type: 'error', step: 'affects_national_security' },
      { type: 'info', text: expect.stringMatching(/^This check is finished\. Type "review"/) },
    ]);
    expect(await app.store.countCases()).toBe(1);
    expect(await stored()).toMatchObject({ status: 'done', answers: { affects_national_security: 'yes' } });
    a.input.end('review\n');
    await a.done;
    expect(a.lines.at(-1)).toMatchObject({ type: 'question', step: 'matter' });
  });

  it('in the same chat: after its own decision "review" starts anew; after its own cancel a new message starts a check', async () => {
    await boot();
    const a = await atImpact();
    a.input.write('yes\n');
    await expect.poll(() => a.lines.some((m) => m.type === 'decision')).toBe(true);
    a.input.write('review\n');
    await expect.poll(() => a.lines.at(-1)).toMatchObject({ type: 'question', step: 'matter' });
    a.input.write('cancel\n');
    await expect.poll(() => a.lines.at(-1)).toMatchObject({ type: 'info', text: expect.stringMatching(/^Cancelled/) });
    a.input.end('we want to buy 20 routers\n');
    await a.done;
    expect(a.lines.at(-1)).toMatchObject({ type: 'question', step: 'category' });
  });
});
