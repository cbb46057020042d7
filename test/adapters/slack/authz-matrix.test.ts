import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord, CaseStatus } from '../../../src/domain/index.js';
import type { ResolvePerson } from '../../../src/runtime/index.js';
import {
  caseIn,
  personOf,
  ROLES_UNDER_TEST,
  roleAllows,
  SECRET_SUMMARY,
  SITUATION_NAMES,
  STRANGERS,
  type RoleUnderTest,
  type Situation,
} from '../../support/role-matrix.js';
import { STATUS_WORDS, STATUSES, statusAllows } from '../../support/status-table.js';
import type { SlackCall } from './fake-web-api.js';
import { startHarness, type Harness } from './harness.js';

// The authorisation matrix through Slack (signed HTTP into the real Bolt app, fake Web API), for the
// case actions Slack has controls for: the "Open form" button (block_actions -> a modal) and the
// modal's submission (view_submission -> intake fields saved), plus which cases App Home lists and
// which get an "Open form" button. Every role x every relation x every status: the full product
// runs in a few seconds, so nothing is sampled. Typed case commands reach the same Bot.handle as
// the chat matrix (test/runtime/authz-matrix.test.ts) and are not repeated here.
//
// Expectations come from the hand-written role table (view, edit_intake) and status table (intake).
// A button pressed on an old message, or a modal submitted after the case moved on, must be
// refused as firmly as a typed command: the button's presence proves nothing.

const USER: Record<RoleUnderTest, string> = { requester: 'UREQUESTER', team_lead: 'UTEAMLEAD', analyst: 'UANALYST', admin: 'UADMIN' };
const roleOf = (user: string) => ROLES_UNDER_TEST.find((r) => USER[r] === user);
const people: ResolvePerson = (_platform, userId) => {
  const role = roleOf(userId);
  if (!role) throw new Error(`authz matrix: unexpected Slack user ${userId}`);
  return personOf(role);
};
const FORM = 'applicant';
/** The applicant form checks these two: a real unified social credit code, a contact with a phone number. */
const VALID = { uscc: '91350100M000100Y43', contact: 'Wang Li, 13800138000' };

let n = 0;
const nextId = () => `RB-${(++n).toString(36).toUpperCase().padStart(6, '0')}`;
let ts = 0;
const nextTs = () => `${++ts}.000100`;

type View = Parameters<Harness['submit']>[0];
type Reply = { response_action?: string; errors?: Record<string, string> };

const refusal = (role: RoleUnderTest, situation: Situation, status: CaseStatus, id: string): RegExp | null => {
  // A case the person may not view is one that does not exist, for them; a viewer is told what their role does not allow.
  if (!roleAllows(role, situation, 'view')) return new RegExp(`^There is no case ${id} that you can see\\.$`);
  if (!roleAllows(role, situation, 'edit_intake')) return /^You are not allowed to do that for this case\.$/;
  if (!statusAllows('intake', status))
    return new RegExp(`^Case ${id} is ${STATUS_WORDS[status]}; that is possible only when it is opened / in intake / ready to submit\\.$`);
  return null;
};
/** Nothing about the case for someone who may not view it: not its people, team, summary or status. */
function expectNothingLeaked(role: RoleUnderTest, situation: Situation, status: CaseStatus, said: string) {
  if (roleAllows(role, situation, 'view')) return;
  for (const secret of [STRANGERS.requester, STRANGERS.team, STRANGERS.analyst, SECRET_SUMMARY, status]) expect(said).not.toContain(secret);
}

const cells = STATUSES.flatMap((status) => ROLES_UNDER_TEST.flatMap((role) => SITUATION_NAMES.map((situation) => [status, role, situation] as const)));

