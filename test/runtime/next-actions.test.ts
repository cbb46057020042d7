import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { parseCaseCommand, type Role } from '../../src/domain/index.js';
import type { NextAction, Outbound } from '../../src/engine/index.js';
import type { Lang } from '../../src/i18n/index.js';
import { silentLogger, type ResolvePerson } from '../../src/runtime/index.js';
import { nextActions } from '../../src/runtime/next-actions.js';
import { fakeNlu } from '../support/fake-nlu.js';
import { memoryConfig } from '../support/fixtures.js';

// The next actions a decision offers, per person, and what each of them does when typed: the table
// is what the permissions (domain/permissions.ts) allow each role on a fresh case, written out.

const ROLES: Record<string, Role[]> = { alice: ['requester'], ann: ['analyst'], lee: ['team_lead'], root: ['admin'], rob: ['requester'] };
const people: ResolvePerson = (_p, userId) => ({
  key: userId,
  name: userId,
  team: userId === 'rob' ? 'ops' : 'it',
  teamLead: 'lee',
  lang: null,
  roles: ROLES[userId] ?? ['requester'],
});
let app: App;
afterEach(async () => app?.close());
const start = async () =>
  (app = await createApp(memoryConfig(), { nlu: fakeNlu(), log: silentLogger, resolvePerson: people, clock: () => new Date('2026-03-02T02:00:00Z') }));
const say = async (user: string, text: string) => (await app.bot.handle({ platform: 'terminal', userId: user, input: { type: 'text', text } })).messages;
const decisionOf = (out: Outbound[]) => out.find((m): m is Extract<Outbound, { type: 'decision' }> => m.type === 'decision')!;

/** A triage that ends in `required`, by `user`, answered in `lang`. */
async function decide(user: string, lang: Lang) {
  let out: Outbound[] = [];
  for (const line of [lang === 'en' ? 'lang en' : 'lang zh', 'review', '1', 'hpc_servers', '1', '1']) out = await say(user, line);
  return decisionOf(out);
}

describe('next actions on a decision', () => {
  it.each([
    ['alice', ['view', 'export']], // the requester
    ['ann', ['view', 'intake', 'assign_me', 'export']], // an analyst: the case is unassigned
    ['root', ['view', 'intake', 'assign_me', 'export']], // an admin
  ])('%s, who asked, gets %j', async (user, ids) => {
    await start();
    const d = await decide(user, 'en');
    expect(d.outcome).toBe('required');
    expect(d.reference).toBe(`Case ${d.caseId}`);
    expect(d.actions!.map((a) => a.id)).toEqual(ids);
    expect(d.actions!.find((a) => a.id === 'intake')?.form).toBe(ids.includes('intake') ? 'applicant' : undefined);
  });

  it('what the others may do with the same case: the team lead views and exports, another team sees nothing', async () => {
    await start();
    const d = await decide('alice', 'en');
    const k = (await app.store.getCase(d.caseId!))!;
    const deps = { registry: app.registry } as Parameters<typeof nextActions>[0];
    const ids = (user: string) => nextActions(deps, people('terminal', user), k, 'en').map((a) => a.id);
    expect(ids('lee')).toEqual(['view', 'export']);
    expect(ids('rob')).toEqual([]);
    // Assigned to ann: another analyst may no longer take it; ann herself is not offered what she has.
    const assigned = { ...k, analyst: 'ann' };
    expect(nextActions(deps, { ...people('terminal', 'ann'), key: 'bea' }, assigned, 'en').map((a) => a.id)).toEqual([]);
    expect(nextActions(deps, people('terminal', 'ann'), assigned, 'en').map((a) => a.id)).toEqual(['view', 'intake', 'export']);
  });

  it('a not_required record shows its reference and only an export', async () => {
    await start();
    const d = await decide('alice', 'zh-CN');
    const k = { ...(await app.store.getCase(d.caseId!))!, status: 'closed' as const, triage: { answers: {}, outcome: 'not_required' as const, reasons: [] } };
    const deps = { registry: app.registry } as Parameters<typeof nextActions>[0];
    const actions = nextActions(deps, people('terminal', 'alice'), k, 'zh-CN');
    expect(actions.map((a) => [a.id, a.label])).toEqual([['export', '导出预判记录']]);
  });

  it.each(['en', 'zh-CN'] as const)("every action's command, typed in %s, does what its button does", async (lang) => {
    await start();
    const d = await decide('root', lang);
    const expected: Record<NextAction['id'], string> = { view: 'show', intake: 'intake', assign_me: 'assign', export: 'export' };
    for (const a of d.actions!) expect(parseCaseCommand(a.command)).toMatchObject({ caseId: d.caseId, action: { type: expected[a.id] } });
    const byId = Object.fromEntries(d.actions!.map((a) => [a.id, a.command]));
    expect((await say('root', byId.assign_me!)).map((m) => ('text' in m ? m.text : '')).join()).toMatch(lang === 'en' ? /analyst is now root/ : /root/);
    expect((await app.store.getCase(d.caseId!))?.analyst).toBe('root');
    const pack = (await say('root', byId.export!))[0]!;
    expect(pack).toMatchObject({ type: 'info' });
    expect('text' in pack && pack.text).toContain(d.caseId!);
    // The same through Bot.act, as a platform button does it.
    const viewed = await app.bot.nextAction({ platform: 'terminal', userId: 'root', caseId: d.caseId!, action: 'view' });
    expect(viewed.private).toBe(true);
    expect(viewed.messages[0]).toMatchObject({ type: 'info', text: expect.stringContaining(d.caseId!) });
    const refused = await app.bot.nextAction({ platform: 'terminal', userId: 'rob', caseId: d.caseId!, action: 'export' });
    expect(refused.messages[0]).toMatchObject({ type: 'error' });
  });
});
