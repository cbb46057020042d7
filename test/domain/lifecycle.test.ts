import { describe, expect, it } from 'vitest';
import type { CaseRecord, CaseStatus, ClockEvent, Role } from '../../src/domain/case.js';
import {
  applyCaseAction,
  availableActions,
  describeLifecycleError,
  LIFECYCLE_ACTIONS,
  transition,
  type CaseAction,
  type LifecycleAction,
  type LifecycleError,
} from '../../src/domain/lifecycle.js';
import type { Person } from '../../src/domain/directory.js';
import { aPerson } from '../support/fixtures.js';
import { MAX_FREE_TEXT as MAX_TEXT } from '../../src/domain/free-text.js';
import cases from '../../src/i18n/messages/cases.js';

const OPENED = '2026-03-02T02:00:00.000Z'; // Mon 2 Mar 2026, 10:00 in Shanghai
const NOW = new Date('2026-03-03T02:00:00.000Z'); // Tue 3 Mar, 10:00 in Shanghai
const kase = (over: Partial<CaseRecord> = {}): CaseRecord => ({
  id: 'RB-000001',
  createdAt: OPENED,
  updatedAt: OPENED,
  status: 'open',
  requester: 'alice',
  team: 'it',
  teamLead: 'lee',
  analyst: null,
  lang: 'en',
  summary: 'servers',
  triage: { answers: {}, outcome: 'required', reasons: [] },
  intake: {},
  clock: [],
  announcedDeadlines: null,
  acknowledgements: [],
  authorityOutcome: null,
  warnings: [],
  countersign: null,
  ...over,
});
const who = (key: string, ...roles: Role[]): Person => aPerson(key, roles);
const admin = who('root', 'admin');
const ann = who('ann', 'analyst');
const alice = who('alice', 'requester');
const lee = who('lee', 'team_lead');

const valid: CaseAction[] = [
  { type: 'assign', analyst: 'ann' },
  { type: 'start_intake' },
  { type: 'mark_ready', missing: [] },
  { type: 'mark_submitted', on: '2026-03-02' },
  { type: 'record_outcome', outcome: 'no review needed' },
  { type: 'close' },
  { type: 'withdraw', confirm: true },
  { type: 'comment', text: 'called the supplier' },
  { type: 'record_notice', on: '2026-03-03' },
  { type: 'mark_complex' },
  { type: 'record_special', on: '2026-03-03' },
  { type: 'request_supplement', on: '2026-03-03' },
  { type: 'record_supplied', on: '2026-03-03' },
  { type: 'record_prediction' },
  { type: 'countersign' },
];
// Keeping and countersigning a risk-prediction record apply to `not_required` outcomes only.
const record = { triage: { answers: { matter: 'purchase', category: 'hpc_servers', ciio: 'no' }, outcome: 'not_required' as const, reasons: [] } };
const shapeFor: Partial<Record<CaseAction['type'], Partial<CaseRecord>>> = { record_prediction: record, countersign: record };
// The clock actions need the events they follow; the status table gives each one its prerequisites.
const prior: Partial<Record<CaseAction['type'], ClockEvent[]>> = {
  record_notice: [{ type: 'submitted', on: '2026-03-02' }],
  mark_complex: [
    { type: 'submitted', on: '2026-03-02' },
    { type: 'notice', on: '2026-03-02' },
  ],
  record_special: [
    { type: 'submitted', on: '2026-03-02' },
    { type: 'notice', on: '2026-03-02' },
  ],
  request_supplement: [{ type: 'submitted', on: '2026-03-02' }],
  record_supplied: [
    { type: 'submitted', on: '2026-03-02' },
    { type: 'supplement', on: '2026-03-02' },
  ],
};

