import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createNlu, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import type { CaseRecord, CaseStatus } from '../../../src/domain/index.js';
import { silentLogger, type ResolvePerson } from '../../../src/runtime/index.js';
import { startServer, type RunningServer } from '../../../src/server.js';
import { startFakeConnector } from '../../support/fake-connector.js';
import { postActivity } from '../../support/teams-bot.js';
import {
  caseIn,
  personOf,
  ROLES_UNDER_TEST,
  roleAllows,
  SECRET_SUMMARY,
  SITUATION_NAMES,
  STRANGERS,
  type RoleUnderTest,
  type Situation,
} from '../../support/role-matrix.js';
import { STATUS_WORDS, STATUSES, statusAllows } from '../../support/status-table.js';

// The authorisation matrix through Teams (real HTTP into botbuilder's CloudAdapter, authentication
// off, a fake Bot Connector), for the case actions Teams has controls for: the "Open form" card
// action (invoke task/fetch -> a dialog) and the dialog's submission (invoke task/submit -> intake
// fields saved), plus which cases the welcome card lists with an "Open form" action. Every role x
// every relation x every status: the full product takes a few seconds, so nothing is sampled.
// Typed case commands reach the same Bot.handle as the chat matrix (test/runtime/authz-matrix.test.ts).
//
// Expectations come from the hand-written role table (view, edit_intake) and status table (intake).
// An invoke carries whatever case id the client puts in it: a stale card, or a forged one, must be
// refused as firmly as a typed command.

const AAD: Record<RoleUnderTest, string> = { requester: 'aad-requester', team_lead: 'aad-team-lead', analyst: 'aad-analyst', admin: 'aad-admin' };
const people: ResolvePerson = (_platform, userId) => {
  const role = ROLES_UNDER_TEST.find((r) => AAD[r] === userId);
  if (!role) throw new Error(`authz matrix: unexpected Teams user ${userId}`);
  return personOf(role);
};
const FORM = 'applicant';
/** The applicant form checks these two: a real unified social credit code, a contact with a phone number. */
const VALID = { uscc: '91350100M000100Y43', contact: 'Wang Li, 13800138000' };

let n = 0;
const nextId = () => `RB-${(++n).toString(36).toUpperCase().padStart(6, '0')}`;

type Card = { body?: { id?: string; type: string; choices?: { value: string }[] }[] };
type Task = { task: { type: 'continue'; value: { title: string; card: { content: Card } } } | { type: 'message'; value: string } };

const refusal = (role: RoleUnderTest, situation: Situation, status: CaseStatus, id: string): RegExp | null => {
  // A case the person may not view is one that does not exist, for them; a viewer is told what their role does not allow.
  if (!roleAllows(role, situation, 'view')) return new RegExp(`^There is no case ${id} that you can see\\.$`);
  if (!roleAllows(role, situation, 'edit_intake')) return /^You are not allowed to do that for this case\.$/;
  if (!statusAllows('intake', status))
    return new RegExp(`^Case ${id} is ${STATUS_WORDS[status]}; that is possible only when it is opened / in intake / ready to submit\\.$`);
  return null;
};
function expectNothingLeaked(role: RoleUnderTest, situation: Situation, status: CaseStatus, said: string) {
  if (roleAllows(role, situation, 'view')) return;
  for (const secret of [STRANGERS.requester, STRANGERS.team, STRANGERS.analyst, SECRET_SUMMARY, status]) expect(said).not.toContain(secret);
}

