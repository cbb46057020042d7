import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { CaseRecord, Person } from '../../src/domain/index.js';
import {
  deadlineReminder,
  digestReminder,
  gatherDigest,
  readReminder,
  reminderText,
  type ReminderPayload,
  type ResolvePerson,
} from '../../src/runtime/index.js';
import { planCaseReminders } from '../../src/scheduler/index.js';
import type { NewReminder, Reminder } from '../../src/store/index.js';
import { packageCalendar } from '../support/calendars.js';
import { fakeNlu } from '../support/fake-nlu.js';
import { aCase, aPerson } from '../support/fixtures.js';

const stored = (r: NewReminder, id = 1): Reminder => ({ ...r, id, claimedBy: null, claimedUntil: null, sentAt: null, attempts: 0 });
const names: Record<string, string> = { ann: 'Ann Liu', lee: 'Lee Wei' };
const read = (r: NewReminder) => {
  const x = readReminder(stored(r));
  if (!x.ok) throw new Error(x.error.problem);
  return x.value;
};
const text = (r: NewReminder, lang: 'en' | 'zh-CN', today: string) =>
  reminderText(read(r), { lang, today, calendar: packageCalendar, nameOf: (k) => names[k] ?? k });

type DeadlinePayload = ReminderPayload<'deadline'>;
const deadlineRow = (p: Partial<DeadlinePayload>): NewReminder => ({
  dedupeKey: 'k',
  caseId: 'RB-000001',
  recipient: 'lee',
  kind: 'deadline',
  dueAt: '2026-03-11T01:00:00.000Z',
  payload: { kind: 'review_decision', due: '2026-03-16', when: 'T-3', overdueBy: 0, provisional: false, outerBound: false, ...p },
});

describe('a deadline reminder says where the deadline stands on the day it is read, in both languages', () => {
  const ART9 = { en: 'Office decides whether to review (Art. 9)', zh: '网络安全审查办公室决定是否审查（第九条）' };
  it.each([
    [
      'Wed 11 Mar: three working days ahead',
      {},
      '2026-03-11',
      `Reminder: case RB-000001, ${ART9.en} is due on 2026-03-16, in 3 working days.`,
      `提醒：审查事项 RB-000001 的“${ART9.zh}”将于 2026-03-16 到期，还有 3 个工作日。`,
    ],
    [
      'Fri 13 Mar: Monday is the next working day',
      {},
      '2026-03-13',
      `Reminder: case RB-000001, ${ART9.en} is due on the next working day, 2026-03-16.`,
      `提醒：审查事项 RB-000001 的“${ART9.zh}”将于下一个工作日 2026-03-16 到期。`,
    ],
    [
      'Sun 15 Mar: tomorrow',
      {},
      '2026-03-15',
      `Reminder: case RB-000001, ${ART9.en} is due tomorrow, 2026-03-16.`,
      `提醒：审查事项 RB-000001 的“${ART9.zh}”将于明天 2026-03-16 到期。`,
    ],
    [
      'Mon 16 Mar: today',
      {},
      '2026-03-16',
      `Reminder: case RB-000001, ${ART9.en} is due today, 2026-03-16.`,
      `提醒：审查事项 RB-000001 的“${ART9.zh}”于今天 2026-03-16 到期。`,
    ],
    [
      'Tue 17 Mar: one working day overdue',
      { when: 'overdue', overdueBy: 1 },
      '2026-03-17',
      `Reminder: case RB-000001, ${ART9.en} was due on 2026-03-16, 1 working day overdue.`,
      `提醒：审查事项 RB-000001 的“${ART9.zh}”已于 2026-03-16 到期，已逾期 1 个工作日。`,
    ],
    [
      'a T-3 reminder read late, on Fri 20 Mar',
      {},
      '2026-03-20',
      `Reminder: case RB-000001, ${ART9.en} was due on 2026-03-16, 4 working days overdue.`,
      `提醒：审查事项 RB-000001 的“${ART9.zh}”已于 2026-03-16 到期，已逾期 4 个工作日。`,
    ],
    [
      'an outer bound three working days ahead',
      { kind: 'preliminary_review', outerBound: true },
      '2026-03-11',
      'Reminder: case RB-000001, Preliminary review (Art. 11) ends by 2026-03-16 at the latest (outer bound), in 3 working days.',
      '提醒：审查事项 RB-000001 的“初步审查（第十一条）”最迟于 2026-03-16 届满（上限），还有 3 个工作日。',
    ],
    [
      'an outer bound today',
      { kind: 'preliminary_review', outerBound: true },
      '2026-03-16',
      'Reminder: case RB-000001, Preliminary review (Art. 11) ends today, 2026-03-16, at the latest (outer bound).',
      '提醒：审查事项 RB-000001 的“初步审查（第十一条）”最迟于今天 2026-03-16 届满（上限）。',
    ],
    [
      'a provisional outer bound: both in one bracket',
      { kind: 'members_reply', outerBound: true, due: '2027-01-04', provisional: true },
      '2026-12-31',
      "Reminder: case RB-000001, Members' replies to the draft conclusion (Art. 12) ends on the next working day, 2027-01-04, at the latest (outer bound, provisional).",
      '提醒：审查事项 RB-000001 的“成员单位回复审查结论建议（第十二条）”最迟于下一个工作日 2027-01-04 届满（暂定，上限）。',
    ],
    [
      'a provisional date across New Year 2027 (no official calendar yet)',
      { due: '2027-01-04', provisional: true },
      '2026-12-31',
      `Reminder: case RB-000001, ${ART9.en} is due on the next working day, 2027-01-04 (provisional).`,
      `提醒：审查事项 RB-000001 的“${ART9.zh}”将于下一个工作日 2027-01-04（暂定） 到期。`,
    ],
  ] as const)('%s', (_n, payload, today, en, zh) => {
    const r = deadlineRow(payload);
    expect(text(r, 'en', today)).toBe(en);
    expect(text(r, 'zh-CN', today)).toBe(zh);
  });
});

