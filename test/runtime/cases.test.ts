import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Outbound } from '../../src/engine/index.js';
import { silentLogger, type ResolvePerson } from '../../src/runtime/index.js';
import { fakeNlu } from '../support/fake-nlu.js';
import { memoryConfig } from '../support/fixtures.js';

// alice requests, ann analyses, rob is another requester.
const people: ResolvePerson = (_platform, userId) => ({
  key: userId,
  name: userId,
  team: 'it',
  teamLead: 'lee',
  lang: null,
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
    app = await createApp(memoryConfig(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => new Date('2026-03-02T02:00:00Z') });
    const id = await openCase();
    expect(texts(await say('ann', `assign ${id} me`))).toMatch(/analyst is now ann/);
    const first = await say('ann', `intake ${id}`);
    expect(first.at(-1)).toMatchObject({ type: 'question', step: 'legal_name' });
    await say('ann', 'Example Grid Co.');
    // Saved field by field on the case, before the section is finished.
    expect((await app.store.getCase(id))?.intake.applicant).toEqual({ legal_name: 'Example Grid Co.' });
    expect((await app.store.getCase(id))?.status).toBe('intake');
    expect(texts(await say('ann', `submitted ${id} 2026-03-02`))).toMatch(/possible only when it is ready/);
    // Not ready while the intake lacks anything; ready anyway only with a reason, which the audit keeps.
    const refused = texts(await say('ann', `ready ${id}`));
    expect(refused).toMatch(/is not ready: its intake still lacks \d+ item\(s\):\n- Applicant: Unified social credit code\n/);
    expect((await app.store.getCase(id))?.status).toBe('intake');
    expect(texts(await say('ann', `ready ${id} anyway`))).toMatch(/needs a reason/);
    // Anything else after the case id is no reason: refused with how it is typed, and the case stays as it was.
    expect(texts(await say('ann', `ready ${id} soon`))).toMatch(new RegExp(`with parts still missing: "ready ${id} anyway <reason>"`));
    expect((await app.store.getCase(id))?.status).toBe('intake');
    expect(texts(await say('ann', `ready ${id} anyway the Office asked for an early filing`))).toMatch(
      /in intake → ready to submit\. Marked ready with \d+ item\(s\) still missing/,
    );
    const override = (await app.store.auditOf(id)).find((a) => a.action === 'case.ready_override');
    expect(override?.after).toBe('the Office asked for an early filing');
    expect(override?.before).toEqual(expect.arrayContaining(['Applicant: Unified social credit code']));
    expect(texts(await say('ann', `submitted ${id} 2026-02-30`))).toMatch(/is not a date/);
    expect(texts(await say('ann', `submitted ${id} 2026-03-02`))).toMatch(/ready to submit → submitted to the Office/);
    expect(texts(await say('ann', `show ${id}`))).toMatch(/Office decides whether to review \(Art\. 9\): 2026-03-16 — 0 of 10 working days used, 10 left/);
    expect(texts(await say('ann', `outcome ${id} passed review`))).toMatch(/submitted to the Office → decided by the Office/);
    expect(texts(await say('alice', `withdraw ${id}`))).toMatch(/possible only when/);
    const notices = await app.store.pendingReminders('alice', '2100-01-01T00:00:00.000Z');
    expect(notices.map((n) => (n.payload as { status: string }).status)).toEqual(['intake', 'ready', 'submitted', 'decided']);
    const audit = await app.store.auditOf(id);
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['case.open', 'case.assign', 'intake.applicant.legal_name', 'case.status', 'case.clock', 'case.authority_outcome']),
    );
  });

  it('in Chinese, "marked ready anyway" follows the 。 with no space', async () => {
    const zh: ResolvePerson = (platform, userId) => ({ ...people(platform, userId)!, lang: userId === 'ann' ? 'zh-CN' : null });
    app = await createApp(memoryConfig(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: zh, clock: () => new Date('2026-03-02T02:00:00Z') });
    const id = await openCase();
    await say('ann', `分配 ${id} 我`);
    await say('ann', `填写 ${id}`);
    const text = texts(await say('ann', `就绪 ${id} 仍然 网络安全审查办公室要求提前报送`));
    expect(text).toMatch(/→ 待提交。已在尚缺 \d+ 项的情况下标记为待提交；理由已记入审计日志。$/);
  });

  it("a requester may not assign or record outcomes, and cannot see another requester's case", async () => {
    app = await createApp(memoryConfig(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => new Date('2026-03-02T02:00:00Z') });
    const id = await openCase();
    expect(texts(await say('alice', `assign ${id} alice`))).toMatch(/does not allow/);
    expect(texts(await say('rob', `show ${id}`))).toBe(`There is no case ${id} that you can see.`);
    expect(texts(await say('alice', `show ${id}`))).toMatch(new RegExp(id));
    expect(texts(await say('alice', 'show RB-ZZZZZZ'))).toBe('There is no case RB-ZZZZZZ that you can see.');
    expect((await app.store.getCase(id))?.analyst).toBeNull();
  });

  it('commands work in Chinese', async () => {
    app = await createApp(memoryConfig(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => new Date('2026-03-02T02:00:00Z') });
    const id = await openCase();
    // Alice's conversation is in English, so the bot answers in English; the Chinese verbs and words are understood.
    expect(texts(await say('alice', `撤回 ${id}`))).toMatch(/needs a reason/);
    expect(texts(await say('alice', `撤回 ${id} 项目取消`))).toMatch(/Withdraw case RB-\w+ for good \(reason: 项目取消\)\?/);
    expect((await app.store.getCase(id))?.status).toBe('open');
    expect(texts(await say('alice', `撤回 ${id} 确认`))).toMatch(/opened → withdrawn/);
    expect((await app.store.getCase(id))?.status).toBe('withdrawn');
    expect((await app.store.auditOf(id)).find((a) => a.action === 'case.withdraw_reason')?.after).toBe('项目取消');
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
    await say('ann', `ready ${id} anyway the clock is what these tests are about`);
    await say('ann', `submitted ${id} 2026-03-02`);
    return id;
  };

  it('an analyst records notice, supplement and supplied; each is audited, the requester told; show says which period runs', async () => {
    app = await createApp(memoryConfig(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => today });
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
      type: 'send',
      lang: 'en',
      messages: [
        {
          type: 'reminder',
          text: `Case ${id}: supplementary materials delivered recorded (2026-03-12). Next deadline: Preliminary review (Art. 11), 2026-04-21.`,
          actions: [{ id: 'open_case', label: 'Open case', caseId: id, reminderId: notices[2]!.id }],
        },
      ],
    });
    const { readReminder, reminderText } = await import('../../src/runtime/index.js');
    const read = readReminder(notices[1]!);
    if (!read.ok) throw new Error(read.error.problem);
    expect(reminderText(read.value, { lang: 'zh-CN', today: '2026-03-12', calendar: app.deadlines.calendar, nameOf: (k) => k })).toBe(
      `审查事项 ${id}：已记录“要求补充材料”（2026-03-09）。补充材料送达前，审查计时暂停。`,
    );
    const audit = (await app.store.auditOf(id)).filter((a) => a.action === 'case.clock').map((a) => a.after);
    expect(audit).toEqual([
      { type: 'submitted', on: '2026-03-02' },
      { type: 'notice', on: '2026-03-04' },
      { type: 'supplement', on: '2026-03-09' },
      { type: 'supplied', on: '2026-03-12' },
    ]);
    // The case remembers what it announced, so the daily sweep does not announce it again.
    expect((await app.store.getCase(id))?.announcedDeadlines?.[0]).toEqual({ kind: 'preliminary_review', due: '2026-04-21', provisional: false });
  });

  it('in Chinese: 书面通知, 情况复杂, 特别审查', async () => {
    today = at('2026-03-02');
    app = await createApp(memoryConfig(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => today });
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
    const withDb = (env: Record<string, string> = {}) => {
      const c = loadConfig({ REVIEW_BOT_DB: db, ...env });
      if (!c.ok) throw new Error(c.error);
      return c.value;
    };
    const dec14 = new Date('2026-12-14T02:00:00Z');
    app = await createApp(withDb(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => dec14 });
    const id = await openCase();
    await say('ann', `assign ${id} me`);
    await say('ann', `ready ${id} anyway the clock is what this test is about`);
    await say('ann', `submitted ${id} 2026-12-14`);
    // 15–18, 21–25, 28 Dec: provisional, the end of December waits for the 2027 notice.
    expect(texts(await say('ann', `show ${id}`))).toMatch(/Office decides whether to review \(Art\. 9\): 2026-12-28 \(provisional\)/);
    await app.close();

    app = await createApp(withDb({ REVIEW_BOT_CALENDAR: SYNTHETIC_2027_FILE }), {
      nlu: fakeNlu(),
      log: silentLogger,
      resolvePerson: people,
      clock: () => dec14,
    });
    // Sat 26 Dec 2026 works in the synthetic file: the 10th working day is now Sat 26 Dec, exact.
    expect(texts(await say('alice', `show ${id}`))).toMatch(/Office decides whether to review \(Art\. 9\): 2026-12-26 — 0 of 10/);
    await say('alice', `comment ${id} waiting for the Office`);
    await planDueReminders({ store: app.store, deadlines: app.deadlines, log: silentLogger }, new Date('2026-12-15T01:30:00Z'));
    for (const person of ['alice', 'lee', 'ann']) {
      const moved = (await app.store.pendingReminders(person, '2100-01-01T00:00:00.000Z')).filter((r) => r.kind === 'deadline_moved');
      expect(moved.map((r) => r.payload)).toContainEqual({
        kind: 'review_decision',
        from: '2026-12-28',
        to: '2026-12-26',
        wasProvisional: true,
        provisional: false,
      });
    }
  });
});

