import { describe, expect, it } from 'vitest';
import type { Deadline } from '../../src/domain/deadlines.js';
import { digestItems, digestRecipient, isDigestDay, waitingOn, weekOf } from '../../src/domain/digest.js';
import { parseCaseCommand } from '../../src/domain/case-commands.js';
import { acknowledgeDeadline, isAcknowledged, mayActOnReminder, reminderRecipients, remindedDeadlines } from '../../src/domain/reminder-rules.js';
import { nextWorkingDayAt, shanghaiClock } from '../../src/domain/working-days.js';
import { packageCalendar as cal, withSynthetic2027 } from '../support/calendars.js';
import { aCase, aPerson } from '../support/fixtures.js';

describe('who is reminded: team lead and analyst, the requester in place of either one missing', () => {
  it.each([
    ['lead and analyst', { teamLead: 'lee', analyst: 'ann' }, ['lee', 'ann']],
    ['no analyst yet', { teamLead: 'lee', analyst: null }, ['lee', 'alice']],
    ['no team lead', { teamLead: null, analyst: 'ann' }, ['alice', 'ann']],
    ['neither: the requester, once', { teamLead: null, analyst: null }, ['alice']],
    ['the requester leads the team', { requester: 'lee', teamLead: 'lee', analyst: null }, ['lee']],
    ['the analyst is the lead', { teamLead: 'ann', analyst: 'ann' }, ['ann']],
  ] as const)('%s', (_name, over, expected) => {
    expect(reminderRecipients(aCase(over))).toEqual(expected);
  });
});

describe('acknowledging a deadline', () => {
  const now = new Date('2026-03-13T02:00:00.000Z');
  const k = aCase({ status: 'submitted', analyst: 'ann', clock: [{ type: 'submitted', on: '2026-03-02' }] });
  const art9 = { kind: 'review_decision', due: '2026-03-16' };

  it('records who acknowledged which due date, with an audit row; it is theirs alone', () => {
    const done = acknowledgeDeadline(k, art9, 'lee', now)!;
    expect(done.case.acknowledgements).toEqual([{ kind: 'review_decision', due: '2026-03-16', by: 'lee', at: '2026-03-13T02:00:00.000Z' }]);
    expect(done.case.updatedAt).toBe('2026-03-13T02:00:00.000Z');
    expect(done.audit).toEqual([{ caseId: k.id, at: '2026-03-13T02:00:00.000Z', actor: 'lee', action: 'reminder.acknowledged', before: null, after: art9 }]);
    expect(isAcknowledged(done.case, art9, 'lee')).toBe(true);
    expect(isAcknowledged(done.case, art9, 'ann')).toBe(false);
    expect(isAcknowledged(done.case, { ...art9, due: '2026-03-17' }, 'lee')).toBe(false); // a moved deadline is a new one
  });

  it('a second acknowledgement changes nothing', () => {
    const once = acknowledgeDeadline(k, art9, 'lee', now)!.case;
    expect(acknowledgeDeadline(once, art9, 'lee', now)).toBeNull();
  });

  it('only the recipient acts on a reminder, and only while they may see the case', () => {
    const lee = aPerson('lee', ['requester', 'team_lead']);
    expect(mayActOnReminder(lee, 'lee', k)).toBe(true);
    expect(mayActOnReminder(lee, 'ann', k)).toBe(false); // addressed to someone else
    expect(mayActOnReminder(aPerson('lee', ['requester', 'team_lead'], { team: 'ops' }), 'lee', k)).toBe(false); // moved to another team
  });
});