describe('reading stored rows back', () => {
  it.each([
    ['an unknown kind', { kind: 'deadline_t3', payload: {} }, 'unknown kind'],
    ['a payload that is not JSON', { payload: 'not json' }, 'payload'],
    ['a deadline without its date', { payload: { kind: 'review_decision', when: 'T-3', overdueBy: 0 } }, 'due'],
    ['a date that is not one', { payload: { kind: 'review_decision', due: '2026-02-30', when: 'T-3', overdueBy: 0 } }, 'due'],
    ['an unknown deadline kind', { payload: { kind: 'art_99', due: '2026-03-16', when: 'T-3', overdueBy: 0 } }, 'kind'],
    ['a case notice without its case', { caseId: null }, 'no case id'],
    ['a status that does not exist', { kind: 'status_changed', payload: { status: 'lost' } }, 'status'],
  ])('%s is refused with what is wrong', (_n, over, problem) => {
    const r = readReminder(stored({ ...deadlineRow({}), ...over } as NewReminder));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.problem).toContain(problem);
  });

  it('rows written before provisional dates existed read as exact dates', () => {
    const old = { ...deadlineRow({}), payload: { kind: 'review_decision', due: '2026-03-16', when: 'T-1', overdueBy: 0 } };
    expect(read(old).payload).toMatchObject({ provisional: false, outerBound: false });
  });
});

