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
  for (const line of ['review', 'no', 'hpc_servers', 'yes', 'yes']) out = await say('alice', line);
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
    expect(texts(await say('ann', `ready ${id}`))).toMatch(/intake → ready/);
    expect(texts(await say('ann', `submitted ${id} 2026-02-30`))).toMatch(/is not a date/);
    expect(texts(await say('ann', `submitted ${id} 2026-03-02`))).toMatch(/ready → submitted/);
    expect(texts(await say('ann', `show ${id}`))).toMatch(/Due 2026-03-16: Office decides whether to review/);
    expect(texts(await say('ann', `outcome ${id} passed review`))).toMatch(/submitted → decided/);
    expect(texts(await say('alice', `withdraw ${id}`))).toMatch(/possible only when/);
    const notices = await app.store.pendingReminders('alice', '2100-01-01T00:00:00.000Z');
    expect(notices.map((n) => (n.payload as { status: string }).status)).toEqual(['intake', 'ready', 'submitted', 'decided']);
    const audit = await app.store.auditOf(id);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['case.open', 'case.assign', 'intake.declaration.applicant_org', 'case.status', 'case.submitted_on', 'case.authority_outcome']));
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