// Status x action, by an admin with a valid payload, written out by hand:
// the status after the action, '=' for allowed without a status change, 'x' for refused.
// Then the clock: record_notice, mark_complex, record_special, request_supplement, record_supplied;
// then a risk-prediction record: record_prediction (kept and closed at once), countersign.
//               assign  start_intake  mark_ready  mark_submitted  record_outcome  close     withdraw    comment  notice complex special supplement supplied  record  countersign
// biome-ignore format: a table, one row per line, its columns aligned with the header above
const STATUS_TABLE: [CaseStatus, string][] = [
  ['open',      '=       intake        ready       x               x               closed    withdrawn   =        x      x       x       x          x         closed  x'],
  ['intake',    '=       x             ready       x               x               closed    withdrawn   =        x      x       x       x          x         x       x'],
  ['ready',     '=       x             x           submitted       x               closed    withdrawn   =        x      x       x       x          x         x       x'],
  ['submitted', '=       x             x           x               decided         x         withdrawn   =        =      =       =       =          =         x       x'],
  ['decided',   '=       x             x           x               x               closed    x           =        x      x       x       x          x         x       x'],
  ['closed',    'x       x             x           x               x               x         x           =        x      x       x       x          x         x       ='],
  ['withdrawn', 'x       x             x           x               x               x         x           =        x      x       x       x          x         x       x'],
];

describe('allowed transitions (status x action)', () => {
  const cells = STATUS_TABLE.flatMap(([status, row]) => {
    const marks = row.trim().split(/\s+/);
    if (marks.length !== LIFECYCLE_ACTIONS.length) throw new Error(`row ${status}`);
    return valid.map((action, i) => [status, action.type, marks[i]!] as const);
  });
  it.each(cells)('%s + %s -> %s', (status, type, expected) => {
    const action = valid.find((a) => a.type === type)!;
    // A withdrawal is carried out on its confirmation, after it was asked for (with its reason).
    const pendingWithdrawal = action.type === 'withdraw' ? { by: 'root', reason: 'cancelled', at: NOW.toISOString() } : null;
    const r = applyCaseAction(kase({ status, clock: prior[action.type] ?? [], pendingWithdrawal, ...shapeFor[action.type] }), action, admin, NOW);
    if (expected === 'x') {
      expect(r).toMatchObject({ ok: false, error: { type: 'wrong_status', status } });
    } else {
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      expect(r.value.case.status).toBe(expected === '=' ? status : expected);
    }
  });
});

describe('every change comes with its audit rows', () => {
  const at = NOW.toISOString();
  const row = (action: string, before: unknown, after: unknown) => ({ caseId: 'RB-000001', at, actor: 'root', action, before, after });

  it('a status change: one row with before and after, updatedAt moves, and the requester is told', () => {
    const r = transition(kase(), 'start_intake', admin, NOW, {});
    expect(r).toEqual({
      ok: true,
      value: {
        case: kase({ status: 'intake', updatedAt: at }),
        audit: [row('case.status', 'open', 'intake')],
        notices: [{ type: 'status_changed', caseId: 'RB-000001', recipient: 'alice', status: 'intake', at }],
      },
    });
  });

  it('submission records the date as well', () => {
    const r = transition(kase({ status: 'ready' }), 'mark_submitted', admin, NOW, { on: '2026-03-02' });
    expect(r.ok && r.value.case).toMatchObject({ status: 'submitted', clock: [{ type: 'submitted', on: '2026-03-02' }], updatedAt: at });
    expect(r.ok && r.value.audit).toEqual([row('case.status', 'ready', 'submitted'), row('case.clock', null, { type: 'submitted', on: '2026-03-02' })]);
  });

  it("the authority's outcome is recorded, trimmed", () => {
    const r = transition(kase({ status: 'submitted', clock: [{ type: 'submitted', on: '2026-03-02' }] }), 'record_outcome', admin, NOW, {
      outcome: '  passed review ',
    });
    expect(r.ok && r.value.case).toMatchObject({ status: 'decided', authorityOutcome: 'passed review' });
    expect(r.ok && r.value.audit).toEqual([row('case.status', 'submitted', 'decided'), row('case.authority_outcome', null, 'passed review')]);
  });

  it('assigning an analyst', () => {
    const r = transition(kase({ analyst: 'bob' }), 'assign', admin, NOW, { analyst: 'ann' });
    expect(r).toEqual({ ok: true, value: { case: kase({ analyst: 'ann', updatedAt: at }), audit: [row('case.assign', 'bob', 'ann')], notices: [] } });
  });

  it('a comment is an audit row only: the case does not change', () => {
    const k = kase();
    const r = transition(k, 'comment', admin, NOW, { text: ' called the supplier ' });
    expect(r).toEqual({ ok: true, value: { case: k, audit: [row('case.comment', null, 'called the supplier')], notices: [] } });
  });

  it('the case passed in is never modified', () => {
    const k = kase({ status: 'ready' });
    const copy = structuredClone(k);
    for (const action of valid) applyCaseAction(k, action, admin, NOW);
    expect(k).toEqual(copy);
  });
});