describe('typed in chat: the deadlines a person is reminded of', () => {
  // Fri 13 Mar 2026. Deadlines written out by hand, counted on the 2026 calendar.
  const dl = (kind: Deadline['kind'], due: string, outerBound = false): Deadline => ({ kind, due, basis: '', provisional: false, outerBound });
  const k = aCase({ status: 'submitted', analyst: 'ann' });
  const ack = { kind: 'review_decision', due: '2026-03-16', by: 'lee', at: 'x' };
  it.each([
    ['due on Mon 16 Mar: 1 working day left, in the window', 'lee', [dl('review_decision', '2026-03-16')], [], [['2026-03-16', 1, true]]],
    ['due on Wed 18 Mar: 3 left, the T-3 day', 'lee', [dl('review_decision', '2026-03-18')], [], [['2026-03-18', 3, true]]],
    ['due on Thu 19 Mar: 4 left, not yet', 'lee', [dl('review_decision', '2026-03-19')], [], [['2026-03-19', 4, false]]],
    ['due on Wed 11 Mar: 2 working days overdue', 'ann', [dl('review_decision', '2026-03-11')], [], [['2026-03-11', -2, true]]],
    [
      'an outer bound that passed is not one',
      'lee',
      [dl('preliminary_review', '2026-03-12', true), dl('review_decision', '2026-03-16')],
      [],
      [['2026-03-16', 1, true]],
    ],
    ['an outer bound ahead is one', 'lee', [dl('preliminary_review', '2026-04-01', true)], [], [['2026-04-01', 13, false]]],
    ['acknowledged by that person: gone', 'lee', [dl('review_decision', '2026-03-16')], [ack], []],
    ['acknowledged by someone else: still theirs', 'ann', [dl('review_decision', '2026-03-16')], [ack], [['2026-03-16', 1, true]]],
    ['someone who is not reminded of the case (the requester, with lead and analyst)', 'alice', [dl('review_decision', '2026-03-16')], [], []],
  ] as const)('%s', (_n, who, deadlines, acknowledgements, expected) => {
    const r = remindedDeadlines(cal, { ...k, acknowledgements: [...acknowledgements] }, deadlines, who, '2026-03-13');
    expect(r.ok && r.value.map((o) => [o.deadline.due, o.left, o.inReminderWindow])).toEqual(expected);
  });

  it.each([
    ['acknowledge RB-000001', 'acknowledge'],
    ['ack RB-000001', 'acknowledge'],
    ['知悉 RB-000001', 'acknowledge'],
    ['已知悉 RB-000001', 'acknowledge'],
    ['snooze RB-000001', 'snooze'],
    ['稍后提醒 RB-000001', 'snooze'],
    ['/snooze rb-000001', 'snooze'],
  ])('"%s" is the %s command', (text, type) => {
    expect(parseCaseCommand(text)).toEqual({ caseId: 'RB-000001', action: { type } });
  });

  it.each(['acknowledge RB-000001 please', 'snooze RB-000001 2026-03-20', 'snooze', 'acknowledge RB-1'])('"%s" is not one', (text) => {
    expect(parseCaseCommand(text)).toBeNull();
  });
});

describe('snooze: the same local time on the next working day', () => {
  it.each([
    ['Wed 15:40 -> Thu 15:40', '2026-03-11T07:40:00.000Z', '2026-03-12T07:40:00.000Z', false],
    ['Fri 16:00 -> Mon 16:00', '2026-03-13T08:00:00.000Z', '2026-03-16T08:00:00.000Z', false],
    ['Fri before Qingming -> Tue (Mon 6 Apr off)', '2026-04-03T01:30:00.000Z', '2026-04-07T01:30:00.000Z', false],
    ['Fri 13 Feb -> the makeup Sat 14 Feb', '2026-02-13T02:00:00.000Z', '2026-02-14T02:00:00.000Z', false],
    ['Sat 14 Feb (makeup) -> Tue 24 Feb after Spring Festival', '2026-02-14T02:00:00.000Z', '2026-02-24T02:00:00.000Z', false],
    ['late at night in Shanghai (UTC still the day before)', '2026-03-11T16:30:00.000Z', '2026-03-12T16:30:00.000Z', false], // Thu 12 Mar 00:30 -> Fri 13 Mar 00:30
    ['Thu 31 Dec 2026 -> Mon 4 Jan 2027, provisional', '2026-12-31T02:00:00.000Z', '2027-01-04T02:00:00.000Z', true],
  ])('%s', (_n, now, expected, provisional) => {
    const r = nextWorkingDayAt(cal, new Date(now));
    expect(r.ok && { at: r.value.at.toISOString(), provisional: r.value.provisional }).toEqual({ at: expected, provisional });
    expect(shanghaiClock(new Date(expected))).toBe(shanghaiClock(new Date(now)));
  });

  it('with the operator calendar for 2027 (SYNTHETIC, NOT OFFICIAL) the answer is no longer provisional', () => {
    const r = nextWorkingDayAt(withSynthetic2027(), new Date('2026-12-29T02:00:00.000Z'));
    expect(r.ok && r.value.provisional).toBe(false);
  });
});

