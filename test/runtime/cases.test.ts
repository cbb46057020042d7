import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Outbound } from '../../src/engine/index.js';
import { silentLogger, type ResolvePerson } from '../../src/runtime/index.js';
import { fakeNlu } from '../support/fake-nlu.js';

const config = () => { const c = loadConfig({ REVIEW_BOT_DB: ':memory:' }); if (!c.ok) throw new Error(c.error); return c.value; };
// alice requests, ann analyses, rob is another requester.
const people: ResolvePerson = (_platform, userId) => ({
  key: userId, name: userId, team: 'it', teamLead: 'lee', lang: null,
  roles: userId === 'ann' ? ['analyst'] : ['requester'],
});
let app: App;
afterEach(async () => app?.close());
const say = async (user: string, text: string) => (await app.bot.handle({ platform: 'terminal', userId: user, input: { type: 'text', text } })).messages;
const texts = (out: Outbound[]) => out.map((m) => ('text' in m ? m.text : '')).join('\n');

async function openCase(): Promise<string> {
  let out: Outbound[] = [];
  for (const line of ['review', 'purchase', 'hpc_servers', 'yes', 'yes']) out = await say('alice', line);
  return (out.find((m) => m.type === 'decision') as { caseId: string }).caseId;
}

describe('case commands in chat', () => {
  it('an analyst takes a case through intake, submission and outcome; the requester is notified of each status', async () => {
    app = await createApp(config(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => new Date('2026-03-02T02:00:00Z') });
    const id = await openCase();
    expect(texts(await say('ann', `assign ${id} me`))).toMatch(/analyst is now ann/);
    const first = await say('ann', `intake ${id}`);
    expect(first.at(-1)).toMatchObject({ type: 'question', step: 'applicant_org' });
    await say('ann', 'Example Grid Co.');
    // Saved field by field on the case, before the section is finished.
    expect((await app.store.getCase(id))?.intake.declaration).toEqual({ applicant_org: 'Example Grid Co.' });
    expect((await app.store.getCase(id))?.status).toBe('intake');
    expect(texts(await say('ann', `submitted ${id} 2026-03-02`))).toMatch(/possible only when it is ready/);
    expect(texts(await say('ann', `ready ${id}`))).toMatch(/in intake → ready to submit/);
    expect(texts(await say('ann', `submitted ${id} 2026-02-30`))).toMatch(/is not a date/);
    expect(texts(await say('ann', `submitted ${id} 2026-03-02`))).toMatch(/ready to submit → submitted to the Office/);
    expect(texts(await say('ann', `show ${id}`))).toMatch(/Office decides whether to review \(Art\. 9\): 2026-03-16 — 0 of 10 working days used, 10 left/);
    expect(texts(await say('ann', `outcome ${id} passed review`))).toMatch(/submitted to the Office → decided by the Office/);
    expect(texts(await say('alice', `withdraw ${id}`))).toMatch(/possible only when/);
    const notices = await app.store.pendingReminders('alice', '2100-01-01T00:00:00.000Z');
    expect(notices.map((n) => (n.payload as { status: string }).status)).toEqual(['intake', 'ready', 'submitted', 'decided']);
    const audit = await app.store.auditOf(id);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['case.open', 'case.assign', 'intake.declaration.applicant_org', 'case.status', 'case.clock', 'case.authority_outcome']));
  });

  it('a requester may not assign or record outcomes, and cannot see another requester\'s case', async () => {
    app = await createApp(config(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => new Date('2026-03-02T02:00:00Z') });
    const id = await openCase();
    expect(texts(await say('alice', `assign ${id} alice`))).toMatch(/does not allow/);
    expect(texts(await say('rob', `show ${id}`))).toMatch(/does not allow/);
    expect(texts(await say('alice', `show ${id}`))).toMatch(new RegExp(id));
    expect(texts(await say('alice', 'show RB-ZZZZZZ'))).toMatch(/no case RB-ZZZZZZ/);
    expect((await app.store.getCase(id))?.analyst).toBeNull();
  });

  it('commands work in Chinese', async () => {
    app = await createApp(config(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => new Date('2026-03-02T02:00:00Z') });
    const id = await openCase();
    expect(texts(await say('alice', `撤回 ${id}`))).toMatch(/已撤回|withdrawn/);
    expect((await app.store.getCase(id))?.status).toBe('withdrawn');
  });
});

