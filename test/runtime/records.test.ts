import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import type { CaseRecord, Person } from '../../src/domain/index.js';
import type { ConvState, Outbound } from '../../src/engine/index.js';
import { buildPack } from '../../src/pack/index.js';
import { silentLogger, type ResolvePerson } from '../../src/runtime/index.js';
import { fakeNlu } from '../support/fake-nlu.js';
import { memoryConfig } from '../support/fixtures.js';

// Every outcome is kept with a reference: a `not_required` decision is a risk-prediction record
// (预判记录), closed at once, shown in status and home, exported, and countersigned by the
// requester's team lead. Watchlist matches land on the case. Cases and conversations of flow v1
// still work.

const PEOPLE: Record<string, Person> = {
  alice: { key: 'alice', name: 'Alice', team: 'it', teamLead: 'lee', roles: ['requester'], lang: null },
  lee: { key: 'lee', name: 'Lee', team: 'it', teamLead: 'lee', roles: ['requester', 'team_lead'], lang: null },
  olga: { key: 'olga', name: 'Olga', team: 'ops', teamLead: 'olga', roles: ['requester', 'team_lead'], lang: null },
  ann: { key: 'ann', name: 'Ann', team: null, teamLead: null, roles: ['analyst'], lang: null },
};
const people: ResolvePerson = (_platform, userId) =>
  PEOPLE[userId] ?? { key: userId, name: userId, team: null, teamLead: null, roles: ['requester'], lang: null };
const NOW = new Date('2026-03-02T02:00:00Z');
let app: App;
afterEach(async () => app?.close());
const boot = async () => {
  app = await createApp(memoryConfig(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => NOW });
};
const say = async (user: string, text: string) => (await app.bot.handle({ platform: 'terminal', userId: user, input: { type: 'text', text } })).messages;
const texts = (out: Outbound[]) => out.map((m) => ('text' in m ? m.text : '')).join('\n');
const decisionOf = (out: Outbound[]) => out.find((m) => m.type === 'decision') as Extract<Outbound, { type: 'decision' }> | undefined;

async function triage(user: string, lines: string[]): Promise<Outbound[]> {
  let out: Outbound[] = [];
  for (const line of lines) out = await say(user, line);
  return out;
}