let fake: Awaited<ReturnType<typeof startFakeConnector>>;
let app: App;
let server: RunningServer;
let a = 0;
const activity = (role: RoleUnderTest, over: Record<string, unknown>) => ({
  type: 'message',
  id: `authz-${++a}`,
  channelId: 'msteams',
  serviceUrl: fake.url,
  locale: 'en-US',
  from: { id: `29:${role}`, aadObjectId: AAD[role], name: role },
  conversation: { id: `conv-authz-${role}`, tenantId: 't1', conversationType: 'personal' },
  recipient: { id: '28:bot', name: 'review-bot' },
  ...over,
});
const post = (body: object) => postActivity(server, body);
const invoke = async (role: RoleUnderTest, name: 'task/fetch' | 'task/submit', data: Record<string, unknown>): Promise<Task> => {
  const res = await post(activity(role, { type: 'invoke', name, value: { data, context: { theme: 'default' } } }));
  expect(res.status).toBe(200);
  return (await res.json()) as Task;
};
const seed = async (situation: Situation, status: CaseStatus): Promise<CaseRecord> => {
  const k = caseIn(nextId(), situation, status);
  expect(await app.store.saveCases({ newCases: [k] })).toBe('ok');
  return k;
};

beforeAll(async () => {
  fake = await startFakeConnector();
  const c = loadConfig({ REVIEW_BOT_DB: ':memory:', REVIEW_BOT_INSECURE_LOCAL: '1' });
  if (!c.ok) throw new Error(c.error);
  app = await createApp(c.value, { nlu: createNlu(), log: silentLogger, resolvePerson: people, clock: () => new Date('2026-03-02T02:00:00Z') });
  server = await startServer(app, 0, { announce: () => undefined });
});
afterAll(async () => {
  await server?.close();
  await app?.close();
  await fake?.close();
});

const cells = STATUSES.flatMap((status) => ROLES_UNDER_TEST.flatMap((role) => SITUATION_NAMES.map((situation) => [status, role, situation] as const)));

describe('authorisation matrix, Teams: Open form (task/fetch) and the dialog submission (task/submit)', () => {
  /** A valid value for every input of the applicant dialog, read from the dialog an admin gets for an open case. */
  let values: Record<string, string>;
  beforeAll(async () => {
    const k = await seed('other team', 'open');
    const fetched = await invoke('admin', 'task/fetch', { msteams: { type: 'task/fetch' }, caseId: k.id, form: FORM });
    if (fetched.task.type !== 'continue') throw new Error(`authz matrix: no dialog: ${fetched.task.value}`);
    const inputs = (fetched.task.value.card.content.body ?? []).filter((b) => b.id && b.type.startsWith('Input.'));
    values = Object.fromEntries(
      inputs.map((b) => [
        b.id!,
        b.type === 'Input.Number' ? '20' : b.type === 'Input.Date' ? '2026-04-01' : b.type === 'Input.ChoiceSet' ? b.choices![0]!.value : 'Grid Co',
      ]),
    );
    values = { ...values, ...VALID };
    expect(Object.keys(values)).toContain('legal_name');
  });

  it.each(cells)('%s case, %s, %s: Open form', async (status, role, situation) => {
    const before = await seed(situation, status);
    const r = await invoke(role, 'task/fetch', { msteams: { type: 'task/fetch' }, caseId: before.id, form: FORM });
    const why = refusal(role, situation, status, before.id);
    if (why === null) {
      expect(r.task.type).toBe('continue');
      expect(JSON.stringify(r.task.value)).toContain('legal_name');
    } else {
      expect(r.task).toEqual({ type: 'message', value: expect.stringMatching(why) });
      expectNothingLeaked(role, situation, status, JSON.stringify(r));
    }
    expect(await app.store.getCase(before.id)).toEqual(before); // opening a dialog writes nothing
  });

  it.each(cells)('%s case, %s, %s: the dialog is submitted', async (status, role, situation) => {
    const before = await seed(situation, status);
    const r = await invoke(role, 'task/submit', { caseId: before.id, form: FORM, ...values });
    const after = (await app.store.getCase(before.id))!;
    const audit = (await app.store.auditOf(before.id)).map((x) => x.action);
    const why = refusal(role, situation, status, before.id);
    if (why === null) {
      // Saved: every field, the case moves into intake if it was open, and the dialog goes on to the next section.
      expect(r.task).toMatchObject({ type: 'continue', value: { title: 'Critical information infrastructure' } }); // a purchase's next section
      expect(Object.keys(after.intake[FORM] ?? {}).sort()).toEqual(Object.keys(values).sort());
      expect(after.intake[FORM]?.legal_name).toBe('Grid Co');
      expect(after.status).toBe(status === 'open' ? 'intake' : status);
      expect(audit.sort()).toEqual([...Object.keys(values).map((f) => `intake.${FORM}.${f}`), ...(status === 'open' ? ['case.status'] : [])].sort());
    } else {
      expect(r.task).toEqual({ type: 'message', value: expect.stringMatching(why) });
      expect(after).toEqual(before);
      expect(audit).toEqual([]);
      expectNothingLeaked(role, situation, status, JSON.stringify(r));
    }
  });
});