describe('the review clock in chat', () => {
  // Submitted Mon 2 Mar 2026; the notice on Wed 4 Mar; supplementary materials asked for on Mon 9
  // Mar and delivered on Thu 12 Mar (10, 11, 12 Mar paused); today is Fri 13 Mar.
  const at = (day: string) => new Date(`${day}T02:00:00Z`);
  let today = at('2026-03-02');
  const submittedCase = async () => {
    const id = await openCase();
    await say('ann', `assign ${id} me`);
    await say('ann', `ready ${id}`);
    await say('ann', `submitted ${id} 2026-03-02`);
    return id;
  };

  it('an analyst records notice, supplement and supplied; each is audited, the requester told; show says which period runs', async () => {
    app = await createApp(config(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => today });
    const id = await submittedCase();
    today = at('2026-03-13');
    expect(texts(await say('alice', `notice ${id} 2026-03-04`))).toMatch(/does not allow/); // requesters may not
    expect(texts(await say('ann', `notice ${id} 2026-03-01`))).toBe('The date 2026-03-01 is before complete materials received by the Office (2026-03-02).');
    expect(texts(await say('ann', `notice ${id} 2026-03-04`))).toBe(`Case ${id}: the Office's written notice recorded (2026-03-04).`);
    expect(texts(await say('ann', `supplied ${id} 2026-03-12`))).toBe(`No supplementary materials are outstanding for case ${id}.`);
    expect(texts(await say('ann', `supplement ${id} 2026-03-09`))).toMatch(/supplementary materials requested recorded \(2026-03-09\)/);
    const paused = texts(await say('ann', `show ${id}`));
    expect(paused).toMatch(/paused since 2026-03-09/);
    // 5, 6, 9 Mar used before the request
    expect(paused).toMatch(/Preliminary review \(Art\. 11\): no date while the clock is paused — paused: 3 of 30 working days used, 27 left/);
    expect(texts(await say('ann', `supplied ${id} 2026-03-12`))).toMatch(/supplementary materials delivered recorded/);
    const shown = texts(await say('alice', `show ${id}`));
    // 30 from 4 Mar without the pause: 16 Apr (see the pack test); 3 paused days move it to 21 Apr (17, 20, 21 Apr).
    expect(shown).toMatch(/Review clock: Preliminary review \(Art\. 11\) runs now\./);
    expect(shown).toMatch(/Preliminary review \(Art\. 11\): 2026-04-21 — 4 of 30 working days used, 26 left/); // 5, 6, 9, 13 Mar
    expect(shown).toMatch(/Office decides whether to review \(Art\. 9\): 2026-03-16 — over/);
    const notices = (await app.store.pendingReminders('alice', '2100-01-01T00:00:00.000Z')).filter((n) => n.kind === 'clock_event');
    expect(notices.map((n) => (n.payload as { event: string }).event)).toEqual(['notice', 'supplement', 'supplied']);
    // As delivered to alice (the requester: she may open the case, not the intake form), and as read in Chinese.
    expect(await app.bot.presentReminder(notices[2]!)).toEqual({
      type: 'send', lang: 'en', messages: [{
        type: 'reminder', text: `Case ${id}: supplementary materials delivered recorded (2026-03-12). Next deadline: Preliminary review (Art. 11), 2026-04-21.`,
        actions: [{ id: 'open_case', label: 'Open case', caseId: id, reminderId: notices[2]!.id }],
      }],
    });
    const { readReminder, reminderText } = await import('../../src/runtime/index.js');
    const read = readReminder(notices[1]!);
    if (!read.ok) throw new Error(read.error.problem);
    expect(reminderText(read.value, { lang: 'zh-CN', today: '2026-03-12', calendar: app.deadlines.calendar, nameOf: (k) => k }))
      .toBe(`审查事项 ${id}：已记录“要求补充材料”（2026-03-09）。补充材料送达前，审查计时暂停。`);
    const audit = (await app.store.auditOf(id)).filter((a) => a.action === 'case.clock').map((a) => a.after);
    expect(audit).toEqual([
      { type: 'submitted', on: '2026-03-02' }, { type: 'notice', on: '2026-03-04' }, { type: 'supplement', on: '2026-03-09' }, { type: 'supplied', on: '2026-03-12' },
    ]);
    // The case remembers what it announced, so the daily sweep does not announce it again.
    expect((await app.store.getCase(id))?.announcedDeadlines?.[0]).toEqual({ kind: 'preliminary_review', due: '2026-04-21', provisional: false });
  });

  it('in Chinese: 书面通知, 情况复杂, 特别审查', async () => {
    today = at('2026-03-02');
    app = await createApp(config(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => today });
    const id = await submittedCase();
    today = at('2026-03-13');
    expect(texts(await say('ann', `情况复杂 ${id}`))).toMatch(/网络安全审查办公室书面通知|Record the Office's written notice/);
    await say('ann', `书面通知 ${id} 2026-03-04`);
    await say('ann', `情况复杂 ${id}`);
    expect((await app.store.getCase(id))?.clock.map((e) => e.type)).toEqual(['submitted', 'notice', 'complex']);
    await say('ann', `特别审查 ${id} 2026-03-13`);
    expect((await app.store.getCase(id))?.clock.at(-1)).toEqual({ type: 'special', on: '2026-03-13' });
  });
});

describe('a calendar that arrives re-dates the case, and a comment in between does not hide the move', () => {
  it('submitted Mon 14 Dec 2026; the operator adds a (SYNTHETIC, NOT OFFICIAL) 2027 calendar; the sweep tells all three', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { planDueReminders } = await import('../../src/scheduler/index.js');
    const { SYNTHETIC_2027_FILE } = await import('../support/calendars.js');
    const db = join(mkdtempSync(join(tmpdir(), 'rb-redate-')), 'db.sqlite');
    const withDb = (env: Record<string, string> = {}) => { const c = loadConfig({ REVIEW_BOT_DB: db, ...env }); if (!c.ok) throw new Error(c.error); return c.value; };
    const dec14 = new Date('2026-12-14T02:00:00Z');
    app = await createApp(withDb(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => dec14 });
    const id = await openCase();
    await say('ann', `assign ${id} me`);
    await say('ann', `ready ${id}`);
    await say('ann', `submitted ${id} 2026-12-14`);
    // 15–18, 21–25, 28 Dec: provisional, the end of December waits for the 2027 notice.
    expect(texts(await say('ann', `show ${id}`))).toMatch(/Office decides whether to review \(Art\. 9\): 2026-12-28 \(provisional\)/);
    await app.close();

    app = await createApp(withDb({ REVIEW_BOT_CALENDAR: SYNTHETIC_2027_FILE }), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => dec14 });
    // Sat 26 Dec 2026 works in the synthetic file: the 10th working day is now Sat 26 Dec, exact.
    expect(texts(await say('alice', `show ${id}`))).toMatch(/Office decides whether to review \(Art\. 9\): 2026-12-26 — 0 of 10/);
    await say('alice', `comment ${id} waiting for the Office`);
    await planDueReminders({ store: app.store, deadlines: app.deadlines, log: silentLogger }, new Date('2026-12-15T01:30:00Z'));
    for (const person of ['alice', 'lee', 'ann']) {
      const moved = (await app.store.pendingReminders(person, '2100-01-01T00:00:00.000Z')).filter((r) => r.kind === 'deadline_moved');
      expect(moved.map((r) => r.payload)).toContainEqual({ kind: 'review_decision', from: '2026-12-28', to: '2026-12-26', wasProvisional: true, provisional: false });
    }
  });
});