describe('who may move a case', () => {
  it('permission is checked before status, so a refused person learns nothing about the case', () => {
    expect(transition(kase({ status: 'closed', requester: 'bob' }), 'mark_ready', alice, NOW, { missing: [] })).toEqual({
      ok: false,
      error: { type: 'not_allowed', action: 'mark_ready' },
    });
  });

  it('a requester may withdraw their own case until the Office has decided', () => {
    const asked = { pendingWithdrawal: { by: 'alice', reason: 'cancelled', at: NOW.toISOString() } };
    expect(transition(kase(asked), 'withdraw', alice, NOW, { confirm: true })).toMatchObject({ ok: true, value: { case: { status: 'withdrawn' } } });
    expect(
      transition(kase({ ...asked, status: 'submitted', clock: [{ type: 'submitted', on: '2026-03-02' }] }), 'withdraw', alice, NOW, { confirm: true }).ok,
    ).toBe(true);
    expect(transition(kase({ status: 'decided' }), 'withdraw', alice, NOW, { reason: 'cancelled' })).toMatchObject({
      ok: false,
      error: { type: 'wrong_status', allowed: ['open', 'intake', 'ready', 'submitted'] },
    });
    expect(transition(kase({ requester: 'bob', team: 'ops' }), 'withdraw', alice, NOW, { reason: 'cancelled' })).toMatchObject({
      ok: false,
      error: { type: 'not_allowed' },
    });
  });

  it('a requester may not move their case forward', () => {
    for (const type of ['start_intake', 'mark_ready', 'close'] as const) {
      expect(transition(kase(), type, alice, NOW, {})).toMatchObject({ ok: false, error: { type: 'not_allowed', action: type } });
    }
  });

  it('an analyst may take an unassigned case but not hand it to someone else', () => {
    expect(transition(kase(), 'assign', ann, NOW, { analyst: 'ann' })).toMatchObject({ ok: true, value: { case: { analyst: 'ann' } } });
    expect(transition(kase(), 'assign', ann, NOW, { analyst: 'bob' })).toMatchObject({ ok: false, error: { type: 'not_allowed', action: 'assign' } });
    expect(transition(kase({ analyst: 'bob' }), 'assign', ann, NOW, { analyst: 'ann' })).toMatchObject({ ok: false, error: { type: 'not_allowed' } });
  });

  it("a team lead assigns an analyst to their team's case", () => {
    expect(transition(kase(), 'assign', lee, NOW, { analyst: 'ann' }).ok).toBe(true);
    expect(transition(kase({ team: 'ops' }), 'assign', lee, NOW, { analyst: 'ann' })).toMatchObject({ ok: false, error: { type: 'not_allowed' } });
    expect(transition(kase(), 'close', lee, NOW, {})).toMatchObject({ ok: false, error: { type: 'not_allowed' } });
  });

  it('the actions a person can take now, by role and status', () => {
    expect(availableActions(kase(), ann)).toEqual(['assign', 'start_intake', 'mark_ready', 'close', 'comment']);
    expect(availableActions(kase(), alice)).toEqual(['withdraw', 'comment']);
    expect(availableActions(kase(), lee)).toEqual(['assign', 'withdraw', 'comment']);
    expect(availableActions(kase({ status: 'ready', analyst: 'ann' }), ann)).toEqual(['assign', 'mark_submitted', 'close', 'comment']);
    expect(availableActions(kase({ status: 'closed' }), admin)).toEqual(['comment']);
    expect(availableActions(kase({ status: 'submitted', analyst: 'ann' }), ann)).toEqual([
      'assign',
      'record_outcome',
      'comment',
      'record_notice',
      'mark_complex',
      'record_special',
      'request_supplement',
      'record_supplied',
    ]);
    expect(availableActions(kase({ requester: 'bob', team: 'ops' }), alice)).toEqual([]);
  });
});