describe('intake forms', () => {
  it('saves the valid fields, reports the invalid ones per field, and offers the next section', async () => {
    app = await createApp(memoryConfig(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => new Date('2026-03-02T02:00:00Z') });
    const id = await openCase();
    const opened = await app.bot.openForm({ platform: 'terminal', userId: 'ann', caseId: id, form: 'applicant' });
    expect(opened.ok && opened.form.fields.map((f) => f.id)).toEqual(['legal_name', 'uscc', 'legal_representative', 'contact', 'truthful']);
    const bad = await app.bot.submitForm({
      platform: 'terminal',
      userId: 'ann',
      caseId: id,
      form: 'applicant',
      values: { legal_name: 'Example Grid', uscc: '91350100M000100Y44', contact: 'Wang Li' },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(Object.keys(bad.errors).sort()).toEqual(['contact', 'uscc']);
      expect(bad.errors.uscc).toMatch(/check digit/);
      expect(bad.errors.contact).toMatch(/phone number or an email/);
    }
    expect((await app.store.getCase(id))?.intake.applicant).toEqual({ legal_name: 'Example Grid' });
    // The first saved field starts the intake, through the lifecycle: audit row and a notice to the requester.
    expect((await app.store.getCase(id))?.status).toBe('intake');
    expect((await app.store.auditOf(id)).filter((a) => a.action === 'case.status').map((a) => [a.before, a.after])).toEqual([['open', 'intake']]);
    expect((await app.store.pendingReminders('alice', '2100-01-01T00:00:00.000Z')).map((n) => n.payload)).toEqual([{ status: 'intake' }]);
    const values = {
      legal_name: 'Example Grid',
      uscc: '91350100m000100y43',
      legal_representative: 'Li Ming',
      contact: 'Wang Li 138 0013 8000',
      truthful: 'confirmed',
    };
    const good = await app.bot.submitForm({ platform: 'terminal', userId: 'ann', caseId: id, form: 'applicant', values });
    expect(good).toMatchObject({ ok: true, next: { id: 'cii' } });
    expect((await app.store.getCase(id))?.intake.applicant).toEqual({ ...values, uscc: '91350100M000100Y43', contact: 'Wang Li, 138 0013 8000' });
  });

  it('line items: added and removed in forms; dates and amounts as people type them; the go-live check sees the whole form', async () => {
    app = await createApp(memoryConfig(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => new Date('2026-12-02T02:00:00Z') });
    const id = await openCase();
    const submit = (form: string, values: Record<string, unknown>) => app.bot.submitForm({ platform: 'terminal', userId: 'ann', caseId: id, form, values });
    expect(await submit('item-1', { product: 'GPU servers', quantity: '10台', unit_price: '¥120,000', total_amount: '120万' })).toMatchObject({ ok: true });
    expect(await submit('item-2', { product: 'Storage', quantity: '2', total_amount: '1.2M CNY' })).toMatchObject({ ok: true });
    let k = await app.store.getCase(id);
    expect(k?.intake['item-1']).toEqual({ product: 'GPU servers', quantity: 10, unit_price: 120000, total_amount: 1200000 });
    expect(k?.intake['item-2']).toMatchObject({ total_amount: 1200000 });
    const item2 = await app.bot.openForm({ platform: 'terminal', userId: 'ann', caseId: id, form: 'item-2' });
    expect(item2.ok && item2.form).toMatchObject({ id: 'item-2', title: 'Line item 2' });
    expect(item2.ok && item2.form.fields.at(-1)?.id).toBe('remove');
    expect(await submit('item-2', { remove: 'remove' })).toMatchObject({ ok: true, message: expect.stringMatching(/Line item 2 removed/) });
    k = await app.store.getCase(id);
    expect(Object.keys(k!.intake).filter((f) => f.startsWith('item-'))).toEqual(['item-1']);
    expect((await app.store.auditOf(id)).find((a) => a.action === 'intake.item-2.removed')?.before).toMatchObject({ product: 'Storage' });
    const purchase = await submit('purchase', {
      procurement_method: 'singel source',
      planned_purchase_date: '2027年6月30日',
      planned_go_live_date: '2027/06/01',
    });
    expect(purchase.ok).toBe(false);
    if (!purchase.ok) expect(purchase.errors).toEqual({ planned_go_live_date: 'The go-live date 2027-06-01 is before the purchase date 2027-06-30.' });
    expect((await app.store.getCase(id))?.intake.purchase).toEqual({ procurement_method: 'single_source', planned_purchase_date: '2027-06-30' });
  });

  it("a list or an object in a field: refused on that field in the person's language, and the store is as it was", async () => {
    app = await createApp(memoryConfig(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => new Date('2026-12-02T02:00:00Z') });
    const id = await openCase();
    const submit = (form: string, values: Record<string, unknown>, eventId?: string) =>
      app.bot.submitForm({ platform: 'terminal', userId: 'ann', caseId: id, form, values, ...(eventId ? { eventId } : {}) });
    expect(await submit('applicant', { legal_name: 'Example Grid Co.' })).toMatchObject({ ok: true });
    expect(await submit('item-1', { product: 'GPU servers', quantity: '10', total_amount: '120万' })).toMatchObject({ ok: true });
    const stored = async () => ({
      case: await app.store.getCase(id),
      audit: await app.store.auditOf(id),
      reminders: await Promise.all(['alice', 'ann', 'lee'].map((p) => app.store.pendingReminders(p, '2100-01-01T00:00:00.000Z'))),
    });
    const before = await stored();

    const r = await submit('applicant', { legal_name: 'Renamed Co.', legal_representative: ['Li Ming'], contact: { name: 'Wang Li' } }, 'ev-list');
    expect(r).toEqual({
      ok: false,
      lang: 'en',
      message: `Nothing of Applicant was saved for case ${id}: the fields marked hold a list or a set of values. Please correct them and submit again.`,
      errors: {
        legal_representative: 'This field takes one value, not a list or a set of values.',
        contact: 'This field takes one value, not a list or a set of values.',
      },
    });
    // A saved line item's remove choice is a field too.
    expect(await submit('item-1', { remove: ['remove'], quantity: '12' })).toMatchObject({
      ok: false,
      errors: { remove: 'This field takes one value, not a list or a set of values.' },
    });
    expect(await stored()).toEqual(before);
    // Not even the event id is kept: the same delivery again is refused again, not taken for a duplicate.
    expect(await app.store.hasEvent('ev-list')).toBe(false);

    await say('ann', 'lang zh');
    const zh = await submit('applicant', { truthful: ['confirmed'] });
    expect(zh).toMatchObject({
      ok: false,
      lang: 'zh-CN',
      message: `审查事项 ${id} 的“申报单位”未保存任何内容：标出的字段填写的是列表或多个值。请修改后重新提交。`,
      errors: { truthful: '此项只能填写一个值，不能是列表或多个值。' },
    });
    expect((await stored()).case).toEqual(before.case);
  });

  it('a requester cannot open the intake form', async () => {
    app = await createApp(memoryConfig(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => new Date('2026-03-02T02:00:00Z') });
    const id = await openCase();
    expect(await app.bot.openForm({ platform: 'terminal', userId: 'alice', caseId: id, form: 'applicant' })).toMatchObject({ ok: false });
  });
});

describe('a whole purchase intake in chat', () => {
  it('pre-filled from the first message; items one after another; the end lists what is missing; ready once nothing is', async () => {
    const { supplierNamed } = await import('../../src/nlu/index.js');
    app = await createApp(memoryConfig(), {
      nlu: { ...fakeNlu(), supplier: supplierNamed },
      log: silentLogger,
      resolvePerson: people,
      clock: () => new Date('2026-12-02T02:00:00Z'),
    });
    let out: Outbound[] = [];
    for (const line of ['we want to buy 20 routers and 2 firewalls from Huawei', 'yes', 'yes', 'yes']) out = await say('alice', line);
    const id = (out.find((m) => m.type === 'decision') as { caseId: string }).caseId;
    expect((await app.store.getCase(id))?.intake).toEqual({
      'item-1': { product: 'routers', quantity: 20 },
      'item-2': { product: 'firewalls from Huawei', quantity: 2 },
      supplier: { name: 'Huawei' },
    });
    await say('ann', `assign ${id} me`);
    const asked: string[] = [];
    const answer = async (lines: string[]) => {
      for (const line of lines) {
        out = await say('ann', line);
        const q = out.filter((m) => m.type === 'question').at(-1) as { step: string } | undefined;
        if (q) asked.push(q.step);
      }
    };
    out = await say('ann', `intake ${id}`);
    expect(out.at(-1)).toMatchObject({ type: 'question', step: 'legal_name' });
    await answer(['Example Grid Co.', '91350100M000100Y43', 'Li Ming', '王丽 13800138000', 'confirmed']);
    await answer(['National Energy Administration', '2025-06-30', 'energy', 'Dispatch network', 'Level 3']);
    // item-1 and item-2 come pre-filled with product and quantity: only the rest is asked.
    await answer(['NE40E', 'n/a', '120万', 'USG6000', 'n/a', '8万']);
    expect(asked.slice(9, 15), JSON.stringify(asked)).toEqual(['model_version', 'unit_price', 'total_amount', 'model_version', 'unit_price', 'total_amount']);
    await answer(['open tender', '2027/06/30', '2027-09-01', 'Two data centres', 'no', 'yes']);
    await answer(['China', 'Employee-owned', 'manufacturer', 'Domestic chips']); // the supplier's name came from the first message
    await answer(['no', 'yes', 'no', 'n/a']);
    await answer(['in the contract', 'in the contract', 'in a commitment letter', 'in the contract', 'Contract §12.3', 'drafted']);
    for (const f of ['control_damage', 'supply_interruption', 'supply_chain', 'supplier_compliance', 'data_theft']) {
      expect(asked.at(-1)).toBe(`${f}_rating`);
      await answer(['low', 'n/a', 'n/a']);
    }
    await answer(['unknown', 'n/a', 'n/a']);
    await answer(['ready', 'redy', 'ready']);
    expect(texts(out)).not.toMatch(/complete/);
    out = await say('ann', 'ready');
    expect(texts(out)).toMatch(
      new RegExp(
        `Case ${id} still lacks 1 item\\(s\\) before filing:\\n- National-security risk \\(Art\\. 10\\): Factor 7 \\(other factors\\) rating \\(not ready\\)`,
      ),
    );
    expect(texts(await say('ann', `ready ${id}`))).toMatch(/is not ready/);
    // intake again asks exactly what is not ready yet.
    out = await say('ann', `intake ${id}`);
    expect(out.filter((m) => m.type === 'question').map((m) => (m as { step: string }).step)).toEqual(['other_rating']);
    out = await say('ann', '中等');
    expect(texts(out)).toMatch(new RegExp(`The intake of case ${id} is complete`));
    expect(texts(await say('ann', `ready ${id}`))).toMatch(/in intake → ready to submit\./);
    const k = (await app.store.getCase(id))!;
    expect(k.intake['item-1']).toEqual({ product: 'routers', quantity: 20, model_version: 'NE40E', unit_price: null, total_amount: 1200000 });
    expect(k.intake.cii?.mlps_level).toBe('level_3');
    expect(k.intake.risk?.other_rating).toBe('medium');
    expect(k.intake.materials?.procurement_documents).toBe('ready');
  });

  it('line items are added, edited and removed with chat commands', async () => {
    app = await createApp(memoryConfig(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => new Date('2026-12-02T02:00:00Z') });
    const id = await openCase();
    await say('ann', `assign ${id} me`);
    expect((await say('ann', `item ${id} add`)).at(-1)).toMatchObject({ type: 'question', step: 'product' });
    await say('ann', 'GPU servers');
    await say('ann', 'n/a');
    await say('ann', '10');
    await say('ann', 'n/a');
    const after = await say('ann', '300万');
    // The next section follows once the item is saved.
    expect(texts(after)).toMatch(/Line item saved/);
    expect(after.at(-1)).toMatchObject({ type: 'question', step: 'procurement_method' });
    expect((await say('ann', `明细 ${id} 新增`)).at(-1)).toMatchObject({ step: 'product' });
    await say('ann', 'Storage');
    expect(Object.keys((await app.store.getCase(id))!.intake).filter((f) => f.startsWith('item-'))).toEqual(['item-1', 'item-2']);
    expect(texts(await say('ann', `item ${id} remove 2`))).toMatch(/Line item 2 removed from case/);
    expect(texts(await say('ann', `item ${id} remove 7`))).toMatch(/has no line item 7/);
    expect((await say('ann', `item ${id} 1`)).at(-1)).toMatchObject({ step: 'product' }); // edit: asked again from the start
    expect(texts(await say('alice', `item ${id} add`))).toMatch(/does not allow/);
    expect(Object.keys((await app.store.getCase(id))!.intake).filter((f) => f.startsWith('item-'))).toEqual(['item-1']);
  });
});

describe('attachments', () => {
  it('a path in the terminal: stored with the case (sha256, who, when), the material ticked, in the case view and the exported zip', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { createHash } = await import('node:crypto');
    const findPerson = (key: string) => (key === 'ann' ? { ...people('terminal', 'ann'), name: 'Ann Wu' } : null);
    app = await createApp(memoryConfig(), {
      nlu: fakeNlu(),
      log: silentLogger,
      resolvePerson: people,
      findPerson,
      clock: () => new Date('2026-12-02T02:00:00Z'),
    });
    const id = await openCase();
    await say('ann', `assign ${id} me`);
    const dir = mkdtempSync(join(tmpdir(), 'rb-attach-'));
    const bytes = Buffer.from('%PDF-1.7 draft contract with the Art. 6 commitments\n');
    writeFileSync(join(dir, 'draft contract.pdf'), bytes);
    writeFileSync(join(dir, 'tool.exe'), 'MZ');
    const saved = texts(await say('ann', `attach ${id} ${join(dir, 'draft contract.pdf')}`));
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(saved).toBe(
      `draft contract.pdf (${bytes.length} B) is stored with case ${id} (SHA-256 ${sha.slice(0, 12)}…); materials: "Procurement documents, agreements, contracts to be signed" ticked as ready.`,
    );
    expect(texts(await say('ann', `attach ${id} ${join(dir, 'tool.exe')}`))).toMatch(/\.exe files are not taken/);
    expect(texts(await say('ann', `attach ${id} ${join(dir, 'missing.pdf')}`))).toMatch(/There is no file at/);
    expect(texts(await say('rob', `attach ${id} ${join(dir, 'draft contract.pdf')}`))).toBe(`There is no case ${id} that you can see.`);
    const [meta] = await app.store.listAttachments(id);
    expect(meta).toMatchObject({
      caseId: id,
      name: 'draft contract.pdf',
      mediaType: 'application/pdf',
      size: bytes.length,
      sha256: sha,
      by: 'ann',
      at: '2026-12-02T02:00:00.000Z',
      material: 'procurement_documents',
    });
    expect(Buffer.from((await app.store.getAttachment(meta!.id))!.bytes).equals(bytes)).toBe(true);
    const k = (await app.store.getCase(id))!;
    expect(k.intake.materials).toEqual({ procurement_documents: 'ready' });
    expect((await app.store.auditOf(id)).map((a) => a.action)).toEqual(expect.arrayContaining(['case.attachment', 'intake.materials.procurement_documents']));
    expect(texts(await say('alice', `show ${id}`))).toMatch(/Files \(1\):\n- draft contract\.pdf \(\d+ B\), Ann Wu, 2026-12-02/);
    // A message with files but no case to put them on is asked which case.
    const orphan = await app.bot.handle({
      platform: 'terminal',
      userId: 'bob',
      input: { type: 'text', text: 'here it is' },
      files: [{ name: 'x.pdf', size: 3, download: async () => new Uint8Array(3) }],
    });
    expect(texts(orphan.messages)).toMatch(/Which case is this file for\?/);
    // On a chat platform a path names nothing the bot may read: the file itself is asked for, and nothing is stored.
    const slack = await app.bot.handle({ platform: 'slack', userId: 'ann', input: { type: 'text', text: `attach ${id} /etc/passwd.txt` } });
    expect(texts(slack.messages)).toBe(`Share the file in this chat with "attach ${id}" as its message.`);
    expect(await app.store.listAttachments(id)).toHaveLength(1);
  });
});