describe('the weekly digest reads in both languages', () => {
  const base = { provisional: false, outerBound: false };
  const row = digestReminder(
    'lee',
    '2026-03-16',
    'team',
    {
      overdue: [
        { ...base, caseId: 'RB-000002', kind: 'intake_target', due: '2026-03-02', overdueBy: 10, waiting: { type: 'assignment' } },
        {
          ...base,
          caseId: 'RB-000005',
          kind: 'review_decision',
          due: '2026-03-13',
          overdueBy: 1,
          waiting: { type: 'supplement', since: '2026-03-05', analyst: 'ann' },
        },
      ],
      dueThisWeek: [
        { ...base, caseId: 'RB-000003', kind: 'intake_target', due: '2026-03-18', overdueBy: 0, waiting: { type: 'analyst', analyst: 'ann' } },
        { ...base, caseId: 'RB-000001', kind: 'review_decision', due: '2026-03-16', overdueBy: 0, waiting: { type: 'office' } },
        { ...base, outerBound: true, caseId: 'RB-000004', kind: 'preliminary_review', due: '2026-03-20', overdueBy: 0, waiting: { type: 'office' } },
      ],
    },
    6,
    '2026-03-16T01:00:00.000Z',
  );

  it('one per person and week', () => {
    expect(row).toMatchObject({ dedupeKey: 'digest:2026-03-16:lee', kind: 'digest', caseId: null, recipient: 'lee' });
  });

  it('English: most overdue first, then by due date, and whom each waits on', () => {
    expect(text(row, 'en', '2026-03-16')).toBe(
      [
        "Weekly digest, week of 2026-03-16: your team's cases",
        'Overdue:',
        '- RB-000002: Intake complete (internal target) was due on 2026-03-02, 10 working days overdue; waiting on an analyst to be assigned',
        '- RB-000005: Office decides whether to review (Art. 9) was due on 2026-03-13, 1 working day overdue; waiting on supplementary materials requested on 2026-03-05 (Art. 15; analyst: Ann Liu)',
        'Due this week:',
        '- RB-000001: Office decides whether to review (Art. 9) due 2026-03-16; waiting on the Cybersecurity Review Office',
        '- RB-000003: Intake complete (internal target) due 2026-03-18; waiting on the analyst, Ann Liu',
        '- RB-000004: Preliminary review (Art. 11) ends by 2026-03-20 at the latest (outer bound); waiting on the Cybersecurity Review Office',
        'Active cases in all: 6.',
      ].join('\n'),
    );
  });

  it('Chinese', () => {
    expect(text(row, 'zh-CN', '2026-03-16')).toBe(
      [
        '每周摘要（2026-03-16 起的一周）：您团队的审查事项',
        '已逾期：',
        '- RB-000002：“完成申报材料填写（内部目标）”已于 2026-03-02 到期，已逾期 10 个工作日；等待：分配合规专员',
        '- RB-000005：“网络安全审查办公室决定是否审查（第九条）”已于 2026-03-13 到期，已逾期 1 个工作日；等待：补充材料（2026-03-05 要求，第十五条；合规专员：Ann Liu）',
        '本周到期：',
        '- RB-000001：“网络安全审查办公室决定是否审查（第九条）”2026-03-16 到期；等待：网络安全审查办公室',
        '- RB-000003：“完成申报材料填写（内部目标）”2026-03-18 到期；等待：合规专员 Ann Liu',
        '- RB-000004：“初步审查（第十一条）”最迟于 2026-03-20 届满（上限）；等待：网络安全审查办公室',
        '进行中的审查事项共 6 个。',
      ].join('\n'),
    );
  });

  it('a provisional outer bound ends by its date at the latest: never "due", never two brackets', () => {
    const bound = digestReminder(
      'lee',
      '2027-03-01',
      'team',
      {
        overdue: [],
        dueThisWeek: [
          { provisional: true, outerBound: true, caseId: 'RB-000007', kind: 'members_reply', due: '2027-03-03', overdueBy: 0, waiting: { type: 'office' } },
        ],
      },
      1,
      '2027-03-01T01:00:00.000Z',
    );
    expect(text(bound, 'zh-CN', '2027-03-01').split('\n')[2]).toBe(
      '- RB-000007：“成员单位回复审查结论建议（第十二条）”最迟于 2027-03-03 届满（暂定，上限）；等待：网络安全审查办公室',
    );
    expect(text(bound, 'en', '2027-03-01').split('\n')[2]).toBe(
      "- RB-000007: Members' replies to the draft conclusion (Art. 12) ends by 2027-03-03 at the latest (outer bound, provisional); waiting on the Cybersecurity Review Office",
    );
  });

  it('a requester whose cases have no lead, with nothing due this week', () => {
    const quiet = digestReminder('alice', '2026-03-16', 'requested', { overdue: [], dueThisWeek: [] }, 1, '2026-03-16T01:00:00.000Z');
    expect(text(quiet, 'en', '2026-03-16')).toBe(
      'Weekly digest, week of 2026-03-16: the cases you requested that have no team lead\nNothing is overdue or due this week.\nActive cases in all: 1.',
    );
  });

  it('a long list is cut, and says how many more', () => {
    const many = Array.from({ length: 23 }, (_, i) => ({
      ...base,
      caseId: `RB-${String(i).padStart(6, '0')}`,
      kind: 'intake_target' as const,
      due: '2026-03-18',
      overdueBy: 0,
      waiting: { type: 'assignment' as const },
    }));
    const long = digestReminder('lee', '2026-03-16', 'team', { overdue: [], dueThisWeek: many }, 23, 'x');
    const lines = text(long, 'en', '2026-03-16').split('\n');
    expect(lines.filter((l) => l.startsWith('- '))).toHaveLength(20);
    expect(lines).toContain('  … and 3 more');
  });
});

describe('a digest gathered case by case, keeping only what it can list', () => {
  // Few distinct cases, days and counts, so ties (one case, two deadlines; equal counts) are common.
  const item = fc.record({
    caseId: fc.constantFrom('RB-1', 'RB-2', 'RB-3', 'RB-10'),
    kind: fc.constantFrom('intake_target' as const, 'review_decision' as const),
    due: fc.constantFrom('2026-03-16', '2026-03-18', '2026-03-20'),
    provisional: fc.boolean(),
    outerBound: fc.boolean(),
    overdueBy: fc.integer({ min: 0, max: 4 }),
    waiting: fc.constant({ type: 'office' as const }),
  });
  const parts = fc.array(fc.record({ overdue: fc.array(item, { maxLength: 9 }), dueThisWeek: fc.array(item, { maxLength: 9 }) }), { maxLength: 30 });

  it('writes the same row as every item given at once: the same items listed, in the same order, the same counts', () => {
    fc.assert(
      fc.property(parts, (cases) => {
        const gathered = gatherDigest();
        for (const c of cases) gathered.add(c);
        const all = { overdue: cases.flatMap((c) => c.overdue), dueThisWeek: cases.flatMap((c) => c.dueThisWeek) };
        expect(digestReminder('lee', '2026-03-16', 'team', gathered.lists(), cases.length, 'x')).toEqual(
          digestReminder('lee', '2026-03-16', 'team', all, cases.length, 'x'),
        );
        // It holds at most what a list shows, however many items it was given.
        expect(gathered.lists().overdue.length).toBeLessThanOrEqual(20);
      }),
    );
  });
});