describe('payloads are checked', () => {
  const ready = kase({ status: 'ready', analyst: 'ann' });
  const submit = (on: string, now = NOW, k = ready) => transition(k, 'mark_submitted', ann, now, { on });

  it.each(['2026-02-30', '2026-3-2', 'yesterday', ''])('"%s" is not a submission date', (on) => {
    expect(submit(on)).toEqual({ ok: false, error: { type: 'invalid_date', value: on } });
  });

  it('a submission date may not be in the future (in Shanghai)', () => {
    expect(submit('2026-03-04')).toEqual({ ok: false, error: { type: 'date_in_future', value: '2026-03-04', today: '2026-03-03' } });
    // 16:30 UTC on 2 Mar is already 3 Mar in Shanghai.
    expect(submit('2026-03-03', new Date('2026-03-02T16:30:00.000Z')).ok).toBe(true);
    expect(submit('2026-03-03', new Date('2026-03-02T15:30:00.000Z'))).toMatchObject({ ok: false, error: { type: 'date_in_future', today: '2026-03-02' } });
  });

  it('a submission date may not be before the case was opened', () => {
    expect(submit('2026-03-01')).toEqual({ ok: false, error: { type: 'date_before_opening', value: '2026-03-01', opened: '2026-03-02' } });
    expect(submit('2026-03-02').ok).toBe(true);
  });

  it('outcome and comment need text, of a sane length', () => {
    const submitted = kase({ status: 'submitted', clock: [{ type: 'submitted', on: '2026-03-02' }], analyst: 'ann' });
    expect(transition(submitted, 'record_outcome', ann, NOW, { outcome: '  ' })).toEqual({ ok: false, error: { type: 'empty_text' } });
    expect(transition(submitted, 'comment', ann, NOW, { text: '' })).toEqual({ ok: false, error: { type: 'empty_text' } });
    expect(transition(submitted, 'comment', ann, NOW, { text: 'x'.repeat(MAX_TEXT + 1) })).toEqual({
      ok: false,
      error: { type: 'text_too_long', max: MAX_TEXT },
    });
    expect(transition(submitted, 'comment', ann, NOW, { text: 'x'.repeat(MAX_TEXT) }).ok).toBe(true);
    // Nothing unsafe lands in the audit log: NUL, terminal escapes, bidi overrides.
    for (const [text, type] of [
      ['a\u0000b', 'control_chars'],
      ['\u001b[31mred', 'control_chars'],
      ['invoice\u202Efdp.exe', 'bidi_controls'],
      ['bad \uFFFD', 'bad_encoding'],
    ] as const) {
      expect(transition(submitted, 'comment', ann, NOW, { text })).toEqual({ ok: false, error: { type: 'unsafe_text', problem: { type } } });
    }
  });

  it('an assignee must be someone, listed and an analyst (when the caller knows the directory), and new', () => {
    expect(transition(kase(), 'assign', admin, NOW, { analyst: ' ' })).toEqual({ ok: false, error: { type: 'empty_text' } });
    expect(transition(kase(), 'assign', admin, NOW, { analyst: 'anne', assignee: null })).toEqual({
      ok: false,
      error: { type: 'unknown_person', key: 'anne' },
    });
    expect(transition(kase(), 'assign', admin, NOW, { analyst: 'bob', assignee: { roles: ['requester'] } })).toEqual({
      ok: false,
      error: { type: 'not_an_analyst', key: 'bob' },
    });
    expect(transition(kase(), 'assign', admin, NOW, { analyst: 'root', assignee: { roles: ['admin'] } }).ok).toBe(true);
    expect(transition(kase(), 'assign', admin, NOW, { analyst: 'ann', assignee: { roles: ['analyst'] } }).ok).toBe(true);
    expect(transition(kase({ analyst: 'ann' }), 'assign', admin, NOW, { analyst: 'ann' })).toEqual({
      ok: false,
      error: { type: 'already_assigned', analyst: 'ann' },
    });
  });
});

