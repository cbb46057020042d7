import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { ClockEvent } from '../../src/domain/case.js';
import type { CaseRecord, CaseStatus } from '../../src/domain/index.js';
import type { Lang } from '../../src/i18n/index.js';
import { digestReminder, silentLogger, type InboundFile, type ResolvePerson } from '../../src/runtime/index.js';
import type { NewReminder } from '../../src/store/index.js';
import { fakeNlu } from '../support/fake-nlu.js';
import { aPerson } from '../support/fixtures.js';
import { caseIn, ME, personOf, ROLE_CELLS, STRANGERS, type RoleUnderTest, type Situation } from '../support/role-matrix.js';

// Nobody learns which case ids exist by asking about them. On every path where a person names a
// case (a typed command, a decision's button, a form, a reminder's button, a file sent for a case),
// a case they may not view is answered exactly as an id with no case: the same reply, field for
// field, in their language, and nothing is written. Someone who may view the case but not do the
// action is told precisely what their role does not allow.
//
// Each cell asks first about an id no case has, then seeds a case under that very id that the
// person may not view, and asks again: the two replies must be equal. The expected texts are
// written out here from the catalogue's wording, not read from it.

const NOW = new Date('2026-03-02T02:00:00Z'); // Mon 2 Mar 2026, 10:00 in Shanghai
const TODAY = '2026-03-02';
const FAR = '2100-01-01T00:00:00.000Z';
/** An analyst in the people file: `assign RB-… zoe` names her. */
const ZOE = aPerson('zoe', ['analyst'], { team: null });

const NOT_FOUND = { en: (id: string) => `There is no case ${id} that you can see.`, 'zh-CN': (id: string) => `没有您可查看的审查事项 ${id}。` };
const NO_REMINDER = { en: () => 'That reminder no longer exists.', 'zh-CN': () => '该提醒已不存在。' };
const NOT_ALLOWED = {
  en: (id: string) => `Your role does not allow that for case ${id}.`,
  'zh-CN': (id: string) => `您的角色无权对审查事项 ${id} 执行此操作。`,
};
const FORM_NOT_ALLOWED = { en: () => 'You are not allowed to do that for this case.', 'zh-CN': () => '您无权对该审查事项执行此操作。' };
const NOT_REMINDED = {
  en: (id: string) => `You are not reminded of the deadlines of case ${id}: its team lead and analyst are (its requester in place of either one it lacks).`,
  'zh-CN': (id: string) => `审查事项 ${id} 的期限提醒不发给您：提醒发给团队负责人和合规专员（缺少其中一方时，发给提出人）。`,
};
const NOT_YOURS = {
  en: () => 'This reminder was sent to someone else; only they can acknowledge or snooze it.',
  'zh-CN': () => '此提醒发给的是其他人，只有收件人可以确认知悉或推迟。',
};
type Wording = Record<Lang, (id: string) => string>;

/**
 * Where the language of the answer comes from: the person's own (the case is in the other one), or
 * none at all (the case is in Chinese; an answer about a case the person may not see must not be).
 */
const SETUPS = {
  en: { person: 'en', case: 'zh-CN', answer: 'en' },
  'zh-CN': { person: 'zh-CN', case: 'en', answer: 'zh-CN' },
  unset: { person: null, case: 'zh-CN', answer: 'en' },
} as const satisfies Record<string, { person: Lang | null; case: Lang; answer: Lang }>;
type Setup = keyof typeof SETUPS;

/** Chat users are "<role>.<setup>"; every one of them is "me" in team "mine". */
const people: ResolvePerson = (_platform, userId) => {
  const [role, setup] = userId.split('.') as [RoleUnderTest, Setup];
  return { ...personOf(role), lang: SETUPS[setup].person };
};

let app: App;
let dir: string;
let digestId: number;
/** Files sent with a message count their downloads: a file for a case nobody may see is never fetched. */
let downloads = 0;
const aFile = (): InboundFile => ({
  name: 'contract.pdf',
  size: 18,
  download: async () => {
    downloads++;
    return new TextEncoder().encode('%PDF-1.7 contract');
  },
});

