import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { ClockEvent } from '../../src/domain/case.js';
import type { CaseRecord, CaseStatus } from '../../src/domain/index.js';
import type { Outbound } from '../../src/engine/index.js';
import { silentLogger, type ResolvePerson } from '../../src/runtime/index.js';
import { aPerson } from '../support/fixtures.js';
import { fakeNlu } from '../support/fake-nlu.js';
import {
  caseIn,
  ME,
  personOf,
  ROLES_UNDER_TEST,
  roleAllows,
  SECRET_SUMMARY,
  SITUATION_NAMES,
  SITUATIONS,
  STRANGERS,
  type RoleAction,
  type RoleUnderTest,
  type Situation,
} from '../support/role-matrix.js';
import { CASE_COMMANDS, STATUS_WORDS, STATUSES, statusAllows, type CaseCommandName } from '../support/status-table.js';

// The authorisation matrix through the chat path: every role x every case command x every relation
// to the case x every status, typed into Bot.handle on a real SQLite store. The expected outcome of
// each cell comes from two hand-written tables: the role table (test/support/role-matrix.ts, shared
// with the domain's can() test) and the status table below; nothing here asks the code under test
// what is allowed. Allowed: the case changes exactly as the command says. Refused: the case and its
// audit rows are as they were, the person is told why, and someone who may not view the case learns
// nothing about it.
//
// One store per status (a file in a temp dir), reused by all its cells; every cell seeds its own
// case, so cells do not see each other's changes.

const TODAY = '2026-03-02'; // the bot's clock: Mon 2 Mar 2026, 10:00 in Shanghai
const NOW = new Date('2026-03-02T02:00:00Z');
/** An analyst in the people file, never the analyst of a seeded case: `assign RB-… zoe` names her. */
const ZOE = aPerson('zoe', ['analyst'], { team: null });

// Every case command typed in chat (src/domain/case-commands.ts), with the right it needs from the
// role table. "assign … me" is also open to whoever may assign anyone (assign_analyst), but the
// assignee must be an analyst or admin. `export` gives the application pack (or record) as text.
const COMMANDS = {
  show: { text: (id: string) => `show ${id}`, needs: ['view'] },
  comment: { text: (id: string) => `comment ${id} called the supplier`, needs: ['comment'] },
  'assign other': { text: (id: string) => `assign ${id} ${ZOE.key}`, needs: ['assign_analyst'] },
  'assign me': { text: (id: string) => `assign ${id} me`, needs: ['assign_self', 'assign_analyst'] },
  intake: { text: (id: string) => `intake ${id}`, needs: ['edit_intake'] },
  // The intake of a seeded case is empty: `ready` alone is refused as incomplete (tested with the
  // intake, test/runtime/cases.test.ts); the override with a reason is what the right decides.
  ready: { text: (id: string) => `ready ${id} anyway supplier letter follows`, needs: ['mark_ready'] },
  submitted: { text: (id: string) => `submitted ${id} ${TODAY}`, needs: ['mark_submitted'] },
  notice: { text: (id: string) => `notice ${id} ${TODAY}`, needs: ['record_clock'] },
  complex: { text: (id: string) => `complex ${id}`, needs: ['record_clock'] },
  special: { text: (id: string) => `special ${id} ${TODAY}`, needs: ['record_clock'] },
  supplement: { text: (id: string) => `supplement ${id} ${TODAY}`, needs: ['record_clock'] },
  supplied: { text: (id: string) => `supplied ${id} ${TODAY}`, needs: ['record_clock'] },
  outcome: { text: (id: string) => `outcome ${id} passed review`, needs: ['record_outcome'] },
  close: { text: (id: string) => `close ${id}`, needs: ['close'] },
  // Asked with a reason, then confirmed by the same person: the first step is the one the right decides.
  withdraw: { text: (id: string) => `withdraw ${id} the business called it off`, needs: ['withdraw'] },
  export: { text: (id: string) => `export ${id}`, needs: ['export'] },
} satisfies Record<CaseCommandName, { text: (id: string) => string; needs: RoleAction[] }>;
type Command = CaseCommandName;

/**
 * The review clock a case in `status` has, with what `command` needs to be possible once the
 * status allows it (complex and special follow the Office's notice; supplied an open supplement).
 */
function clockFor(status: CaseStatus, command: Command): ClockEvent[] {
  if (status !== 'submitted' && status !== 'decided') return [];
  const clock: ClockEvent[] = [{ type: 'submitted', on: '2026-02-02' }];
  if (status === 'submitted' && (command === 'complex' || command === 'special')) clock.push({ type: 'notice', on: '2026-02-09' });
  if (status === 'submitted' && command === 'supplied') clock.push({ type: 'supplement', on: '2026-02-16' });
  return clock;
}