describe('the review clock: recording its events', () => {
  // Opened Mon 2 Mar 2026, today is Tue 3 Mar (Shanghai); submitted on 2 Mar.
  const SUBMITTED: ClockEvent = { type: 'submitted', on: '2026-03-02' };
  const withClock = (...clock: ClockEvent[]) => kase({ status: 'submitted', analyst: 'ann', clock: [SUBMITTED, ...clock] });
  const at = NOW.toISOString();
  const later = new Date('2026-03-20T02:00:00.000Z'); // Fri 20 Mar

  it('each event is appended with its audit row; the status does not change', () => {
    const r = transition(withClock(), 'record_notice', ann, NOW, { on: '2026-03-03' });
    expect(r).toEqual({
      ok: true,
      value: {
        case: { ...withClock({ type: 'notice', on: '2026-03-03' }), updatedAt: at },
        audit: [{ caseId: 'RB-000001', at, actor: 'ann', action: 'case.clock', before: null, after: { type: 'notice', on: '2026-03-03' } }],
        // The requester hears of it (the submission itself has its status notice).
        notices: [{ type: 'clock_event', caseId: 'RB-000001', recipient: 'alice', event: { type: 'notice', on: '2026-03-03' }, at }],
      },
    });
  });

  it('complex is dated the day it is recorded', () => {
    const r = transition(withClock({ type: 'notice', on: '2026-03-02' }), 'mark_complex', ann, NOW, {});
    expect(r.ok && r.value.case.clock.at(-1)).toEqual({ type: 'complex', on: '2026-03-03' });
  });

  // Expected error for each attempt, written by hand.
  const table: [name: string, k: CaseRecord, action: CaseAction, now: Date, error: LifecycleError | null][] = [
    [
      'notice before the submission',
      withClock(),
      { type: 'record_notice', on: '2026-03-01' },
      NOW,
      { type: 'date_before_event', value: '2026-03-01', event: 'submitted', on: '2026-03-02' },
    ],
    [
      'notice in the future',
      withClock(),
      { type: 'record_notice', on: '2026-03-04' },
      NOW,
      { type: 'date_in_future', value: '2026-03-04', today: '2026-03-03', event: 'notice' },
    ],
    ['notice not a real date', withClock(), { type: 'record_notice', on: '2026-02-30' }, NOW, { type: 'invalid_date', value: '2026-02-30' }],
    [
      'a second notice',
      withClock({ type: 'notice', on: '2026-03-02' }),
      { type: 'record_notice', on: '2026-03-03' },
      NOW,
      { type: 'already_recorded', event: 'notice', on: '2026-03-02' },
    ],
    ['notice on the submission day', withClock(), { type: 'record_notice', on: '2026-03-02' }, NOW, null],
    ['complex before any notice', withClock(), { type: 'mark_complex' }, NOW, { type: 'needs_event', event: 'notice' }],
    [
      'complex twice',
      withClock({ type: 'notice', on: '2026-03-02' }, { type: 'complex', on: '2026-03-02' }),
      { type: 'mark_complex' },
      NOW,
      { type: 'already_recorded', event: 'complex', on: '2026-03-02' },
    ],
    ['special before any notice', withClock(), { type: 'record_special', on: '2026-03-03' }, NOW, { type: 'needs_event', event: 'notice' }],
    [
      'special before the notice date',
      withClock({ type: 'notice', on: '2026-03-10' }),
      { type: 'record_special', on: '2026-03-09' },
      later,
      { type: 'date_before_event', value: '2026-03-09', event: 'notice', on: '2026-03-10' },
    ],
    ['special after the notice', withClock({ type: 'notice', on: '2026-03-10' }), { type: 'record_special', on: '2026-03-19' }, later, null],
    ['supplied without a supplement', withClock(), { type: 'record_supplied', on: '2026-03-03' }, NOW, { type: 'no_open_supplement' }],
    [
      'supplied before the request',
      withClock({ type: 'supplement', on: '2026-03-10' }),
      { type: 'record_supplied', on: '2026-03-09' },
      later,
      { type: 'date_before_event', value: '2026-03-09', event: 'supplement', on: '2026-03-10' },
    ],
    [
      'a second supplement while one is open',
      withClock({ type: 'supplement', on: '2026-03-10' }),
      { type: 'request_supplement', on: '2026-03-12' },
      later,
      { type: 'supplement_open', since: '2026-03-10' },
    ],
    [
      'a supplement before the last delivery',
      withClock({ type: 'supplement', on: '2026-03-05' }, { type: 'supplied', on: '2026-03-10' }),
      { type: 'request_supplement', on: '2026-03-09' },
      later,
      { type: 'date_before_event', value: '2026-03-09', event: 'supplied', on: '2026-03-10' },
    ],
    [
      'a second supplement after the first was delivered',
      withClock({ type: 'supplement', on: '2026-03-05' }, { type: 'supplied', on: '2026-03-10' }),
      { type: 'request_supplement', on: '2026-03-12' },
      later,
      null,
    ],
    [
      'supplied twice',
      withClock({ type: 'supplement', on: '2026-03-05' }, { type: 'supplied', on: '2026-03-10' }),
      { type: 'record_supplied', on: '2026-03-12' },
      later,
      { type: 'no_open_supplement' },
    ],
  ];
  it.each(table)('%s', (_name, k, action, now, error) => {
    const r = applyCaseAction(k, action, ann, now);
    if (error) expect(r).toEqual({ ok: false, error });
    else expect(r.ok).toBe(true);
  });

  it('only analysts and admins record clock events; requesters and team leads may not', () => {
    expect(transition(withClock(), 'record_notice', alice, NOW, { on: '2026-03-03' })).toEqual({
      ok: false,
      error: { type: 'not_allowed', action: 'record_notice' },
    });
    expect(transition(withClock(), 'record_notice', lee, NOW, { on: '2026-03-03' })).toMatchObject({ ok: false, error: { type: 'not_allowed' } });
    expect(transition(withClock(), 'record_notice', admin, NOW, { on: '2026-03-03' }).ok).toBe(true);
  });

  it('the errors name the event in the reader language', () => {
    expect(describeLifecycleError('en', 'RB-000001', { type: 'date_before_event', value: '2026-03-01', event: 'submitted', on: '2026-03-02' })).toBe(
      'The date 2026-03-01 is before complete materials received by the Office (2026-03-02).',
    );
    expect(describeLifecycleError('zh-CN', 'RB-000001', { type: 'needs_event', event: 'notice' })).toBe(
      '请先为审查事项 RB-000001 记录“网络安全审查办公室书面通知”。',
    );
  });
});