/** A deadline reminder about `caseId`, due now, for `recipient` (the case need not exist: rows name cases by id). */
const deadlineRow = (caseId: string, recipient: string): NewReminder => ({
  dedupeKey: `deadline:${caseId}:review_decision:2026-03-16:${TODAY}:${recipient}`,
  caseId,
  recipient,
  kind: 'deadline',
  dueAt: NOW.toISOString(),
  payload: { kind: 'review_decision', due: '2026-03-16', when: 'T-3', overdueBy: 0, provisional: false, outerBound: false },
});
async function remind(caseId: string, recipient: string): Promise<number> {
  await app.store.scheduleReminders([deadlineRow(caseId, recipient)]);
  return (await app.store.pendingReminders(recipient, FAR)).find((r) => r.caseId === caseId && r.kind === 'deadline')!.id;
}

type Ask = { user: string; id: string; eventId: string; reminderId: number };
type Reply = { lang: Lang };
/** What the person is shown: each message's type and text (a form's refusal is its message). */
type Shown = { lang: Lang; said: { type: string; text: string }[] };
const shown = (r: unknown): Shown => {
  const reply = r as { lang: Lang; messages?: { type: string; text?: string }[]; ok?: boolean; message?: string };
  return {
    lang: reply.lang,
    // A form's answer has no message type: a refusal shows as an error would.
    said: reply.messages ? reply.messages.map((m) => ({ type: m.type, text: m.text ?? '' })) : [{ type: reply.ok ? 'ok' : 'error', text: reply.message ?? '' }],
  };
};

type Path = {
  /** A status in which the action is possible: only who asks decides the answer. */
  status: CaseStatus;
  over?: Partial<CaseRecord>;
  /** Reminder rows the click points at, made before the case exists. */
  reminder?: 'mine' | 'theirs';
  ask: (a: Ask) => Promise<Reply>;
  /** The answer for an id with no case (default: there is no such case). */
  missing?: Wording;
  /** Someone who may view the case but not do this: who, and what they are told (null: every viewer may). */
  viewerRefused: { role: RoleUnderTest; situation: Situation; text: Wording } | null;
};

const typed =
  (text: (id: string) => string, platform: 'terminal' | 'slack' = 'terminal', files = false) =>
  ({ user, id, eventId }: Ask) =>
    app.bot.handle({ platform, userId: user, eventId, input: { type: 'text', text: text(id) }, ...(files ? { files: [aFile()] } : {}) });
const button =
  (action: 'view' | 'intake' | 'assign_me' | 'export') =>
  ({ user, id, eventId }: Ask) =>
    app.bot.nextAction({ platform: 'slack', userId: user, caseId: id, action, forms: true, eventId });
const click =
  (action: string, by: 'case id' | 'reminder' | 'digest') =>
  ({ user, id, eventId, reminderId }: Ask) =>
    app.bot.act({
      platform: 'slack',
      userId: user,
      action,
      eventId,
      ...(by === 'reminder' ? { reminderId, caseId: 'RB-OTHER1' } : by === 'digest' ? { reminderId: digestId, caseId: id } : { caseId: id }),
    });

const submittedOn: ClockEvent[] = [{ type: 'submitted', on: '2026-02-02' }];
const refusedBy = (role: RoleUnderTest, situation: Situation, text: Wording) => ({ role, situation, text });
const requesterOwn = refusedBy('requester', 'own', NOT_ALLOWED);
const VALID = { legal_name: 'Grid Co', uscc: '91350100M000100Y43', contact: 'Wang Li, 13800138000' };