describe('authorisation matrix, Slack: Open form and the modal submission', () => {
  let h: Harness;
  let template: View;
  const seed = async (situation: Situation, status: CaseStatus): Promise<CaseRecord> => {
    const k = caseIn(nextId(), situation, status);
    expect(await h.app.store.saveCases({ newCases: [k] })).toBe('ok');
    return k;
  };
  /** The calls the adapter made for one request, once it and its follow-up work have finished. */
  const during = async (request: () => Promise<Response>): Promise<{ res: Response; calls: SlackCall[] }> => {
    const from = h.fake.calls.length;
    const res = await request();
    await h.adapter.settled();
    return { res, calls: h.fake.calls.slice(from) };
  };
  const pressOpenForm = (user: string, caseId: string) =>
    h.interact({
      type: 'block_actions',
      user: { id: user },
      team: { id: 'T1' },
      trigger_id: `trig-${nextTs()}`,
      channel: { id: h.dmChannel(user) },
      container: { type: 'message', message_ts: '1.000001', channel_id: h.dmChannel(user) },
      actions: [{ type: 'button', action_id: 'open_form', value: JSON.stringify({ caseId, form: FORM }), action_ts: nextTs() }],
    });

  beforeAll(async () => {
    h = await startHarness({ people: { resolvePerson: people } });
    // The applicant modal as Slack got it, from an admin opening an open case: every submission sends these blocks back.
    const k = await seed('other team', 'open');
    const { calls } = await during(() => pressOpenForm(USER.admin, k.id));
    template = calls.find((c) => c.method === 'views.open')!.params.view as View;
    expect(template.blocks.some((b) => b.block_id === 'legal_name')).toBe(true);
  });
  afterAll(async () => h?.close());

  it.each(cells)('%s case, %s, %s: Open form', async (status, role, situation) => {
    const before = await seed(situation, status);
    const { res, calls } = await during(() => pressOpenForm(USER[role], before.id));
    expect(res.status).toBe(200);
    const opened = calls.filter((c) => c.method === 'views.open');
    const said = calls.filter((c) => c.method === 'chat.postEphemeral' || c.method === 'chat.postMessage');
    const why = refusal(role, situation, status, before.id);
    if (why === null) {
      expect(opened).toHaveLength(1);
      expect(JSON.parse((opened[0]!.params.view as View).private_metadata)).toEqual({ caseId: before.id, form: FORM });
      expect(said).toEqual([]);
    } else {
      expect(opened).toEqual([]);
      expect(said.map((c) => c.params.text)).toEqual([expect.stringMatching(why)]);
      expect(said[0]!.params).toMatchObject({ user: USER[role] }); // ephemeral, to the person who pressed
      expectNothingLeaked(role, situation, status, JSON.stringify(said.map((c) => c.params)));
    }
    expect(await h.app.store.getCase(before.id)).toEqual(before); // opening a form writes nothing
  });

  it.each(cells)('%s case, %s, %s: the modal is submitted', async (status, role, situation) => {
    const before = await seed(situation, status);
    const view = { ...template, private_metadata: JSON.stringify({ ...JSON.parse(template.private_metadata), caseId: before.id }) };
    const values = h.fill(view, VALID);
    const res = await h.submit(view, values, USER[role], `trig-${nextTs()}`, `V${nextTs()}`);
    await h.adapter.settled();
    const reply = (await res.json()) as Reply;
    const after = (await h.app.store.getCase(before.id))!;
    const audit = (await h.app.store.auditOf(before.id)).map((a) => a.action);
    const why = refusal(role, situation, status, before.id);
    if (why === null) {
      // Saved: every field, the case moves into intake if it was open, and the next section replaces the modal.
      expect(reply.response_action).toBe('update');
      expect(Object.keys(after.intake[FORM] ?? {}).sort()).toEqual(Object.keys(values).sort());
      expect(after.intake[FORM]?.legal_name).toBe('Grid Co');
      expect(after.status).toBe(status === 'open' ? 'intake' : status);
      expect(audit.sort()).toEqual([...Object.keys(values).map((f) => `intake.${FORM}.${f}`), ...(status === 'open' ? ['case.status'] : [])].sort());
    } else {
      // Refused: the reason on the modal's first field, nothing saved.
      expect(reply).toEqual({ response_action: 'errors', errors: { [template.blocks.find((b) => b.block_id)!.block_id!]: expect.stringMatching(why) } });
      expect(after).toEqual(before);
      expect(audit).toEqual([]);
      expectNothingLeaked(role, situation, status, JSON.stringify(reply));
    }
  });
});

describe('authorisation matrix, Slack: App Home lists the cases a person may view, with Open form where the intake may be edited now', () => {
  let h: Harness;
  const ids = {} as Record<Situation, string>;
  let cases: CaseRecord[] = [];
  beforeAll(async () => {
    // Its own app: App Home shows 20 cases at most, so only these five may be in the store.
    h = await startHarness({ people: { resolvePerson: people } });
    cases = SITUATION_NAMES.map((situation) => {
      const k = caseIn(nextId(), situation, 'open');
      ids[situation] = k.id;
      return k;
    });
    expect(await h.app.store.saveCases({ newCases: cases })).toBe('ok');
  });
  afterAll(async () => h?.close());

  const views = STATUSES.flatMap((status) => ROLES_UNDER_TEST.map((role) => [status, role] as const));
  it.each(views)('cases that are %s, seen by the %s', async (status, role) => {
    // The five cases move to the status under test (a store write, as the lifecycle would leave them).
    const moved = cases.map((k) => ({ ...k, status, updatedAt: `${k.updatedAt.slice(0, 19)}.${String(STATUSES.indexOf(status) + 1).padStart(3, '0')}Z` }));
    expect(await h.app.store.saveCases({ updates: moved.map((k, i) => ({ case: k, expectedUpdatedAt: cases[i]!.updatedAt })) })).toBe('ok');
    cases = moved;
    const from = h.fake.calls.length;
    expect((await h.event({ type: 'app_home_opened', user: USER[role], tab: 'home' })).status).toBe(200);
    await h.adapter.settled();
    const published = h.fake.calls.slice(from).filter((c) => c.method === 'views.publish');
    expect(published).toHaveLength(1);
    const blocks = (published[0]!.params.view as { blocks: { type: string; elements?: { action_id?: string; value?: string }[] }[] }).blocks;
    const text = JSON.stringify(blocks);
    const buttons = blocks
      .flatMap((b) => b.elements ?? [])
      .filter((e) => e.action_id?.startsWith('open_form'))
      .map((e) => JSON.parse(e.value!).caseId as string);
    for (const situation of SITUATION_NAMES) {
      expect(text.includes(ids[situation]), `${situation} listed`).toBe(roleAllows(role, situation, 'view'));
      expect(buttons.includes(ids[situation]), `${situation} has Open form`).toBe(roleAllows(role, situation, 'edit_intake') && statusAllows('intake', status));
    }
  });
});