describe('risk-prediction records (预判记录)', () => {
  const opened = () => kase({ ...record });
  it('a not_required triage is kept and closed by its requester at once; the team lead, not the requester, is told', () => {
    const r = applyCaseAction(opened(), { type: 'record_prediction' }, alice, NOW);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.case.status).toBe('closed');
    expect(r.value.audit).toEqual([expect.objectContaining({ actor: 'alice', action: 'case.status', before: 'open', after: 'closed' })]);
    expect(r.value.notices).toEqual([{ type: 'countersign_requested', caseId: 'RB-000001', recipient: 'lee', at: NOW.toISOString() }]);
  });

  it('a required or assess outcome is no prediction record: it is neither kept closed nor countersigned', () => {
    expect(applyCaseAction(kase(), { type: 'record_prediction' }, alice, NOW)).toEqual({ ok: false, error: { type: 'not_a_prediction_record' } });
    expect(applyCaseAction(kase({ status: 'closed' }), { type: 'countersign' }, admin, NOW)).toEqual({ ok: false, error: { type: 'not_a_prediction_record' } });
  });

  it("the requester's team lead countersigns once: who and when, with an audit row", () => {
    const closed = kase({ ...record, status: 'closed' });
    const r = applyCaseAction(closed, { type: 'countersign' }, lee, NOW);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.case).toMatchObject({ status: 'closed', countersign: { by: 'lee', at: NOW.toISOString() } });
    expect(r.value.audit).toEqual([
      expect.objectContaining({ actor: 'lee', action: 'case.countersign', before: null, after: { by: 'lee', at: NOW.toISOString() } }),
    ]);
    expect(r.value.notices).toEqual([]);
    expect(applyCaseAction(r.value.case, { type: 'countersign' }, admin, NOW)).toEqual({
      ok: false,
      error: { type: 'already_countersigned', by: 'lee', at: NOW.toISOString() },
    });
  });

  it('nobody countersigns their own record; a lead of another team, an analyst or the requester may not', () => {
    const closed = kase({ ...record, status: 'closed' });
    expect(applyCaseAction(closed, { type: 'countersign' }, who('alice', 'requester', 'team_lead'), NOW)).toEqual({ ok: false, error: { type: 'own_record' } });
    expect(applyCaseAction(closed, { type: 'countersign' }, aPerson('olga', ['team_lead'], { team: 'ops' }), NOW)).toMatchObject({
      ok: false,
      error: { type: 'not_allowed' },
    });
    expect(applyCaseAction(closed, { type: 'countersign' }, ann, NOW)).toMatchObject({ ok: false, error: { type: 'not_allowed' } });
    expect(applyCaseAction(closed, { type: 'countersign' }, alice, NOW)).toMatchObject({ ok: false, error: { type: 'not_allowed' } });
    expect(applyCaseAction(closed, { type: 'countersign' }, admin, NOW).ok).toBe(true);
  });

  it('the countersign button is offered only while it can be used', () => {
    const closed = kase({ ...record, status: 'closed' });
    expect(availableActions(closed, lee)).toEqual(['comment', 'countersign']);
    expect(availableActions({ ...closed, countersign: { by: 'lee', at: OPENED } }, lee)).toEqual(['comment']);
    expect(availableActions(kase({ status: 'closed' }), lee)).toEqual(['comment']);
    expect(availableActions(kase(), alice)).not.toContain('record_prediction');
  });
});