/** What an allowed command does to the case (fields that change) and which audit rows it writes. */
type Effect = { case: Partial<CaseRecord>; audit: string[]; reply: RegExp };
const moved = (to: CaseStatus): Effect => ({ case: { status: to }, audit: ['case.status'], reply: new RegExp(`→ ${STATUS_WORDS[to]}\\.$`) });
const clocked = (before: CaseRecord, type: ClockEvent['type']): Effect => ({
  case: { clock: [...before.clock, { type, on: TODAY }] },
  audit: ['case.clock'],
  reply: /recorded \(2026-03-02\)/,
});
const EFFECTS: Record<Command, (before: CaseRecord) => Effect> = {
  show: (b) => ({ case: {}, audit: [], reply: new RegExp(`${b.id}[\\s\\S]*${b.requester}`) }),
  comment: () => ({ case: {}, audit: ['case.comment'], reply: /comment added/ }),
  'assign other': () => ({ case: { analyst: ZOE.key }, audit: ['case.assign'], reply: /analyst is now zoe/ }),
  'assign me': () => ({ case: { analyst: ME }, audit: ['case.assign'], reply: /analyst is now me/ }),
  // An intake conversation starts at the first empty field; an open case moves to intake.
  intake: (b) =>
    b.status === 'open' ? { ...moved('intake'), reply: /organisation|company|applicant/i } : { case: {}, audit: [], reply: /organisation|company|applicant/i },
  ready: () => ({
    case: { status: 'ready' },
    audit: ['case.status', 'case.ready_override'],
    reply: /→ ready to submit\. Marked ready with \d+ item\(s\) still missing; the reason is in the audit log\.$/,
  }),
  submitted: (b) => ({
    case: { status: 'submitted', clock: [...b.clock, { type: 'submitted', on: TODAY }] },
    audit: ['case.status', 'case.clock'],
    reply: /→ submitted/,
  }),
  notice: (b) => clocked(b, 'notice'),
  complex: (b) => clocked(b, 'complex'),
  special: (b) => clocked(b, 'special'),
  supplement: (b) => clocked(b, 'supplement'),
  supplied: (b) => clocked(b, 'supplied'),
  outcome: () => ({ case: { status: 'decided', authorityOutcome: 'passed review' }, audit: ['case.status', 'case.authority_outcome'], reply: /→ decided/ }),
  close: () => moved('closed'),
  withdraw: (b) => ({
    case: { pendingWithdrawal: { by: ME, reason: 'the business called it off', at: NOW.toISOString() } },
    audit: ['case.withdraw_requested'],
    reply: new RegExp(`To confirm, type "withdraw ${b.id} confirm"`),
  }),
  export: (b) => ({ case: {}, audit: [], reply: new RegExp(`^# .*${b.id}`) }),
};

type Expected = { type: 'allowed' } | { type: 'refused'; reason: RegExp };
/**
 * The expected outcome of one cell, from the tables: a case the person may not view is answered as
 * one that does not exist; then permission, then status, then what the command names.
 */
function expected(role: RoleUnderTest, situation: Situation, command: Command, status: CaseStatus, id: string): Expected {
  if (!roleAllows(role, situation, 'view')) return { type: 'refused', reason: new RegExp(`^There is no case ${id} that you can see\\.$`) };
  if (!COMMANDS[command].needs.some((right) => roleAllows(role, situation, right))) {
    return { type: 'refused', reason: new RegExp(`^Your role does not allow that for case ${id}\\.$`) };
  }
  if (!statusAllows(command, status))
    return { type: 'refused', reason: new RegExp(`^Case ${id} is ${STATUS_WORDS[status]}; that is possible only when it is `) };
  if (command === 'assign me' && role !== 'analyst' && role !== 'admin') return { type: 'refused', reason: /^me is not an analyst/ };
  if (command === 'assign me' && SITUATIONS[situation].analyst === ME) return { type: 'refused', reason: /already assigned to me/ };
  return { type: 'allowed' };
}

const config = (db: string) => {
  const c = loadConfig({ REVIEW_BOT_DB: db });
  if (!c.ok) throw new Error(c.error);
  return c.value;
};
/** One chat user per role; every one of them is "me" in team "mine". */
const people: ResolvePerson = (_platform, userId) => personOf(userId as RoleUnderTest);
const findPerson = (key: string) => (key === ZOE.key ? ZOE : null);
const texts = (out: Outbound[]) => out.map((m) => ('text' in m ? m.text : '')).join('\n');

let n = 0;
const nextId = () => `RB-${(++n).toString(36).toUpperCase().padStart(6, '0')}`;
/** A case in `situation` and `status`, opened in January, with what the command needs on its clock. */
const seed = (situation: Situation, status: CaseStatus, command: Command): CaseRecord =>
  caseIn(nextId(), situation, status, { clock: clockFor(status, command), authorityOutcome: status === 'decided' ? 'passed' : null });