describe('a not_required decision is a risk-prediction record', () => {
  it('gets a reference, is stored closed with its answers and reasons, and its team lead is asked to countersign', async () => {
    await boot();
    const d = decisionOf(await triage('alice', ['review', 'purchase', 'cloud_services', 'no']))!;
    expect(d).toMatchObject({ outcome: 'not_required', caseId: expect.stringMatching(/^RB-[0-9A-Z]{6}$/) });
    const k = (await app.store.getCase(d.caseId!))!;
    expect(k).toMatchObject({
      status: 'closed',
      requester: 'alice',
      team: 'it',
      teamLead: 'lee',
      countersign: null,
      warnings: [],
      triage: { outcome: 'not_required', answers: { matter: 'purchase', category: 'cloud_services', ciio: 'no' } },
    });
    expect(k.triage.reasons.map((r) => r.id)).toEqual(['not_ciio', 'ex_officio']);
    expect((await app.store.auditOf(k.id)).map((a) => [a.action, a.before, a.after])).toEqual([
      ['case.open', null, expect.objectContaining({ status: 'open' })],
      ['case.status', 'open', 'closed'],
    ]);
    const leeNotices = await app.store.pendingReminders('lee', '2100-01-01T00:00:00.000Z');
    expect(leeNotices.map((r) => [r.kind, r.caseId])).toEqual([['countersign_requested', k.id]]);
    expect(await app.store.pendingReminders('alice', '2100-01-01T00:00:00.000Z')).toEqual([]);
  });

  it('shows in status and on the home view; only the team lead gets the countersign button, which carries the command', async () => {
    await boot();
    const id = decisionOf(await triage('alice', ['review', 'purchase', 'not_network_product']))!.caseId!;
    expect(texts(await say('alice', 'status'))).toContain(`${id} · Review not required · closed · — · awaiting countersignature`);
    const home = await app.bot.home('terminal', 'lee');
    expect(home.cases.find((c) => c.caseId === id)?.actions).toEqual([{ id: 'countersign', label: 'Countersign', caseId: id, command: `countersign ${id}` }]);
    expect((await app.bot.home('terminal', 'alice')).cases.find((c) => c.caseId === id)?.actions).toEqual([]);
    expect((await app.bot.home('terminal', 'ann')).cases.find((c) => c.caseId === id)?.actions ?? []).toEqual([]);
    const zh = await app.bot.home('terminal', 'lee', 'zh-CN');
    expect(zh.cases.find((c) => c.caseId === id)?.text).toContain('无需申报审查 · 已关闭 · — · 待会签');
  });

  it('is countersigned once, by the team lead: who and when, with an audit row; others are refused and nothing changes', async () => {
    await boot();
    const id = decisionOf(await triage('alice', ['review', 'purchase', 'not_network_product']))!.caseId!;
    expect(texts(await say('alice', `countersign ${id}`))).toMatch(/does not allow/);
    expect(texts(await say('olga', `countersign ${id}`))).toBe(`There is no case ${id} that you can see.`); // another team's lead
    expect(texts(await say('ann', `countersign ${id}`))).toMatch(/does not allow/);
    expect((await app.store.getCase(id))?.countersign).toBeNull();
    expect(texts(await say('lee', `countersign ${id}`))).toBe(`Case ${id}: countersigned by lee on 2026-03-02.`);
    expect((await app.store.getCase(id))?.countersign).toEqual({ by: 'lee', at: NOW.toISOString() });
    expect((await app.store.auditOf(id)).at(-1)).toMatchObject({ actor: 'lee', action: 'case.countersign', after: { by: 'lee', at: NOW.toISOString() } });
    expect(texts(await say('lee', `countersign ${id}`))).toMatch(/already countersigned by lee on 2026-03-02/);
    // A team lead's own prediction needs someone else's countersignature.
    const own = decisionOf(await triage('lee', ['review', 'purchase', 'not_network_product']))!.caseId!;
    expect(texts(await say('lee', `countersign ${own}`))).toMatch(/your own risk prediction; your team lead \(or an admin\) countersigns it/);
    expect(texts(await say('alice', `show ${id}`))).toMatch(/Risk-prediction record, countersigned by lee on 2026-03-02\./);
    expect(texts(await say('alice', 'status'))).toContain('countersigned by lee');
    expect((await app.bot.home('terminal', 'lee')).cases.find((c) => c.caseId === id)?.actions).toEqual([]);
  });

  it('with a people file, people and teams go by their names, and dates are Shanghai days (late evening UTC is the next day)', async () => {
    const late = new Date('2026-03-02T17:00:00Z'); // 01:00 on 3 March in Shanghai
    const findPerson = (key: string) => (key in PEOPLE ? { ...PEOPLE[key]!, name: `${PEOPLE[key]!.name} Wei` } : null);
    const teamName = (id: string) => ({ it: 'IT Department' })[id] ?? null;
    app = await createApp(memoryConfig(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, findPerson, teamName, clock: () => late });
    const id = decisionOf(await triage('alice', ['review', 'purchase', 'not_network_product']))!.caseId!;
    expect(texts(await say('lee', `countersign ${id}`))).toBe(`Case ${id}: countersigned by Lee Wei on 2026-03-03.`);
    expect(texts(await say('lee', `countersign ${id}`))).toMatch(/already countersigned by Lee Wei on 2026-03-03/);
    const shown = texts(await say('alice', `show ${id}`));
    expect(shown).toContain('Team: IT Department');
    expect(shown).toContain('Risk-prediction record, countersigned by Lee Wei on 2026-03-03.');
    expect(texts(await say('alice', 'status'))).toContain('countersigned by Lee Wei');
    const pack = texts(await say('alice', `export ${id}`));
    expect(pack).toContain('Countersigned by Lee Wei on 2026-03-03.');
    expect(pack).not.toMatch(/\blee\b|2026-03-02T/);
  });

  it('会签 in Chinese; a case that needs review is no record and cannot be countersigned, even once closed', async () => {
    await boot();
    const id = decisionOf(await triage('alice', ['审查', '采购', 'not_network_product']))!.caseId!;
    const required = decisionOf(await triage('alice', ['review', 'purchase', 'hpc_servers', 'yes', 'yes']))!.caseId!;
    await say('ann', `close ${required}`);
    expect(texts(await say('lee', `countersign ${required}`))).toMatch(/is not a risk-prediction record/);
    await say('lee', 'lang zh');
    expect(texts(await say('lee', `会签 ${id}`))).toMatch(/已由 lee 于 2026-03-02 会签/);
  });

  it('exports as a prediction record with the keys outside checks read', async () => {
    await boot();
    const id = decisionOf(await triage('alice', ['review', 'listing', 'abroad', 'no']))!.caseId!;
    await say('lee', `countersign ${id}`);
    const pack = buildPack((await app.store.getCase(id))!, 'en', null, NOW);
    expect(pack).toMatchObject({
      caseId: id,
      status: 'closed',
      analyst: null,
      kind: 'prediction_record',
      triage: { outcome: 'not_required' },
      countersign: { by: 'lee' },
    });
    expect(pack.triage.answers.map((a) => [a.id, a.value])).toEqual([
      ['matter', 'Listing the company (IPO)'],
      ['listing_venue', 'Abroad (e.g. New York, London, Singapore)'],
      ['personal_info_users_over_1m', 'No'],
    ]);
  });
});

