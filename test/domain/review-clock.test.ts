import { describe, expect, it } from 'vitest';
import type { CaseRecord, ClockEvent } from '../../src/domain/case.js';
import { caseClock, deriveDeadlines, describeCaseClock, type DeadlineOnDay } from '../../src/domain/deadlines.js';
import { clockOnDay, reviewClock } from '../../src/domain/review-clock.js';
import { packageCalendar, settingsWith, withSynthetic2027 } from '../support/calendars.js';

// The review clock of the 2022 Measures (domain.md §8) on 2027 dates. `synthetic` is the package
// calendar with test/fixtures/synthetic-calendar-2027.yaml over it: an INVENTED, NOT OFFICIAL
// 2027 arrangement (Spring Festival off Fri 5 – Thu 11 Feb, Sat 13 Feb works; Qingming 3–5 Apr;
// Labour Day 1–5 May, Sun 25 Apr and Sat 8 May work; Sat 26 Dec 2026 works). Every expected date
// below was counted by hand on a printed calendar.
const synthetic = settingsWith(withSynthetic2027());
const provisional = settingsWith(packageCalendar);

const kase = (clock: ClockEvent[]): CaseRecord => ({
  id: 'RB-000001',
  createdAt: '2026-12-01T02:00:00.000Z',
  updatedAt: '2026-12-01T02:00:00.000Z',
  status: 'submitted',
  requester: 'alice',
  team: 'it',
  teamLead: 'lee',
  analyst: 'ann',
  lang: 'en',
  summary: '',
  triage: { answers: {}, outcome: 'required', reasons: [] },
  intake: {},
  clock,
  announcedDeadlines: null,
  acknowledgements: [],
  authorityOutcome: null,
  warnings: [],
  countersign: null,
});
const dated = (events: ClockEvent[], settings = synthetic) => {
  const r = deriveDeadlines(kase(events), settings);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
const dues = (events: ClockEvent[], settings = synthetic) =>
  dated(events, settings).deadlines.map((d) => [d.kind, d.due, d.outerBound ? 'outer' : 'exact', d.provisional ? 'provisional' : 'official']);
const onDay = (events: ClockEvent[], today: string, settings = synthetic) => {
  const r = caseClock(kase(events), settings, today);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
const item = (c: { items: DeadlineOnDay[] }, kind: string) => c.items.find((i) => i.kind === kind)!;

const SUBMITTED: ClockEvent = { type: 'submitted', on: '2027-01-04' }; // Mon 4 Jan 2027
const NOTICE: ClockEvent = { type: 'notice', on: '2027-01-14' }; // Thu 14 Jan, before the Art. 9 due date

describe('Art. 9 and Art. 11: from the notice date, not from the Art. 9 due date', () => {
  it('submitted only: Art. 9 is exact, the rest are outer bounds counted from the Art. 9 due date', () => {
    expect(dues([SUBMITTED]).slice(0, 2)).toEqual([
      ['review_decision', '2027-01-18', 'exact', 'official'], // 5–8, 11–15, 18 Jan
      // 30 from 18 Jan: 19–22, 25–29 Jan, 1–4 Feb, Fri 12 and Sat 13 Feb (makeup), 15–19, 22–26 Feb, 1–5 Mar
      ['preliminary_review', '2027-03-05', 'outer', 'official'],
    ]);
  });

  it('with the notice on 14 Jan: Art. 11 runs 30 working days from it, exact; Art. 9 is over', () => {
    expect(dues([SUBMITTED, NOTICE]).slice(0, 2)).toEqual([
      // 15, 18–22, 25–29 Jan, 1–4 Feb, 12, Sat 13 Feb, 15–19, 22–26 Feb, 1–3 Mar
      ['preliminary_review', '2027-03-03', 'exact', 'official'],
      ['members_reply', '2027-03-24', 'outer', 'official'], // Art. 12: 4, 5, 8–12, 15–19, 22–24 Mar
    ]);
    expect(item(onDay([SUBMITTED, NOTICE], '2027-01-15'), 'review_decision').state).toBe('done');
  });

  it('complex: +15 to the preliminary review, and Art. 12 moves with it', () => {
    const complex: ClockEvent = { type: 'complex', on: '2027-02-01' };
    expect(dues([SUBMITTED, NOTICE, complex]).slice(0, 2)).toEqual([
      ['preliminary_review', '2027-03-24', 'exact', 'official'], // 45: on from 3 Mar, 4, 5, 8–12, 15–19, 22–24 Mar
      ['members_reply', '2027-04-15', 'outer', 'official'], // 25, 26, 29–31 Mar, 1, 2 Apr, (3–5 Apr off) 6–9, 12–15 Apr
    ]);
    expect(dated([SUBMITTED, NOTICE, complex]).deadlines[0]!.basis).toBe('Cybersecurity Review Measures (2022) Art. 11 (+15, complex)');
  });

  it('special review recorded: 90 working days from its date, exact; Arts. 11 and 12 are over', () => {
    const special: ClockEvent = { type: 'special', on: '2027-04-20' }; // Tue 20 Apr
    // 21–23, Sun 25, 26–30 Apr (9); 6, 7, Sat 8, 10–14, 17–21, 24–28, 31 May (28); 1–4, 7, 8, 10, 11,
    // 14–18, 21–25, 28–30 Jun (49); 1, 2, 5–9, 12–16, 19–23, 26–30 Jul (71); 2–6, 9–13, 16–20, 23–26 Aug (90)
    expect(dues([SUBMITTED, NOTICE, special])).toEqual([['special_review', '2027-08-26', 'exact', 'official']]);
    const c = onDay([SUBMITTED, NOTICE, special], '2027-04-21');
    expect(c.items.map((i) => [i.kind, i.state])).toEqual([
      ['review_decision', 'done'],
      ['preliminary_review', 'done'],
      ['members_reply', 'done'],
      ['special_review', 'running'],
    ]);
    expect(c.current).toBe('special_review');
    expect([item(c, 'special_review').used, item(c, 'special_review').left]).toEqual([1, 89]);
  });
});

describe('Art. 15: supplementary materials pause the clock', () => {
  const supplement: ClockEvent = { type: 'supplement', on: '2027-02-03' }; // Wed 3 Feb
  const supplied: ClockEvent = { type: 'supplied', on: '2027-02-16' }; // Tue 16 Feb

  it('a pause spanning Spring Festival moves every later deadline by its working days (4, 12, Sat 13, 15, 16 Feb = 5)', () => {
    const d = dated([SUBMITTED, NOTICE, supplement, supplied]).deadlines;
    // 14 used by 3 Feb (15, 18–22, 25–29 Jan, 1–3 Feb); the other 16 from 16 Feb: 17–19, 22–26 Feb, 1–5, 8–10 Mar
    expect(d[0]).toMatchObject({ kind: 'preliminary_review', due: '2027-03-10', basis: 'Cybersecurity Review Measures (2022) Art. 11 (+5 paused, Art. 15)' });
    expect(d[1]).toMatchObject({ kind: 'members_reply', due: '2027-03-31' }); // 11, 12, 15–19, 22–26, 29–31 Mar
  });

  it('while the supplement is open the period has no date: it shows days used and left, paused', () => {
    const events = [SUBMITTED, NOTICE, supplement];
    expect(dated(events).deadlines).toEqual([]);
    expect(dated(events).undated.map((u) => [u.kind, u.pausedSince])).toEqual([
      ['preliminary_review', '2027-02-03'],
      ['members_reply', '2027-02-03'],
      ['special_review', '2027-02-03'],
    ]);
    const c = onDay(events, '2027-02-10');
    expect(c.pausedSince).toBe('2027-02-03');
    expect(c.current).toBe('preliminary_review');
    expect(item(c, 'preliminary_review')).toMatchObject({ state: 'paused', due: null, used: 14, left: 16 });
  });

  it('a pause during the Art. 9 period moves the Art. 9 date (Fri 8 Jan to Wed 13 Jan: 11–13 Jan)', () => {
    const d = dated([SUBMITTED, { type: 'supplement', on: '2027-01-08' }, { type: 'supplied', on: '2027-01-13' }]).deadlines;
    expect(d[0]).toMatchObject({ kind: 'review_decision', due: '2027-01-21' }); // 5–8 Jan used; 14, 15, 18–21 Jan
  });

  it('a pause that ends before a period starts leaves it alone', () => {
    const early = [SUBMITTED, { type: 'supplement', on: '2027-01-05' }, { type: 'supplied', on: '2027-01-06' }] as ClockEvent[];
    // Art. 9 moves by one (6 Jan) to 19 Jan; a notice on 20 Jan then counts 30 from 20 Jan untouched.
    expect(dated(early).deadlines[0]).toMatchObject({ kind: 'review_decision', due: '2027-01-19' });
    const withNotice = dated([...early, { type: 'notice', on: '2027-01-20' }]).deadlines;
    // 21, 22, 25–29 Jan (7), 1–4 Feb (11), 12, Sat 13 (13), 15–19, 22–26 Feb (23), 1–5 (28), 8, 9 Mar (30)
    expect(withNotice[0]).toMatchObject({ kind: 'preliminary_review', due: '2027-03-09', basis: 'Cybersecurity Review Measures (2022) Art. 11' });
  });
});

describe('the file is honoured exactly; without it the same case is provisional', () => {
  it('Art. 11 from 14 Jan: 3 Mar with the file, 1 Mar provisionally (only 5–8 Feb off, no makeup Saturday)', () => {
    expect(dues([SUBMITTED, NOTICE], synthetic)[0]).toEqual(['preliminary_review', '2027-03-03', 'exact', 'official']);
    // 15, 18–22, 25–29 Jan, 1–4, 9–12, 15–19, 22–26 Feb, 1 Mar
    expect(dues([SUBMITTED, NOTICE], provisional)[0]).toEqual(['preliminary_review', '2027-03-01', 'exact', 'provisional']);
  });

  it('year end: submitted Mon 14 Dec 2026, Art. 9 falls after 24 December', () => {
    const events: ClockEvent[] = [{ type: 'submitted', on: '2026-12-14' }];
    // 15–18, 21–24 (8), Fri 25 (9): with the file, Sat 26 Dec is a makeup workday, settled by the 2027 notice
    expect(dues(events, synthetic)[0]).toEqual(['review_decision', '2026-12-26', 'exact', 'official']);
    // without it the end of December waits for that notice: Mon 28 Dec, provisional
    expect(dues(events, provisional)[0]).toEqual(['review_decision', '2026-12-28', 'exact', 'provisional']);
  });
});

describe('the clock on a day', () => {
  it('which period runs, with working days used and left, outer bounds said as such', () => {
    const c = onDay([SUBMITTED], '2027-01-11');
    expect(c.current).toBe('review_decision');
    expect(item(c, 'review_decision')).toMatchObject({ state: 'running', used: 5, left: 5 }); // 5–8, 11 Jan used; 12–15, 18 left
    expect(c.items.map((i) => i.state)).toEqual(['running', 'upcoming', 'upcoming', 'if_started']);
    expect(describeCaseClock('en', c)).toEqual([
      'Review clock: Office decides whether to review (Art. 9) runs now.',
      '- Office decides whether to review (Art. 9): 2027-01-18 — 5 of 10 working days used, 5 left',
      '- Preliminary review (Art. 11): by 2027-03-05 at the latest (outer bound) — not started yet',
      "- Members' replies to the draft conclusion (Art. 12): by 2027-03-26 at the latest (outer bound) — not started yet",
      // 90 after 26 Mar: 29 Mar–2 Apr (5), 6–9, 12–16, 19–23, Sun 25, 26–30 Apr (25), 6, 7, Sat 8, 10–14,
      // 17–21, 24–28, 31 May (44), 1–4, 7, 8, 10, 11, 14–18, 21–25, 28–30 Jun (65), Jul (87), 2–4 Aug (90)
      '- Special review, if started (Art. 14): by 2027-08-04 at the latest (outer bound) — only if a special review is started',
    ]);
  });

  it('Art. 9 overdue when no notice is recorded; Art. 11 ended and Art. 12 running after its date', () => {
    expect(item(onDay([SUBMITTED], '2027-01-20'), 'review_decision')).toMatchObject({ state: 'overdue', left: -2 });
    const later = onDay([SUBMITTED, NOTICE], '2027-03-04');
    expect(later.items.map((i) => i.state)).toEqual(['done', 'ended', 'running', 'if_started']);
    expect(later.current).toBe('members_reply');
  });

  it('provisional dates are marked, in both languages', () => {
    const c = onDay([SUBMITTED, NOTICE], '2027-01-15', provisional);
    const en = describeCaseClock('en', c);
    expect(en[2]).toBe('- Preliminary review (Art. 11): 2027-03-01 (provisional) — 1 of 30 working days used, 29 left');
    expect(en.at(-1)).toMatch(/^Provisional: no official holiday calendar covers these dates yet/);
    const zh = describeCaseClock('zh-CN', c);
    expect(zh[2]).toBe('- 初步审查（第十一条）：2027-03-01（暂定）——已用 1 个工作日（共 30 个），剩余 29 个');
    expect(zh.at(-1)).toMatch(/^暂定：/);
  });

  it('paused, in both languages', () => {
    const c = onDay([SUBMITTED, NOTICE, { type: 'supplement', on: '2027-02-03' }], '2027-02-10');
    expect(describeCaseClock('en', c)[0]).toBe(
      'Review clock: paused since 2027-02-03 while supplementary materials are prepared (Art. 15); Preliminary review (Art. 11) goes on when they are delivered.',
    );
    expect(describeCaseClock('en', c)[2]).toBe(
      '- Preliminary review (Art. 11): no date while the clock is paused — paused: 14 of 30 working days used, 16 left',
    );
    expect(describeCaseClock('zh-CN', c)[0]).toBe('审查时限：自 2027-02-03 起因补充材料暂停计时（第十五条）；材料送达后初步审查（第十一条）继续计时。');
  });

  it('no events: no clock; a malformed event date is an error', () => {
    expect(reviewClock(synthetic.calendar, [])).toEqual({ ok: true, value: { periods: [], pauses: [], complex: false } });
    expect(reviewClock(synthetic.calendar, [{ type: 'submitted', on: '2027-02-30' }])).toMatchObject({ ok: false, error: { type: 'invalid_date' } });
    const clock = reviewClock(synthetic.calendar, [SUBMITTED]);
    expect(clock.ok && clockOnDay(synthetic.calendar, clock.value, 'soon')).toMatchObject({ ok: false, error: { type: 'invalid_date' } });
  });
});