// --- delivery and the buttons, through the bot -------------------------------------------------

// alice requests (team it, lead lee); lee leads it; ann is the analyst; rob requests in another team.
const PEOPLE: Record<string, Person> = {
  alice: aPerson('alice', ['requester']),
  lee: aPerson('lee', ['requester', 'team_lead'], { name: 'Lee Wei' }),
  ann: aPerson('ann', ['analyst'], { name: 'Ann Liu', team: null, teamLead: null }),
  rob: aPerson('rob', ['requester'], { team: 'ops', teamLead: 'oli' }),
};
const resolvePerson: ResolvePerson = (_p, userId) => PEOPLE[userId] ?? aPerson(userId, ['requester']);

let app: App;
let now = new Date('2026-03-13T08:00:00.000Z'); // Fri 13 Mar 2026, 16:00 in Shanghai
beforeEach(async () => {
  const c = loadConfig({ REVIEW_BOT_DB: ':memory:' });
  if (!c.ok) throw new Error(c.error);
  now = new Date('2026-03-13T08:00:00.000Z');
  app = await createApp(c.value, {
    nlu: fakeNlu(),
    resolvePerson,
    findPerson: (k) => PEOPLE[k] ?? null,
    clock: () => now,
    log: { info() {}, warn() {}, error() {} },
  });
});
afterEach(async () => app?.close());

const SUBMITTED: CaseRecord = aCase({ status: 'submitted', analyst: 'ann', clock: [{ type: 'submitted', on: '2026-03-02' }] }); // Art. 9 due Mon 16 Mar
async function withReminders(k: CaseRecord = SUBMITTED, day = '2026-03-13') {
  await app.store.commitTurn({ conversation: 'seed', expectedRev: 0, newCases: [k] });
  await app.store.scheduleReminders(planCaseReminders(k, new Date(`${day}T01:30:00Z`), app.deadlines));
  const mine = async (who: string) => (await app.store.pendingReminders(who, '2100-01-01T00:00:00.000Z'))[0]!;
  return { lee: await mine('lee'), ann: await mine('ann') };
}
const act = (userId: string, action: string, more: { reminderId?: number; caseId?: string; eventId?: string } = {}) =>
  app.bot.act({ platform: 'terminal', userId, action, ...more });
const textsOf = (r: { messages: { type: string }[] }) => r.messages.map((m) => ('text' in m ? m.text : m.type)).join('\n');