describe('weekly digest: its day', () => {
  it.each([
    ['2026-03-16', true, 'an ordinary Monday'],
    ['2026-03-17', false, 'Tuesday'],
    ['2026-03-15', false, 'Sunday'],
    ['2026-04-06', false, 'Qingming Monday, a day off'],
    ['2026-04-07', true, 'the Tuesday after it'],
    ['2026-05-04', false, 'Labour Day Monday'],
    ['2026-05-06', true, 'Wednesday, the first working day of that week'],
    ['2026-10-08', true, 'Thursday after National Day'],
    ['2026-02-09', true, 'Monday before Spring Festival'],
    ['2026-02-14', false, 'the makeup Saturday of that week is not its first working day'],
    ['2026-02-16', false, 'Spring Festival week: no working day, no digest'],
    ['2026-02-24', true, 'Tuesday after Spring Festival'],
  ])('%s: %s (%s)', (day, expected) => {
    expect(isDigestDay(cal, day)).toEqual({ ok: true, value: expected });
  });

  it('weeks run Monday to Sunday', () => {
    expect([weekOf('2026-03-16'), weekOf('2026-03-22'), weekOf('2026-03-23'), weekOf('2026-03-01'), weekOf('2026-02-30')]).toEqual([
      '2026-03-16',
      '2026-03-16',
      '2026-03-23',
      '2026-02-23',
      null,
    ]);
  });
});

describe('weekly digest: its lines', () => {
  it.each([
    ['open, nobody assigned', aCase(), { type: 'assignment' }],
    ['in intake with its analyst', aCase({ status: 'intake', analyst: 'ann' }), { type: 'analyst', analyst: 'ann' }],
    ['ready, to be submitted by its analyst', aCase({ status: 'ready', analyst: 'ann' }), { type: 'analyst', analyst: 'ann' }],
    ['submitted: the Office', aCase({ status: 'submitted', analyst: 'ann', clock: [{ type: 'submitted', on: '2026-03-02' }] }), { type: 'office' }],
    [
      'submitted, materials requested (Art. 15)',
      aCase({
        status: 'submitted',
        analyst: 'ann',
        clock: [
          { type: 'submitted', on: '2026-03-02' },
          { type: 'supplement', on: '2026-03-05' },
        ],
      }),
      { type: 'supplement', since: '2026-03-05', analyst: 'ann' },
    ],
    [
      'the materials delivered: the Office again',
      aCase({
        status: 'submitted',
        analyst: 'ann',
        clock: [
          { type: 'submitted', on: '2026-03-02' },
          { type: 'supplement', on: '2026-03-05' },
          { type: 'supplied', on: '2026-03-09' },
        ],
      }),
      { type: 'office' },
    ],
  ])('waiting on: %s', (_n, k, expected) => {
    expect(waitingOn(k)).toEqual(expected);
  });

  it('the team lead gets a case, or its requester when it has no lead', () => {
    expect(digestRecipient(aCase())).toEqual({ recipient: 'lee', scope: 'team' });
    expect(digestRecipient(aCase({ teamLead: null }))).toEqual({ recipient: 'alice', scope: 'requested' });
  });

  it('overdue (outer bounds that passed are not), and due from today to Sunday', () => {
    const d = (kind: Deadline['kind'], due: string, outerBound = false): Deadline => ({ kind, due, basis: '', provisional: false, outerBound });
    const k = aCase({ status: 'submitted', analyst: 'ann', clock: [{ type: 'submitted', on: '2026-03-02' }] });
    const r = digestItems(
      cal,
      k,
      [
        d('intake_target', '2026-03-09'), // overdue: 10, 11, 12, 13, 16 Mar
        d('review_decision', '2026-03-20'), // Friday this week
        d('preliminary_review', '2026-03-13', true), // an outer bound that passed
        d('members_reply', '2026-03-22', true), // Sunday: still this week
        d('special_review', '2026-03-23'), // next Monday
      ],
      '2026-03-16',
    );
    const item = { caseId: k.id, provisional: false, waiting: { type: 'office' } };
    expect(r).toEqual({
      ok: true,
      value: {
        overdue: [{ ...item, kind: 'intake_target', due: '2026-03-09', outerBound: false, overdueBy: 5 }],
        dueThisWeek: [
          { ...item, kind: 'review_decision', due: '2026-03-20', outerBound: false, overdueBy: 0 },
          { ...item, kind: 'members_reply', due: '2026-03-22', outerBound: true, overdueBy: 0 },
        ],
      },
    });
  });
});