describe('intake forms', () => {
  it('saves the valid fields, reports the invalid ones per field, and offers the next section', async () => {
    app = await createApp(config(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => new Date('2026-03-02T02:00:00Z') });
    const id = await openCase();
    const opened = await app.bot.openForm({ platform: 'terminal', userId: 'ann', caseId: id, form: 'declaration' });
    expect(opened.ok && opened.form.fields.map((f) => f.id).slice(0, 3)).toEqual(['applicant_org', 'contact', 'product']);
    const bad = await app.bot.submitForm({ platform: 'terminal', userId: 'ann', caseId: id, form: 'declaration',
      values: { applicant_org: 'Example Grid', quantity: 'twenty', planned_purchase_date: '2026-02-30' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['planned_purchase_date', 'quantity']);
    expect((await app.store.getCase(id))?.intake.declaration).toEqual({ applicant_org: 'Example Grid' });
    // The first saved field starts the intake, through the lifecycle: audit row and a notice to the requester.
    expect((await app.store.getCase(id))?.status).toBe('intake');
    expect((await app.store.auditOf(id)).filter((a) => a.action === 'case.status').map((a) => [a.before, a.after])).toEqual([['open', 'intake']]);
    expect((await app.store.pendingReminders('alice', '2100-01-01T00:00:00.000Z')).map((n) => n.payload)).toEqual([{ status: 'intake' }]);
    const values = { applicant_org: 'Example Grid', contact: 'Wang, 010-1234', product: 'servers', supplier: 'Inspur', supplier_country: 'China',
      quantity: '20', contract_amount: '1,200,000', cii_system: 'dispatch', deployment: 'DC1', data_involved: 'grid data', planned_purchase_date: '2026-04-01' };
    const good = await app.bot.submitForm({ platform: 'terminal', userId: 'ann', caseId: id, form: 'declaration', values });
    expect(good).toMatchObject({ ok: true, next: { id: 'risk' } });
    expect((await app.store.getCase(id))?.intake.declaration).toMatchObject({ quantity: 20, contract_amount: 1200000 });
  });

  it('a requester cannot open the intake form', async () => {
    app = await createApp(config(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => new Date('2026-03-02T02:00:00Z') });
    const id = await openCase();
    expect(await app.bot.openForm({ platform: 'terminal', userId: 'alice', caseId: id, form: 'declaration' })).toMatchObject({ ok: false });
  });
});