/** Leave out what a change recomputes on its own (the time of the change, the deadlines as announced). */
const essence = ({ updatedAt: _u, announcedDeadlines: _a, ...rest }: CaseRecord) => rest;

const COMMAND_NAMES = CASE_COMMANDS;
const dir = mkdtempSync(join(tmpdir(), 'rb-authz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(STATUSES)('authorisation matrix, chat: a case that is %s', (status) => {
  let app: App;
  beforeAll(async () => {
    app = await createApp(config(join(dir, `${status}.sqlite`)), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, findPerson, clock: () => NOW });
  });
  afterAll(async () => app?.close());

  const cells = ROLES_UNDER_TEST.flatMap((role) => SITUATION_NAMES.flatMap((situation) => COMMAND_NAMES.map((command) => [role, situation, command] as const)));
  it.each(cells)('%s, %s case: %s', async (role, situation, command) => {
    const before = seed(situation, status, command);
    expect(await app.store.saveCases({ newCases: [before] })).toBe('ok');
    const want = expected(role, situation, command, status, before.id);
    const reply = await app.bot.handle({ platform: 'terminal', userId: role, input: { type: 'text', text: COMMANDS[command].text(before.id) } });
    const after = (await app.store.getCase(before.id))!;
    const audit = (await app.store.auditOf(before.id)).map((a) => a.action);
    // Case replies are for the person asking only, whatever the outcome.
    expect(reply.private).toBe(true);

    if (want.type === 'allowed') {
      const effect = EFFECTS[command](before);
      expect(
        reply.messages.some((m) => m.type === 'error'),
        texts(reply.messages),
      ).toBe(false);
      expect(texts(reply.messages)).toMatch(effect.reply);
      expect(essence(after)).toEqual(essence({ ...before, ...effect.case }));
      expect(audit).toEqual(effect.audit);
      if (command === 'intake') expect((await app.store.loadConversation(`terminal:${role}`)).state).toMatchObject({ caseId: before.id });
      return;
    }
    expect(reply.messages).toEqual([{ type: 'error', step: '', text: expect.stringMatching(want.reason) }]);
    expect(after).toEqual(before);
    expect(audit).toEqual([]);
    if (!roleAllows(role, situation, 'view')) {
      const said = texts(reply.messages);
      for (const secret of [STRANGERS.requester, STRANGERS.team, STRANGERS.analyst, SECRET_SUMMARY, status]) expect(said).not.toContain(secret);
    }
  });
});

describe('the tables themselves', () => {
  it('every command has a row in the status table, and a command no role may ever do would be a dead row', () => {
    for (const command of COMMAND_NAMES) {
      expect(STATUSES.some((s) => statusAllows(command, s))).toBe(true);
      expect(ROLES_UNDER_TEST.some((r) => SITUATION_NAMES.some((s) => COMMANDS[command].needs.some((right) => roleAllows(r, s, right))))).toBe(true);
    }
  });
});

// The home view (Slack App Home, the Teams welcome card) lists the cases a person may view, each with
// a button to its next intake form when that person may edit the intake now: by role and status.
describe.each(STATUSES)('authorisation matrix, home view: cases that are %s', (status) => {
  let app: App;
  const ids = {} as Record<Situation, string>;
  beforeAll(async () => {
    app = await createApp(config(join(dir, `home-${status}.sqlite`)), {
      nlu: fakeNlu(),
      log: silentLogger,
      resolvePerson: people,
      findPerson,
      clock: () => NOW,
    });
    const cases = SITUATION_NAMES.map((situation) => {
      const k = seed(situation, status, 'show');
      ids[situation] = k.id;
      return k;
    });
    expect(await app.store.saveCases({ newCases: cases })).toBe('ok');
  });
  afterAll(async () => app?.close());

  const cells = ROLES_UNDER_TEST.flatMap((role) => SITUATION_NAMES.map((situation) => [role, situation] as const));
  it.each(cells)('%s, %s case: listed when viewable, with an intake button when the intake may be edited now', async (role, situation) => {
    const view = await app.bot.home('terminal', role);
    const listed = view.cases.find((c) => c.caseId === ids[situation]);
    expect(!!listed).toBe(roleAllows(role, situation, 'view'));
    const editable = roleAllows(role, situation, 'edit_intake') && statusAllows('intake', status);
    // A purchase: its next intake form (nothing is filled in: the applicant) and another line item.
    expect(listed?.actions.map((a) => [a.id, 'form' in a ? a.form : null]) ?? []).toEqual(
      editable
        ? [
            ['open_form', 'applicant'],
            ['open_form', 'item-1'],
          ]
        : [],
    );
  });
});