describe('reminders as delivered: the buttons each recipient may use', () => {
  it('the team lead may open the case, acknowledge and snooze; the analyst may also fill in the intake while it is open', async () => {
    const open = aCase({ analyst: 'ann' }); // intake target Mon 9 Mar: T-3 is Wed 4 Mar
    const { lee, ann } = await withReminders(open, '2026-03-04');
    now = new Date('2026-03-04T01:30:00.000Z');
    const ids = async (r: Reminder) => {
      const shown = await app.bot.presentReminder(r);
      return shown.type === 'send' && shown.messages[0]!.type === 'reminder' ? shown.messages[0]!.actions.map((a) => [a.id, a.label]) : shown;
    };
    expect(await ids(lee)).toEqual([
      ['open_case', 'Open case'],
      ['acknowledge', 'Acknowledge'],
      ['snooze', 'Remind me next working day'],
    ]);
    expect(await ids(ann)).toEqual([
      ['open_case', 'Open case'],
      ['open_form', 'Fill in: Applicant'],
      ['acknowledge', 'Acknowledge'],
      ['snooze', 'Remind me next working day'],
    ]);
  });

  it('in the language the person chose', async () => {
    const { ann } = await withReminders();
    await app.store.commitTurn({ conversation: 'x', expectedRev: 0, person: { key: 'ann', lang: 'zh-CN' } });
    const shown = await app.bot.presentReminder(ann);
    expect(shown).toMatchObject({ type: 'send', lang: 'zh-CN', messages: [{ type: 'reminder', text: expect.stringMatching(/^提醒：审查事项 RB-000001/) }] });
    expect(shown.type === 'send' && shown.messages[0]!.type === 'reminder' && shown.messages[0]!.actions.map((a) => a.label)).toEqual([
      '查看审查事项',
      '已知悉',
      '下一个工作日再提醒',
    ]);
  });

  it('a reminder that is no longer true is not delivered: moved, ended, reassigned', async () => {
    const { lee, ann } = await withReminders();
    const k = (await app.store.getCase(SUBMITTED.id))!;
    // The Office's notice ends the Art. 9 period: its reminders are stale.
    await app.store.saveCases({
      updates: [{ case: { ...k, clock: [...k.clock, { type: 'notice', on: '2026-03-12' }], updatedAt: 'u1' }, expectedUpdatedAt: k.updatedAt }],
    });
    expect(await app.bot.presentReminder(lee)).toEqual({ type: 'skip', reason: 'not_current' });
    const again = (await app.store.getCase(SUBMITTED.id))!;
    await app.store.saveCases({ updates: [{ case: { ...again, clock: SUBMITTED.clock, analyst: 'amy', updatedAt: 'u2' }, expectedUpdatedAt: 'u1' }] });
    expect(await app.bot.presentReminder(ann)).toEqual({ type: 'skip', reason: 'not_recipient' });
    expect(await app.bot.presentReminder(lee)).toMatchObject({ type: 'send' });
  });

  it('an unreadable row is skipped and logged, never shown', async () => {
    const lines: unknown[] = [];
    const c = loadConfig({ REVIEW_BOT_DB: ':memory:' });
    if (!c.ok) throw new Error(c.error);
    const logged = await createApp(c.value, {
      nlu: fakeNlu(),
      resolvePerson,
      clock: () => now,
      log: { info() {}, warn: (e, f) => lines.push([e, f]), error() {} },
    });
    expect(await logged.bot.presentReminder(stored({ ...deadlineRow({}), kind: 'nag' }, 7))).toEqual({ type: 'skip', reason: 'unreadable' });
    expect(lines).toEqual([['reminder.unreadable', { id: 7, kind: 'nag', problem: 'unknown kind', recipient: 'lee' }]]);
    await logged.close();
  });
});

describe('acknowledge', () => {
  it('the deadline reminds that person no more for that due date; the others still are', async () => {
    const { lee } = await withReminders();
    const r = await act('lee', 'acknowledge', { reminderId: lee.id, eventId: 'e1' });
    expect(textsOf(r)).toBe('Acknowledged: no more reminders to you about Office decides whether to review (Art. 9) of case RB-000001 due on 2026-03-16.');
    expect(r.settled).toEqual({
      note: 'Acknowledged',
      text: 'Reminder: case RB-000001, Office decides whether to review (Art. 9) is due on the next working day, 2026-03-16.',
    });
    const k = (await app.store.getCase(SUBMITTED.id))!;
    expect(k.acknowledgements).toEqual([{ kind: 'review_decision', due: '2026-03-16', by: 'lee', at: now.toISOString() }]);
    expect((await app.store.auditOf(k.id)).map((a) => [a.action, a.actor])).toEqual([['reminder.acknowledged', 'lee']]);
    // Monday 16 Mar (due today): only ann is reminded.
    expect(planCaseReminders(k, new Date('2026-03-16T01:30:00Z'), app.deadlines).map((x) => x.recipient)).toEqual(['ann']);
    expect(await app.bot.presentReminder(lee)).toEqual({ type: 'skip', reason: 'acknowledged' });
  });

  it('a repeated click does nothing; a second click says it was done already', async () => {
    const { lee } = await withReminders();
    await act('lee', 'acknowledge', { reminderId: lee.id, eventId: 'e1' });
    expect(await act('lee', 'acknowledge', { reminderId: lee.id, eventId: 'e1' })).toMatchObject({ duplicate: true, messages: [] });
    expect(textsOf(await act('lee', 'acknowledge', { reminderId: lee.id, eventId: 'e2' }))).toMatch(/^You had already acknowledged/);
    expect((await app.store.getCase(SUBMITTED.id))!.acknowledgements).toHaveLength(1);
    expect(await app.store.auditOf(SUBMITTED.id)).toHaveLength(1);
  });

  it.each([
    ["the analyst, on the lead's reminder", 'ann', 'This reminder was sent to someone else; only they can acknowledge or snooze it.'],
    // Someone who may not see the case is told what a reminder id that exists for nobody gets.
    ['someone from another team', 'rob', 'That reminder no longer exists.'],
  ])('refused: %s; nothing changes', async (_n, who, message) => {
    const { lee } = await withReminders();
    expect(await act(who, 'acknowledge', { reminderId: lee.id })).toMatchObject({ messages: [{ type: 'error', text: message }], settled: null });
    expect((await app.store.getCase(SUBMITTED.id))!.acknowledgements).toEqual([]);
  });

  it('refused: a lead who moved to another team, on their own reminder', async () => {
    const { lee } = await withReminders();
    PEOPLE.lee = aPerson('lee', ['requester', 'team_lead'], { team: 'ops' });
    try {
      expect(textsOf(await act('lee', 'acknowledge', { reminderId: lee.id }))).toBe('There is no case RB-000001 that you can see.');
    } finally {
      PEOPLE.lee = aPerson('lee', ['requester', 'team_lead'], { name: 'Lee Wei' });
    }
  });

  it.each([
    ['an unknown action', 'delete', { reminderId: 1 }, 'That button is not one this version of review-bot knows; nothing was changed.'],
    ['a reminder that does not exist', 'acknowledge', { reminderId: 99_999 }, 'That reminder no longer exists.'],
    ['no reminder and no case', 'acknowledge', {}, 'That reminder no longer exists.'],
    ['a notice, not a deadline reminder', 'acknowledge', { status: true }, 'Only a deadline reminder can be acknowledged or snoozed.'],
  ])('bad input: %s', async (_n, action, what, message) => {
    await withReminders();
    let more: { reminderId?: number } = what as { reminderId?: number };
    if ('status' in what) {
      await app.store.scheduleReminders([
        { dedupeKey: 's1', caseId: SUBMITTED.id, recipient: 'lee', kind: 'status_changed', dueAt: now.toISOString(), payload: { status: 'submitted' } },
      ]);
      more = { reminderId: (await app.store.pendingReminders('lee', '2100-01-01T00:00:00.000Z')).find((r) => r.kind === 'status_changed')!.id };
    }
    expect(await act('lee', action, more)).toMatchObject({ messages: [{ type: 'error', text: message }] });
    expect((await app.store.getCase(SUBMITTED.id))!.acknowledgements).toEqual([]);
  });
});