// Every case command of src/domain/case-commands.ts, each button, form and reminder action.
const PATHS: Record<string, Path> = {
  'typed: show': { status: 'intake', ask: typed((id) => `show ${id}`), viewerRefused: null },
  'typed: comment': { status: 'intake', ask: typed((id) => `comment ${id} called the supplier`), viewerRefused: null },
  'typed: assign someone': { status: 'intake', ask: typed((id) => `assign ${id} ${ZOE.key}`), viewerRefused: requesterOwn },
  'typed: assign me': { status: 'intake', ask: typed((id) => `assign ${id} me`), viewerRefused: requesterOwn },
  'typed: intake': { status: 'open', ask: typed((id) => `intake ${id}`), viewerRefused: requesterOwn },
  'typed: item add': { status: 'intake', ask: typed((id) => `item ${id} add`), viewerRefused: requesterOwn },
  'typed: item edit': { status: 'intake', ask: typed((id) => `item ${id} 1`), viewerRefused: requesterOwn },
  'typed: item remove': { status: 'intake', ask: typed((id) => `item ${id} remove 1`), viewerRefused: requesterOwn },
  'typed: ready': { status: 'intake', ask: typed((id) => `ready ${id}`), viewerRefused: requesterOwn },
  'typed: ready anyway': { status: 'intake', ask: typed((id) => `ready ${id} anyway supplier letter follows`), viewerRefused: requesterOwn },
  'typed: submitted': { status: 'ready', ask: typed((id) => `submitted ${id} ${TODAY}`), viewerRefused: requesterOwn },
  'typed: notice': { status: 'submitted', over: { clock: submittedOn }, ask: typed((id) => `notice ${id} ${TODAY}`), viewerRefused: requesterOwn },
  'typed: complex': {
    status: 'submitted',
    over: { clock: [...submittedOn, { type: 'notice', on: '2026-02-09' }] },
    ask: typed((id) => `complex ${id}`),
    viewerRefused: requesterOwn,
  },
  'typed: special': {
    status: 'submitted',
    over: { clock: [...submittedOn, { type: 'notice', on: '2026-02-09' }] },
    ask: typed((id) => `special ${id} ${TODAY}`),
    viewerRefused: requesterOwn,
  },
  'typed: supplement': { status: 'submitted', over: { clock: submittedOn }, ask: typed((id) => `supplement ${id} ${TODAY}`), viewerRefused: requesterOwn },
  'typed: supplied': {
    status: 'submitted',
    over: { clock: [...submittedOn, { type: 'supplement', on: '2026-02-16' }] },
    ask: typed((id) => `supplied ${id} ${TODAY}`),
    viewerRefused: requesterOwn,
  },
  'typed: outcome': { status: 'submitted', over: { clock: submittedOn }, ask: typed((id) => `outcome ${id} passed review`), viewerRefused: requesterOwn },
  'typed: close': { status: 'intake', ask: typed((id) => `close ${id}`), viewerRefused: requesterOwn },
  'typed: withdraw with a reason': {
    status: 'intake',
    ask: typed((id) => `withdraw ${id} the business called it off`),
    viewerRefused: refusedBy('analyst', 'assigned to me', NOT_ALLOWED),
  },
  'typed: withdraw confirm': {
    status: 'intake',
    over: { pendingWithdrawal: { by: ME, reason: 'called off', at: NOW.toISOString() } },
    ask: typed((id) => `withdraw ${id} confirm`),
    viewerRefused: refusedBy('analyst', 'assigned to me', NOT_ALLOWED),
  },
  'typed: countersign (also the home view button)': {
    status: 'closed',
    over: { triage: { answers: {}, outcome: 'not_required', reasons: [] } },
    ask: typed((id) => `countersign ${id}`),
    viewerRefused: requesterOwn,
  },
  'typed: export': { status: 'intake', ask: typed((id) => `export ${id}`), viewerRefused: null },
  'typed: acknowledge': {
    status: 'submitted',
    over: { clock: submittedOn },
    ask: typed((id) => `acknowledge ${id}`),
    viewerRefused: refusedBy('analyst', 'unassigned', NOT_REMINDED),
  },
  'typed: snooze': {
    status: 'submitted',
    over: { clock: submittedOn },
    ask: typed((id) => `snooze ${id}`),
    viewerRefused: refusedBy('analyst', 'unassigned', NOT_REMINDED),
  },
  'typed: attach a path (terminal)': {
    status: 'intake',
    ask: typed((id) => `attach ${id} ${join(dir, 'contract.pdf')}`),
    viewerRefused: refusedBy('team_lead', 'my team', NOT_ALLOWED),
  },
  'typed: attach without a path (terminal)': { status: 'intake', ask: typed((id) => `attach ${id}`), viewerRefused: null },
  'typed: attach without a file (Slack)': { status: 'intake', ask: typed((id) => `attach ${id}`, 'slack'), viewerRefused: null },
  'a file sent with "attach RB-…" (Slack)': {
    status: 'intake',
    ask: typed((id) => `attach ${id}`, 'slack', true),
    viewerRefused: refusedBy('team_lead', 'my team', NOT_ALLOWED),
  },
  'button: view': { status: 'intake', ask: button('view'), viewerRefused: null },
  'button: intake': { status: 'open', ask: button('intake'), viewerRefused: requesterOwn },
  'button: assign me': { status: 'intake', ask: button('assign_me'), viewerRefused: requesterOwn },
  'button: export': { status: 'intake', ask: button('export'), viewerRefused: null },
  'form: open': {
    status: 'intake',
    ask: ({ user, id }) => app.bot.openForm({ platform: 'slack', userId: user, caseId: id, form: 'applicant' }),
    viewerRefused: refusedBy('requester', 'own', FORM_NOT_ALLOWED),
  },
  'form: open the next line item': {
    status: 'intake',
    ask: ({ user, id }) => app.bot.openForm({ platform: 'slack', userId: user, caseId: id, form: 'item' }),
    viewerRefused: refusedBy('requester', 'own', FORM_NOT_ALLOWED),
  },
  'form: open one that does not exist': {
    status: 'intake',
    ask: ({ user, id }) => app.bot.openForm({ platform: 'slack', userId: user, caseId: id, form: 'nonsense' }),
    viewerRefused: null,
  },
  'form: submit': {
    status: 'intake',
    ask: ({ user, id, eventId }) => app.bot.submitForm({ platform: 'slack', userId: user, caseId: id, form: 'applicant', values: VALID, eventId }),
    viewerRefused: refusedBy('requester', 'own', FORM_NOT_ALLOWED),
  },
  'reminder button, by case id: open the case': { status: 'intake', ask: click('open_case', 'case id'), viewerRefused: null },
  'reminder button, by case id: open the form': { status: 'intake', ask: click('open_form', 'case id'), viewerRefused: requesterOwn },
  'digest button: open one of its cases': { status: 'intake', ask: click('open_case', 'digest'), viewerRefused: null },
  'my reminder: open the case': {
    status: 'submitted',
    over: { clock: submittedOn },
    reminder: 'mine',
    ask: click('open_case', 'reminder'),
    viewerRefused: null,
  },
  'my reminder: open the form': { status: 'intake', reminder: 'mine', ask: click('open_form', 'reminder'), viewerRefused: requesterOwn },
  'my reminder: acknowledge': {
    status: 'submitted',
    over: { clock: submittedOn },
    reminder: 'mine',
    ask: click('acknowledge', 'reminder'),
    viewerRefused: null,
  },
  'my reminder: snooze': { status: 'submitted', over: { clock: submittedOn }, reminder: 'mine', ask: click('snooze', 'reminder'), viewerRefused: null },
  // Someone else's reminder names its case: to a person who may not see that case it is no reminder at all.
  "someone else's reminder: open the case": {
    status: 'submitted',
    over: { clock: submittedOn },
    reminder: 'theirs',
    ask: click('open_case', 'reminder'),
    missing: NO_REMINDER,
    viewerRefused: null,
  },
  "someone else's reminder: acknowledge": {
    status: 'submitted',
    over: { clock: submittedOn },
    reminder: 'theirs',
    ask: click('acknowledge', 'reminder'),
    missing: NO_REMINDER,
    viewerRefused: refusedBy('analyst', 'unassigned', NOT_YOURS),
  },
  "someone else's reminder: snooze": {
    status: 'submitted',
    over: { clock: submittedOn },
    reminder: 'theirs',
    ask: click('snooze', 'reminder'),
    missing: NO_REMINDER,
    viewerRefused: refusedBy('analyst', 'unassigned', NOT_YOURS),
  },
};
const PATH_NAMES = Object.keys(PATHS);

