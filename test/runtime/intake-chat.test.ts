import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import type { Outbound } from '../../src/engine/index.js';
import { silentLogger, type ResolvePerson } from '../../src/runtime/index.js';
import { fakeNlu } from '../support/fake-nlu.js';
import { memoryConfig } from '../support/fixtures.js';

// An intake in chat, as a person finds their way around it: where they are (section and question),
// `back` over a section's first question, `status` and `why` during the intake, and `cancel`.
// A purchase has 9 sections (applicant, CII, line items, purchase, supplier, data, commitments,
// risk, materials); the applicant section 5 questions, the CII section 5. Written from domain.md §10.

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
const lastStep = (out: Outbound[]) => {
  const m = out.at(-1);
  return m?.type === 'question' ? m.step : null;
};
const APPLICANT = ['Example Grid Co', '91350100M000100Y43', 'Li Ming', '王丽 13800138000', 'confirmed'];

async function openCase(): Promise<string> {
  let out: Outbound[] = [];
  for (const line of ['review', 'purchase', 'hpc_servers', 'yes', 'yes']) out = await say('alice', line);
  const id = (out.find((m) => m.type === 'decision') as { caseId: string }).caseId;
  await say('ann', `assign ${id} me`);
  return id;
}

async function answer(lines: string[]): Promise<Outbound[]> {
  let out: Outbound[] = [];
  for (const line of lines) out = await say('ann', line);
  return out;
}

describe('an intake in chat says where it stands', () => {
  it('each section begins with its place: section n of 9, question n of m (also when resumed)', async () => {
    app = await createApp(memoryConfig(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => new Date('2026-12-02T02:00:00Z') });
    const id = await openCase();
    const first = await say('ann', `intake ${id}`);
    expect(texts(first)).toContain('Applicant: section 1 of 9, question 1 of 5.');
    expect(lastStep(first)).toBe('legal_name');
    const second = await answer(APPLICANT);
    expect(texts(second)).toContain('Critical information infrastructure: section 2 of 9, question 1 of 5.');
    expect(lastStep(second)).toBe('protection_department');
    // Within a section no header comes with each question.
    expect(texts(await say('ann', 'National Energy Administration'))).not.toMatch(/section \d of/);
    await say('ann', 'cancel');
    const resumed = await say('ann', `intake ${id}`);
    expect(texts(resumed)).toContain('Critical information infrastructure: section 2 of 9, question 2 of 5.');
    expect(lastStep(resumed)).toBe('notice_date');
  });

  it('status: the place in the intake and what is still missing by section, then the same question again', async () => {
    app = await createApp(memoryConfig(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => new Date('2026-12-02T02:00:00Z') });
    const id = await openCase();
    await say('ann', `intake ${id}`);
    await answer(APPLICANT);
    const out = await say('ann', 'status');
    expect(texts(out)).toBe(
      [
        `Case ${id}, intake — Critical information infrastructure: section 2 of 9, question 1 of 5.`,
        // CII 5, no line item yet 1, purchase 5 (go-live optional), supplier 5, data 3 (notes optional),
        // commitments 4 + agreement, risk 6 ratings (factor 6 is for listings), materials 4.
        'Still missing before filing (34): Critical information infrastructure (5); Line item 1 (1); Purchase (5); Supplier (5); Data involved (3); ' +
          'Supplier commitments (Art. 6) and security agreement (CII Regs Art. 20) (5); National-security risk (Art. 10) (6); Materials (Art. 8) (4).',
        'Which CII protection work department identified the operator (e.g. the sector regulator)?',
      ].join('\n'),
    );
    expect(lastStep(out)).toBe('protection_department');
    // The answer still goes to the question asked.
    await say('ann', 'National Energy Administration');
    expect((await app.store.getCase(id))!.intake.cii).toEqual({ protection_department: 'National Energy Administration' });
  });

  it('why: the case, its outcome and the reasons it needs a review, not the answers of one section', async () => {
    app = await createApp(memoryConfig(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => new Date('2026-12-02T02:00:00Z') });
    const id = await openCase();
    await say('ann', `intake ${id}`);
    const out = await say('ann', 'why');
    const text = texts(out);
    expect(text).toContain(`Case ${id}: Review required. The check found:`);
    expect(text).toMatch(/- A CIIO buying a network product or service .* \(Cybersecurity Review Measures \(2022\) Art\. 5\)/);
    expect(text).toContain(`Case ${id}, intake — Applicant: section 1 of 9, question 1 of 5.`);
    expect(text).not.toMatch(/No answers yet/);
    expect(lastStep(out)).toBe('legal_name');
  });

  it('in Chinese', async () => {
    app = await createApp(memoryConfig(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => new Date('2026-12-02T02:00:00Z') });
    const id = await openCase();
    await say('ann', 'lang zh');
    expect(texts(await say('ann', `填写 ${id}`))).toContain('申报单位：第 1 部分（共 9 部分），第 1 题（共 5 题）。');
    const status = texts(await say('ann', '状态'));
    expect(status).toContain(`审查事项 ${id} 的申报材料填写——申报单位：第 1 部分（共 9 部分），第 1 题（共 5 题）。`);
    expect(status).toContain('申报前尚缺 39 项：申报单位（5）；关键信息基础设施认定情况（5）；');
    expect(texts(await say('ann', '为什么'))).toContain(`审查事项 ${id}：需要申报审查。申报预判的依据：`);
    expect(texts(await say('ann', '取消'))).toBe(`审查事项 ${id} 的申报材料填写已暂停。您已回答的内容均已随该事项保存；输入“填写 ${id}”即可从中断处继续。`);
  });
});