describe('snooze', () => {
  it('the same reminder again on the next working day at the same time; the regular reminder of that day is the same row', async () => {
    const { ann } = await withReminders(); // Fri 13 Mar, 16:00
    const r = await act('ann', 'snooze', { reminderId: ann.id, eventId: 's1' });
    expect(textsOf(r)).toBe('I will remind you again on 2026-03-16 at 16:00.');
    expect(r.settled?.note).toBe('Snoozed until 2026-03-16 16:00');
    const pending = (await app.store.pendingReminders('ann', '2100-01-01T00:00:00.000Z')).filter((x) => x.id !== ann.id);
    expect(pending).toEqual([
      expect.objectContaining({
        dedupeKey: 'deadline:RB-000001:review_decision:2026-03-16:2026-03-16:ann',
        dueAt: '2026-03-16T08:00:00.000Z',
        kind: 'deadline',
      }),
    ]);
    expect((await app.store.auditOf(SUBMITTED.id)).map((a) => [a.action, a.actor, a.after])).toEqual([
      ['reminder.snoozed', 'ann', { kind: 'review_decision', due: '2026-03-16', until: '2026-03-16T08:00:00.000Z' }],
    ]);
    // Monday's sweep plans the due-today reminder: ann's is the snoozed one, lee's is new.
    const monday = planCaseReminders(SUBMITTED, new Date('2026-03-16T01:30:00Z'), app.deadlines);
    expect(await app.store.scheduleReminders(monday)).toBe(1);
    // A repeated click is nothing; a later one on the same day ends on the same row.
    expect(await act('ann', 'snooze', { reminderId: ann.id, eventId: 's1' })).toMatchObject({ duplicate: true });
    await act('ann', 'snooze', { reminderId: ann.id, eventId: 's2' });
    expect((await app.store.pendingReminders('ann', '2100-01-01T00:00:00.000Z')).filter((x) => x.id !== ann.id)).toHaveLength(1);
  });

  it('delivered on Monday, the snoozed reminder says what is true then', async () => {
    const { ann } = await withReminders();
    await act('ann', 'snooze', { reminderId: ann.id });
    now = new Date('2026-03-16T08:00:00.000Z');
    const snoozed = (await app.store.pendingReminders('ann', '2100-01-01T00:00:00.000Z')).find((x) => x.id !== ann.id)!;
    expect(await app.bot.presentReminder(snoozed)).toMatchObject({
      type: 'send',
      messages: [{ text: 'Reminder: case RB-000001, Office decides whether to review (Art. 9) is due today, 2026-03-16.' }],
    });
  });

  it('refused once the deadline has ended, or by someone else', async () => {
    const { lee, ann } = await withReminders();
    expect(textsOf(await act('lee', 'snooze', { reminderId: ann.id }))).toBe('This reminder was sent to someone else; only they can acknowledge or snooze it.');
    const k = (await app.store.getCase(SUBMITTED.id))!;
    await app.store.saveCases({
      updates: [{ case: { ...k, clock: [...k.clock, { type: 'notice', on: '2026-03-12' }], updatedAt: 'u1' }, expectedUpdatedAt: k.updatedAt }],
    });
    expect(textsOf(await act('lee', 'snooze', { reminderId: lee.id }))).toBe(
      'Case RB-000001 no longer has Office decides whether to review (Art. 9) due on 2026-03-16; nothing to snooze.',
    );
    expect(await app.store.pendingReminders('lee', '2100-01-01T00:00:00.000Z')).toHaveLength(1);
  });
});