describe('the watchlist on the stored case', () => {
  it("the request's warning is on the decision and the case; show repeats it", async () => {
    await boot();
    const d = decisionOf(await triage('alice', ['we want to buy 20 core routers with Micron memory', 'yes', 'yes', 'yes']))!;
    expect(d.outcome).toBe('required');
    expect(d.warnings?.[0]?.text).toMatch(/Watchlist: "Micron"/);
    const k = (await app.store.getCase(d.caseId!))!;
    expect(k.warnings.map((w) => [w.entry, w.matched, w.date])).toEqual([['micron-2023', 'Micron', '2023-05-21']]);
    expect((await app.store.auditOf(k.id))[0]!.after).toMatchObject({ warnings: [expect.objectContaining({ entry: 'micron-2023' })] });
    expect(texts(await say('alice', `show ${k.id}`))).toMatch(/Watchlist: "Micron".*\(source: 网络安全审查办公室/);
  });

  it('a supplier declared in the intake adds the warning, tells the analyst, and is audited', async () => {
    await boot();
    const id = decisionOf(await triage('alice', ['review', 'purchase', 'large_storage', 'yes', 'yes']))!.caseId!;
    expect((await app.store.getCase(id))?.warnings).toEqual([]);
    // The line item (its product), then the purchase section, then the supplier's name.
    await say('ann', `item ${id} add`);
    const afterProduct = await say('ann', 'all-flash storage array');
    expect(texts(afterProduct)).not.toMatch(/watchlist/i);
    let out = afterProduct;
    for (const line of ['n/a', '2', 'n/a', '100万', 'open_tender', '2027-06-30', 'n/a', 'Two data centres', 'no', 'no']) out = await say('ann', line);
    expect(texts(out)).not.toMatch(/watchlist/i);
    expect(out.at(-1)).toMatchObject({ type: 'question', step: 'name' });
    const afterSupplier = await say('ann', '美光科技');
    expect(texts(afterSupplier)).toMatch(
      new RegExp(`The declared supplier or product is on the watchlist; the warning is now on ${id}:\\n- Watchlist: "美光"`),
    );
    const k = (await app.store.getCase(id))!;
    expect(k.warnings.map((w) => w.matched)).toEqual(['美光']);
    expect((await app.store.auditOf(id)).map((a) => a.action)).toContain('case.warnings');
    expect(buildPack(k, 'en', null, NOW).warnings).toHaveLength(1);
  });

  it('the same from an intake form (Slack modal, Teams dialog)', async () => {
    await boot();
    const id = decisionOf(await triage('alice', ['review', 'purchase', 'large_storage', 'yes', 'yes']))!.caseId!;
    const r = await app.bot.submitForm({
      platform: 'terminal',
      userId: 'ann',
      caseId: id,
      form: 'item-1',
      values: { product: 'Crucial T700 SSDs', quantity: 'many' },
    });
    expect(r.ok).toBe(false); // the quantity needs a fix; the product is saved all the same
    expect(r.message).toMatch(/The declared supplier or product is on the watchlist; the warning is now on RB-.*\n- Watchlist: "Crucial"/);
    expect((await app.store.getCase(id))?.warnings.map((w) => w.matched)).toEqual(['Crucial']);
  });
});

describe('flow v1 left in a database', () => {
  const v1Case = (id: string): CaseRecord =>
    ({
      id,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      status: 'open',
      requester: 'alice',
      team: 'it',
      teamLead: 'lee',
      analyst: null,
      lang: 'en',
      summary: 'servers',
      clock: [],
      announcedDeadlines: null,
      authorityOutcome: null,
      intake: {},
      triage: {
        answers: { listing_abroad: 'no', category: 'hpc_servers', ciio: 'yes', affects_national_security: 'yes' },
        outcome: 'required',
        reasons: [{ id: 'affects_yes', citation: { source: 'measures_2022', articles: [5] } }],
      },
    }) as unknown as CaseRecord;

  it('a conversation stored on v1 goes on under v2 and decides; a case stored with v1 answers shows and exports', async () => {
    await boot();
    const state: ConvState = {
      flow: 'triage',
      version: 1,
      lang: 'en',
      status: 'active',
      answers: { listing_abroad: 'no', category: 'hpc_servers' },
      inferred: ['listing_abroad'],
      suggestion: {},
      summary: 'servers',
    };
    expect(await app.store.commitTurn({ conversation: 'terminal:alice', expectedRev: 0, state, newCases: [v1Case('RB-OLD001')] })).toBe('ok');
    const resumed = await app.bot.resume('terminal', 'alice');
    expect(resumed.messages).toEqual([expect.objectContaining({ type: 'question', step: 'ciio' })]);
    await say('alice', 'yes');
    const d = decisionOf(await say('alice', 'no'))!;
    expect(d).toMatchObject({ outcome: 'assess' });
    const why = texts(await say('alice', 'why'));
    expect(why).toContain('1. what the check is about: Buying a network product or service (inferred from your message; "edit 1" to change it)');
    expect((await app.store.loadConversation('terminal:alice')).state).toMatchObject({ version: 2 });

    expect(texts(await say('alice', 'show RB-OLD001'))).toMatch(/RB-OLD001 · Review required · open/);
    const old = (await app.store.getCase('RB-OLD001'))!;
    expect(old.triage.answers).toEqual({ matter: 'purchase', category: 'hpc_servers', ciio: 'yes', affects_national_security: 'yes' });
    const pack = buildPack(old, 'zh-CN', null, NOW);
    expect(pack.triage.answers[0]).toEqual({
      id: 'matter',
      label: '事项类型',
      value: '采购网络产品和服务',
      raw: 'purchase',
      missing: false,
      choice: 'purchase',
    });
    expect(pack.triage.reasons[0]!.citation).toBe('《网络安全审查办法》第五条');
  });
});