/** Everything a refused request could have written about the case, or on behalf of the person. */
async function written(id: string, user: string, eventIds: string[]) {
  const recipients = [ME, STRANGERS.requester, STRANGERS.analyst];
  return {
    case: await app.store.getCase(id),
    audit: await app.store.auditOf(id),
    attachments: await app.store.listAttachments(id),
    reminders: (await Promise.all(recipients.map((r) => app.store.pendingReminders(r, FAR)))).flat().filter((r) => r.caseId === id),
    conversations: await Promise.all(['terminal', 'slack'].map((p) => app.store.loadConversation(`${p}:${user}`))),
    events: await Promise.all(eventIds.map((e) => app.store.hasEvent(e))),
    downloads,
  };
}

let n = 0;
const nextId = () => `RB-U${(++n).toString(36).toUpperCase().padStart(5, '0')}`;
const seed = async (path: Path, id: string, situation: Situation, lang: Lang): Promise<CaseRecord> => {
  const k = caseIn(id, situation, path.status, { lang, ...path.over });
  expect(await app.store.saveCases({ newCases: [k] })).toBe('ok');
  return k;
};
const reminderFor = async (path: Path, id: string): Promise<number> => (path.reminder ? remind(id, path.reminder === 'mine' ? ME : STRANGERS.analyst) : -1);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rb-unseen-'));
  writeFileSync(join(dir, 'contract.pdf'), '%PDF-1.7 contract');
  const config = loadConfig({ REVIEW_BOT_DB: join(dir, 'store.sqlite') });
  if (!config.ok) throw new Error(config.error);
  app = await createApp(config.value, {
    nlu: fakeNlu(),
    log: silentLogger,
    resolvePerson: people,
    findPerson: (key) => (key === ZOE.key ? ZOE : null),
    clock: () => NOW,
  });
  await app.store.scheduleReminders([digestReminder(ME, TODAY, 'requested', { overdue: [], dueThisWeek: [] }, 0, NOW.toISOString())]);
  digestId = (await app.store.pendingReminders(ME, FAR)).find((r) => r.kind === 'digest')!.id;
});
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