describe('authorisation matrix, Teams: the welcome card lists the cases a person may view, with Open form where the intake may be edited now', () => {
  // Its own app: the welcome card shows 20 cases at most, so only these five may be in the store.
  let own: Awaited<ReturnType<typeof freshApp>>;
  const ids = {} as Record<Situation, string>;
  let cases: CaseRecord[] = [];
  beforeAll(async () => {
    own = await freshApp();
    cases = SITUATION_NAMES.map((situation) => {
      const k = caseIn(nextId(), situation, 'open');
      ids[situation] = k.id;
      return k;
    });
    expect(await own.app.store.saveCases({ newCases: cases })).toBe('ok');
  });
  afterAll(async () => own?.close());

  const views = STATUSES.flatMap((status) => ROLES_UNDER_TEST.map((role) => [status, role] as const));
  it.each(views)('cases that are %s, seen by the %s', async (status, role) => {
    // The five cases move to the status under test (a store write, as the lifecycle would leave them).
    const moved = cases.map((k) => ({ ...k, status, updatedAt: `${k.updatedAt.slice(0, 19)}.${String(STATUSES.indexOf(status) + 1).padStart(3, '0')}Z` }));
    expect(await own.app.store.saveCases({ updates: moved.map((k, i) => ({ case: k, expectedUpdatedAt: cases[i]!.updatedAt })) })).toBe('ok');
    cases = moved;
    const from = fake.calls.length;
    const res = await fetch(`http://127.0.0.1:${own.server.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity(role, { type: 'conversationUpdate', text: undefined, membersAdded: [{ id: '28:bot' }] })),
    });
    expect(res.status).toBe(200);
    const cards = fake.calls
      .slice(from)
      .filter((c) => c.method === 'POST')
      .map((c) => JSON.stringify(c.body.attachments ?? []));
    const home = cards.find((c) => c.includes('"start":true'));
    expect(home).toBeDefined();
    const buttons = [...home!.matchAll(/"msteams":\{"type":"task\/fetch"\},"caseId":"(RB-[0-9A-Z]{6})"/g)].map((m) => m[1]);
    for (const situation of SITUATION_NAMES) {
      expect(home!.includes(ids[situation]), `${situation} listed`).toBe(roleAllows(role, situation, 'view'));
      expect(buttons.includes(ids[situation]), `${situation} has Open form`).toBe(roleAllows(role, situation, 'edit_intake') && statusAllows('intake', status));
    }
  });
});

/** A second app and server on the same fake connector. */
async function freshApp() {
  const c = loadConfig({ REVIEW_BOT_DB: ':memory:', REVIEW_BOT_INSECURE_LOCAL: '1' });
  if (!c.ok) throw new Error(c.error);
  const own = await createApp(c.value, { nlu: app.nlu, log: silentLogger, resolvePerson: people, clock: () => new Date('2026-03-02T02:00:00Z') });
  const s = await startServer(own, 0, { announce: () => undefined });
  return {
    app: own,
    server: s,
    close: async () => {
      await s.close();
      await own.close();
    },
  };
}