describe('open the case, open the next intake form', () => {
  it('the case view, privately, for someone who may see the case', async () => {
    const { lee } = await withReminders();
    expect(textsOf(await act('lee', 'open_case', { reminderId: lee.id }))).toMatch(/^RB-000001 · Review required · submitted to the Office\n/);
    expect(textsOf(await act('rob', 'open_case', { caseId: SUBMITTED.id }))).toBe('There is no case RB-000001 that you can see.');
  });

  it('a case reminder opens its own case, whatever case the click names', async () => {
    const { lee } = await withReminders();
    expect(textsOf(await act('lee', 'open_case', { reminderId: lee.id, caseId: 'RB-OTHER1' }))).toMatch(/^RB-000001 /);
  });

  it('the next unfinished intake section as a form, for the analyst while the case is open; refused otherwise', async () => {
    const open = aCase({ analyst: 'ann', intake: {} });
    const { ann, lee } = await withReminders(open, '2026-03-04');
    const r = await act('ann', 'open_form', { reminderId: ann.id });
    expect(r.messages).toEqual([expect.objectContaining({ type: 'form', form: expect.objectContaining({ id: 'applicant', caseId: open.id }) })]);
    expect(textsOf(await act('lee', 'open_form', { reminderId: lee.id }))).toBe('Your role does not allow that for case RB-000001.');
    const k = (await app.store.getCase(open.id))!;
    await app.store.saveCases({
      updates: [{ case: { ...k, status: 'submitted', clock: [{ type: 'submitted', on: '2026-03-03' }], updatedAt: 'u1' }, expectedUpdatedAt: k.updatedAt }],
    });
    expect(textsOf(await act('ann', 'open_form', { reminderId: ann.id }))).toMatch(/is submitted to the Office; that is possible only when it is/);
  });
});

describe('terminal users read their reminders in `review-bot cases`, worded as in chat', () => {
  it('pending reminders, stale and acknowledged ones left out', async () => {
    const { lee } = await withReminders();
    expect((await app.bot.pendingReminders('terminal', 'ann')).items.map((i) => i.text)).toEqual([
      'Reminder: case RB-000001, Office decides whether to review (Art. 9) is due on the next working day, 2026-03-16.',
    ]);
    await act('lee', 'acknowledge', { reminderId: lee.id });
    expect((await app.bot.pendingReminders('terminal', 'lee')).items).toEqual([]);
  });

  it('a deadline reminder row is what planning built', () => {
    const n = {
      deadline: { kind: 'review_decision' as const, due: '2026-03-16', basis: '', provisional: false, outerBound: false },
      when: 'overdue' as const,
      overdueBy: 3,
      day: '2026-03-17',
    };
    expect(deadlineReminder('RB-1', 'lee', n, 'at')).toEqual({
      dedupeKey: 'deadline:RB-1:review_decision:2026-03-16:2026-03-17:lee',
      caseId: 'RB-1',
      recipient: 'lee',
      kind: 'deadline',
      dueAt: 'at',
      payload: { kind: 'review_decision', due: '2026-03-16', when: 'overdue', overdueBy: 3, provisional: false, outerBound: false },
    });
  });
});