// Everyone who may not view a case, by role and relation to it (the role table's "view" column).
const UNSEEING = ROLE_CELLS.filter(([, , action, allowed]) => action === 'view' && !allowed).map(([role, situation]) => [role, situation] as const);

describe('a case someone may not view gets the same answer as a case that does not exist', () => {
  it('the role table leaves people on both sides of "view" for these tests to mean anything', () => {
    expect(UNSEEING.length).toBeGreaterThan(0);
    expect(ROLE_CELLS.some(([, , action, allowed]) => action === 'view' && allowed)).toBe(true);
  });

  const cells = PATH_NAMES.flatMap((path) =>
    (Object.keys(SETUPS) as Setup[]).flatMap((setup) => UNSEEING.map(([role, situation]) => [path, setup, role, situation] as const)),
  );
  it.each(cells)('%s, language %s: %s, %s case', async (name, setup, role, situation) => {
    const path = PATHS[name]!;
    const { case: caseLang, answer } = SETUPS[setup];
    const user = `${role}.${setup}`;
    const id = nextId();
    const reminderId = await reminderFor(path, id);

    const events = { missing: `${id}:${user}:missing`, unseen: `${id}:${user}:unseen` };
    const state = () => written(id, user, Object.values(events));

    downloads = 0;
    const before = await state();
    const missing = await path.ask({ user, id, eventId: events.missing, reminderId });
    expect(shown(missing)).toEqual({ lang: answer, said: [{ type: 'error', text: (path.missing ?? NOT_FOUND)[answer](id) }] });
    expect(await state()).toEqual(before);

    await seed(path, id, situation, caseLang);
    const seeded = await state();
    const unseen = await path.ask({ user, id, eventId: events.unseen, reminderId });
    expect(unseen).toEqual(missing); // the whole reply: messages and their types, language, recipient, privacy
    expect(await state()).toEqual(seeded);
  });
});

describe('someone who may view the case but not do the action is told what their role does not allow', () => {
  const cells = PATH_NAMES.filter((name) => PATHS[name]!.viewerRefused).flatMap((path) => (['en', 'zh-CN'] as const).map((setup) => [path, setup] as const));
  it.each(cells)('%s, language %s', async (name, setup) => {
    const path = PATHS[name]!;
    const refused = path.viewerRefused!;
    const user = `${refused.role}.${setup}`;
    const id = nextId();
    const reminderId = await reminderFor(path, id);
    const before = await seed(path, id, refused.situation, SETUPS[setup].case);
    downloads = 0;
    const seeded = await written(id, user, [`${id}:${user}`]);
    const reply = await path.ask({ user, id, eventId: `${id}:${user}`, reminderId });
    expect(shown(reply)).toEqual({ lang: setup, said: [{ type: 'error', text: refused.text[setup](id) }] });
    expect(await written(id, user, [`${id}:${user}`])).toEqual(seeded);
    expect(seeded.case).toEqual(before);
  });
});

describe('a reminder id', () => {
  it("of someone else's reminder about a case one may not view gets what an id of no reminder gets", async () => {
    const id = nextId();
    await seed(PATHS["someone else's reminder: acknowledge"]!, id, 'other team', 'en');
    const theirs = await remind(id, STRANGERS.analyst);
    for (const action of ['open_case', 'open_form', 'acknowledge', 'snooze']) {
      const none = await app.bot.act({ platform: 'slack', userId: 'requester.en', action, reminderId: theirs + 10_000 });
      const unseen = await app.bot.act({ platform: 'slack', userId: 'requester.en', action, reminderId: theirs });
      expect(unseen).toEqual(none);
      expect(shown(none)).toEqual({ lang: 'en', said: [{ type: 'error', text: 'That reminder no longer exists.' }] });
    }
    expect(await app.store.auditOf(id)).toEqual([]);
  });
});