describe('back and cancel during an intake', () => {
  it("back at a section's first question goes to the last question of the section before; the new answer replaces the saved one", async () => {
    app = await createApp(memoryConfig(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => new Date('2026-12-02T02:00:00Z') });
    const id = await openCase();
    await say('ann', `intake ${id}`);
    expect(texts(await say('ann', 'back'))).toMatch(/This is the first question; there is nothing to go back to\./); // the first section's first question
    await answer(APPLICANT);
    const back = await say('ann', 'back');
    expect(texts(back)).toContain('Applicant: section 1 of 9, question 5 of 5.');
    expect(lastStep(back)).toBe('truthful');
    expect(lastStep(await say('ann', 'back'))).toBe('contact'); // and on within that section
    await say('ann', 'Wang Li, wangli@example.com');
    const on = await say('ann', 'not yet');
    expect(lastStep(on)).toBe('protection_department');
    expect((await app.store.getCase(id))!.intake.applicant).toEqual({
      legal_name: 'Example Grid Co',
      uscc: '91350100M000100Y43',
      legal_representative: 'Li Ming',
      contact: 'Wang Li, wangli@example.com',
      truthful: 'not_yet',
    });
  });

  it("back from the purchase section goes to the last line item's last question", async () => {
    app = await createApp(memoryConfig(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => new Date('2026-12-02T02:00:00Z') });
    const id = await openCase();
    expect(lastStep(await say('ann', `item ${id} add`))).toBe('product');
    const purchase = await answer(['GPU servers', 'n/a', '10', 'n/a', '300万']);
    expect(lastStep(purchase)).toBe('procurement_method');
    const back = await say('ann', 'back');
    expect(texts(back)).toContain('Line item 1: section 3 of 9, question 5 of 5.');
    expect(lastStep(back)).toBe('total_amount');
    await say('ann', '310万');
    expect((await app.store.getCase(id))!.intake['item-1']?.total_amount).toBe(3_100_000);
  });

  it('cancel says that what was answered is kept with the case and how to go on', async () => {
    app = await createApp(memoryConfig(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => new Date('2026-12-02T02:00:00Z') });
    const id = await openCase();
    await say('ann', `intake ${id}`);
    await answer(APPLICANT.slice(0, 2));
    expect(texts(await say('ann', 'cancel'))).toBe(
      `Intake of case ${id} paused. Every answer you gave is saved with the case; type "intake ${id}" to go on where you stopped.`,
    );
    expect((await app.store.getCase(id))!.intake.applicant).toEqual({ legal_name: 'Example Grid Co', uscc: '91350100M000100Y43' });
    // A triage's cancel is unchanged.
    await say('alice', 'review');
    expect(texts(await say('alice', 'cancel'))).toMatch(/^Cancelled\./);
  });
});