describe('typed in chat: "acknowledge RB-…" and "snooze RB-…" do what the buttons do', () => {
  const say = async (userId: string, text: string) =>
    (await app.bot.handle({ platform: 'terminal', userId, input: { type: 'text', text } })).messages.map((m) => ('text' in m ? m.text : m.type));

  it('acknowledge: no more reminders to that person about the deadline due soon (not the outer bounds months ahead); the others still are', async () => {
    const { lee } = await withReminders(); // Fri 13 Mar; Art. 9 due Mon 16 Mar
    expect(await say('lee', 'acknowledge RB-000001')).toEqual([
      'Acknowledged: no more reminders to you about Office decides whether to review (Art. 9) of case RB-000001 due on 2026-03-16.',
    ]);
    const k = (await app.store.getCase(SUBMITTED.id))!;
    expect(k.acknowledgements).toEqual([{ kind: 'review_decision', due: '2026-03-16', by: 'lee', at: now.toISOString() }]);
    expect((await app.store.auditOf(k.id)).map((a) => [a.action, a.actor])).toEqual([['reminder.acknowledged', 'lee']]);
    expect(planCaseReminders(k, new Date('2026-03-16T01:30:00Z'), app.deadlines).map((x) => x.recipient)).toEqual(['ann']);
    expect(await app.bot.presentReminder(lee)).toEqual({ type: 'skip', reason: 'acknowledged' });
    // Again: nothing is left to acknowledge, and nothing changes.
    expect(await say('lee', 'ack RB-000001')).toEqual([
      'No reminder about case RB-000001 is due for you now (overdue, or due within 3 working days); nothing to acknowledge.',
    ]);
    expect(await app.store.auditOf(k.id)).toHaveLength(1);
  });

  it('in Chinese', async () => {
    await withReminders();
    await app.store.commitTurn({ conversation: 'x', expectedRev: 0, person: { key: 'ann', lang: 'zh-CN' } });
    expect(await say('ann', '知悉 RB-000001')).toEqual([
      '已确认知悉：不再就审查事项 RB-000001 的“网络安全审查办公室决定是否审查（第九条）”（2026-03-16 到期）提醒您。',
    ]);
    expect(await say('ann', '稍后提醒 RB-000001')).toEqual(['目前没有发给您的审查事项 RB-000001 的提醒（已逾期或 3 个工作日内到期）；无需推迟。']);
  });

  it('snooze: the reminder again on the next working day at this time, the same row a button would write', async () => {
    const { ann } = await withReminders(); // Fri 13 Mar, 16:00 in Shanghai
    expect(await say('ann', 'snooze RB-000001')).toEqual(['I will remind you again on 2026-03-16 at 16:00.']);
    const pending = (await app.store.pendingReminders('ann', '2100-01-01T00:00:00.000Z')).filter((x) => x.id !== ann.id);
    expect(pending).toEqual([
      expect.objectContaining({
        dedupeKey: 'deadline:RB-000001:review_decision:2026-03-16:2026-03-16:ann',
        dueAt: '2026-03-16T08:00:00.000Z',
        kind: 'deadline',
      }),
    ]);
    expect((await app.store.auditOf(SUBMITTED.id)).map((a) => [a.action, a.actor, a.after])).toEqual([
      ['reminder.snoozed', 'ann', { kind: 'review_decision', due: '2026-03-16', until: '2026-03-16T08:00:00.000Z' }],
    ]);
    // The button on the same reminder ends on the same row.
    await act('ann', 'snooze', { reminderId: ann.id });
    expect((await app.store.pendingReminders('ann', '2100-01-01T00:00:00.000Z')).filter((x) => x.id !== ann.id)).toHaveLength(1);
    now = new Date('2026-03-16T08:00:00.000Z');
    expect(await app.bot.presentReminder(pending[0]!)).toMatchObject({
      type: 'send',
      messages: [{ text: 'Reminder: case RB-000001, Office decides whether to review (Art. 9) is due today, 2026-03-16.' }],
    });
  });

  it('with nothing due soon: says so and writes nothing', async () => {
    await withReminders();
    now = new Date('2026-03-09T08:00:00.000Z'); // Mon 9 Mar: Art. 9 due in 5 working days
    expect(await say('lee', 'snooze RB-000001')).toEqual([
      'No reminder about case RB-000001 is due for you now (overdue, or due within 3 working days); nothing to snooze.',
    ]);
    expect(await say('lee', 'acknowledge RB-000001')).toEqual([
      'No reminder about case RB-000001 is due for you now (overdue, or due within 3 working days); nothing to acknowledge.',
    ]);
    expect(await app.store.auditOf(SUBMITTED.id)).toEqual([]);
    expect((await app.store.getCase(SUBMITTED.id))!.acknowledgements).toEqual([]);
  });

  it.each([
    ['someone from another team', 'rob', 'acknowledge RB-000001', 'There is no case RB-000001 that you can see.'],
    [
      'the requester, while the case has a lead and an analyst',
      'alice',
      'snooze RB-000001',
      'You are not reminded of the deadlines of case RB-000001: its team lead and analyst are (its requester in place of either one it lacks).',
    ],
    ['a case that does not exist', 'lee', 'acknowledge RB-00000Z', 'There is no case RB-00000Z that you can see.'],
  ])('refused: %s; nothing changes', async (_n, who, text, message) => {
    await withReminders();
    expect(await say(who, text)).toEqual([message]);
    expect((await app.store.getCase(SUBMITTED.id))!.acknowledgements).toEqual([]);
    expect(await app.store.auditOf(SUBMITTED.id)).toEqual([]);
  });
});