describe('errors read in both languages', () => {
  const errors: LifecycleError[] = [
    { type: 'not_allowed', action: 'close' },
    { type: 'wrong_status', status: 'decided', allowed: ['open', 'intake'] },
    { type: 'invalid_date', value: '2026-02-30' },
    { type: 'date_in_future', value: '2026-03-04', today: '2026-03-03' },
    { type: 'date_before_opening', value: '2026-03-01', opened: '2026-03-02' },
    { type: 'empty_text' },
    { type: 'text_too_long', max: MAX_TEXT },
    { type: 'unsafe_text', problem: { type: 'bidi_controls' } },
    { type: 'unknown_person', key: 'anne' },
    { type: 'not_an_analyst', key: 'bob' },
    { type: 'already_assigned', analyst: 'ann' },
    { type: 'date_in_future', value: '2026-03-04', today: '2026-03-03', event: 'notice' },
    { type: 'date_before_event', value: '2026-03-01', event: 'submitted', on: '2026-03-02' },
    { type: 'already_recorded', event: 'notice', on: '2026-03-02' },
    { type: 'needs_event', event: 'notice' },
    { type: 'supplement_open', since: '2026-03-02' },
    { type: 'no_open_supplement' },
  ];
  it.each(errors.flatMap((e) => (['en', 'zh-CN'] as const).map((lang) => [e.type, lang, e] as const)))('%s in %s', (_t, lang, e) => {
    const text = describeLifecycleError(lang, 'RB-000001', e);
    expect(text.length).toBeGreaterThan(5);
    expect(text).not.toMatch(/\{\w+\}/);
  });

  it('statuses are named in the reader language', () => {
    const e: LifecycleError = { type: 'wrong_status', status: 'decided', allowed: ['open', 'intake'] };
    expect(describeLifecycleError('en', 'RB-000001', e)).toBe('Case RB-000001 is decided by the Office; that is possible only when it is opened / in intake.');
    expect(describeLifecycleError('zh-CN', 'RB-000001', e)).toBe('审查事项 RB-000001 当前为“已有结论”，仅在“已创建 / 申报材料填写中”时可执行此操作。');
  });

  it('the cases catalogue: every message in both languages with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, en] of Object.entries(cases.en)) {
      const zh = cases['zh-CN'][key as keyof typeof cases.en];
      expect(en.trim(), key).not.toBe('');
      expect(zh.trim(), key).not.toBe('');
      expect(placeholders(zh), key).toEqual(placeholders(en));
    }
  });
});

describe('one action, two spellings', () => {
  it('applyCaseAction(tagged action) is transition(type, payload)', () => {
    const k = kase({ status: 'ready', analyst: 'ann' });
    const actions: [LifecycleAction, object][] = [
      ['mark_submitted', { on: '2026-03-02' }],
      ['comment', { text: 'ok' }],
      ['close', {}],
    ];
    for (const [type, payload] of actions) {
      expect(applyCaseAction(k, { type, ...payload } as CaseAction, ann, NOW)).toEqual(transition(k, type, ann, NOW, payload as never));
    }
  });
});
