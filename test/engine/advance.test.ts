import { describe, expect, it } from 'vitest';
import { registry, triageFlow } from '../../flows/index.js';
import { advance, type ConvState, type Flow, type FlowRegistry } from '../../src/engine/index.js';
import { context, replay } from '../support/replay.js';

const text = (m: { type: string }) => ('text' in m ? (m as { text: string }).text : '');

describe('global commands', () => {
  it('back re-asks the previous question and forgets only that answer', () => {
    const run = replay(['review', 'purchase', 'hpc_servers', 'back']);
    expect(run.last).toMatchObject([{ type: 'question', step: 'category' }]);
    expect(run.state?.answers).toEqual({ matter: 'purchase' });
  });

  it('back on the first question says there is nothing to go back to', () => {
    const run = replay(['review', 'back']);
    expect(run.last[0]).toMatchObject({ type: 'error' });
    expect(run.state?.answers).toEqual({});
  });

  it('edit after a decision drops answers that no longer apply and recomputes the decision', () => {
    const run = replay(['review', 'purchase', 'hpc_servers', 'yes', 'yes', 'edit category', 'not_network_product']);
    expect(run.decision?.outcome).toBe('required'); // the first decision
    const last = run.last.find((m) => m.type === 'decision');
    expect(last).toMatchObject({ outcome: 'not_required', caseId: 'RB-TEST1' });
    expect(run.state?.answers).toEqual({ matter: 'purchase', category: 'not_network_product' });
    expect(run.effects.filter((e) => e.type === 'updateCaseTriage')).toHaveLength(1);
    expect(run.effects.filter((e) => e.type === 'openCase')).toHaveLength(1);
  });

  it('edit keeps later answers that still apply', () => {
    const run = replay(['review', 'purchase', 'hpc_servers', 'yes', 'edit category', 'cloud_services']);
    expect(run.last).toMatchObject([{ type: 'question', step: 'affects_national_security' }]);
    expect(run.state?.answers).toEqual({ matter: 'purchase', category: 'cloud_services', ciio: 'yes' });
  });

  it('edit accepts the step number and the Chinese name', () => {
    expect(replay(['review', 'purchase', 'hpc_servers', 'edit 2']).last).toMatchObject([{ type: 'question', step: 'category' }]);
    expect(replay(['审查', '采购', 'hpc_servers', '修改 产品类别']).last).toMatchObject([{ type: 'question', step: 'category' }]);
  });

  it('edit of a step that is not on the path is refused and lists what can be edited', () => {
    const run = replay(['review', 'purchase', 'edit personal_info_users_over_1m']);
    expect(run.last[0]).toMatchObject({ type: 'error' });
    // By number and name, never by internal id.
    expect(text(run.last[0]!)).toContain('1. what the check is about; 2. product category');
    expect(text(run.last[0]!)).not.toMatch(/matter|category \(/);
    expect(run.state?.answers).toEqual({ matter: 'purchase' });
  });

  it('restart starts from the first question with no answers', () => {
    const run = replay(['review', 'purchase', 'hpc_servers', 'restart']);
    expect(run.state?.answers).toEqual({});
    expect(run.last.at(-1)).toMatchObject({ type: 'question', step: 'matter' });
  });

  it('cancel ends the conversation; a later answer is not applied', () => {
    const run = replay(['review', 'purchase', 'cancel', { type: 'choice', step: 'category', choice: 'hpc_servers' }]);
    expect(run.state).toBeNull();
    expect(run.last[0]).toMatchObject({ type: 'error', step: 'category' });
  });

  it('help explains the current step and re-asks it without changing anything', () => {
    const ctx = context();
    const started = advance(ctx, null, { type: 'text', text: 'review' });
    const r = advance(ctx, started.state, { type: 'text', text: 'help' });
    expect(r.changed).toBe(false);
    expect(r.state).toBe(started.state);
    expect(r.out.at(-1)).toMatchObject({ type: 'question', step: 'matter' });
    expect(r.out.map(text).join(' ')).toMatch(/back, edit/);
  });

  it('status asks the caller for the case list (a read effect)', () => {
    const run = replay(['status']);
    expect(run.effects).toEqual([{ type: 'showStatus', lang: 'en' }]);
  });

  it('lang switches the language and re-asks in it', () => {
    const run = replay(['review', 'lang zh']);
    expect(run.state?.lang).toBe('zh-CN');
    expect(run.last.at(-1)).toMatchObject({ type: 'question', text: '本次申报预判涉及什么事项？' });
    expect(run.effects).toContainEqual({ type: 'setLang', lang: 'zh-CN' });
    expect(replay(['审查', '语言 en']).state?.lang).toBe('en');
  });

  it('commands work in Chinese', () => {
    expect(replay(['审查', '采购网络产品或服务', '返回']).state?.answers).toEqual({});
    expect(replay(['审查', '采购网络产品或服务', '取消']).state).toBeNull();
    expect(replay(['审查', '采购网络产品或服务', '重新开始']).state?.answers).toEqual({});
    expect(replay(['审查', '采购网络产品或服务', '为什么']).last[0]).toMatchObject({ type: 'info' });
  });

  it('an unknown slash command gets a clear message and changes nothing', () => {
    const ctx = context();
    const started = advance(ctx, null, { type: 'text', text: 'review' });
    const r = advance(ctx, started.state, { type: 'text', text: '/frobnicate now' });
    expect(r.changed).toBe(false);
    expect(r.out[0]).toMatchObject({ type: 'error' });
    expect(text(r.out[0]!)).toContain('/frobnicate');
  });
});

describe('answers are tagged with their step', () => {
  it('a click for the pending step is applied', () => {
    const run = replay(['review', { type: 'choice', step: 'matter', choice: 'purchase' }]);
    expect(run.state?.answers).toEqual({ matter: 'purchase' });
  });

  it('a stale click (that step is no longer pending) is refused and never applied twice', () => {
    const run = replay(['review', { type: 'choice', step: 'matter', choice: 'purchase' }, { type: 'choice', step: 'matter', choice: 'listing' }]);
    expect(run.last[0]).toMatchObject({ type: 'error', step: 'matter' });
    expect(run.state?.answers).toEqual({ matter: 'purchase' });
  });

  it('a click on a choice the step does not offer is refused', () => {
    const run = replay(['review', { type: 'choice', step: 'matter', choice: 'maybe' }]);
    expect(run.last[0]).toMatchObject({ type: 'error', step: 'matter' });
    expect(run.state?.answers).toEqual({});
  });

  it('a click after the decision is stale', () => {
    const run = replay(['review', 'listing', 'abroad', 'yes', { type: 'choice', step: 'personal_info_users_over_1m', choice: 'no' }]);
    expect(run.last[0]).toMatchObject({ type: 'error' });
    expect(run.state?.answers).toEqual({ matter: 'listing', listing_venue: 'abroad', personal_info_users_over_1m: 'yes' });
  });
});

describe('bad input changes nothing', () => {
  const ctx = context();
  const started = advance(ctx, null, { type: 'text', text: 'review' });
  const cases: [string, string, RegExp][] = [
    ['empty', '   ', /empty/],
    ['10,000 characters', 'x'.repeat(10_000), /too long/],
    ['control characters', 'no\u0007', /control characters/],
    ['broken encoding', 'n\uFFFDo', /not valid text/],
    ['a terminal escape sequence', '\u001b[2Jno', /control characters/],
    ['a right-to-left override', 'no\u202E', /direction-control/],
    ['a bidi isolate', '\u2067no\u2069', /direction-control/],
    ['wrong answer type', 'purple', /choose one of/],
  ];
  it.each(cases)('%s', (_n, input, message) => {
    const r = advance(ctx, started.state, { type: 'text', text: input });
    expect(r.changed).toBe(false);
    expect(r.state).toBe(started.state);
    expect(r.effects).toEqual([]);
    expect(r.out[0]).toMatchObject({ type: 'error', step: 'matter' });
    expect(text(r.out[0]!)).toMatch(message);
  });

  it('errors come in the conversation language', () => {
    const zh = advance(ctx, null, { type: 'text', text: '审查' });
    const r = advance(ctx, zh.state, { type: 'text', text: '' });
    expect(text(r.out[0]!)).toBe('请输入回答（消息为空）。');
  });
});

describe('flow versions', () => {
  // A made-up next version of the shipped flow, to test the registry's rules on their own.
  const v3: Flow = { ...triageFlow, version: 3 };
  const onV2: ConvState = { flow: 'triage', version: 2, lang: 'en', status: 'active', answers: { matter: 'purchase' }, inferred: [], suggestion: {} };

  it('a conversation finishes on its own version while that version ships', () => {
    const reg: FlowRegistry = { flows: [triageFlow, v3], migrations: [] };
    const run = replay(['hpc_servers'], { registry: reg, state: onV2 });
    expect(run.state).toMatchObject({ version: 2, answers: { matter: 'purchase', category: 'hpc_servers' } });
  });

  it('an explicit migration moves it to the new version', () => {
    const reg: FlowRegistry = { flows: [v3], migrations: [{ flow: 'triage', from: 2, to: 3, migrate: (a) => ({ ...a }) }] };
    const run = replay(['hpc_servers'], { registry: reg, state: onV2 });
    expect(run.state).toMatchObject({ version: 3, answers: { matter: 'purchase', category: 'hpc_servers' } });
  });

  it('with neither, it says so and starts again instead of crashing', () => {
    const reg: FlowRegistry = { flows: [v3], migrations: [] };
    const run = replay(['review'], { registry: reg, state: onV2 });
    expect(text(run.last[0]!)).toMatch(/changed since you started/);
    expect(run.state).toMatchObject({ version: 3, answers: {} });
  });
});

describe('a first free-text message', () => {
  it('takes the language of the message', () => {
    expect(replay(['想采购20台华为核心路由器']).state?.lang).toBe('zh-CN');
    expect(replay(['we want to buy 20 core routers']).state?.lang).toBe('en');
  });

  it('pre-fills the category and asks to confirm it, guess first', () => {
    const run = replay(['想采购20台华为核心路由器']);
    expect(run.last[0]).toMatchObject({ type: 'question', step: 'category' });
    const q = run.last[0] as { choices: { id: string }[] };
    expect(q.choices[0]!.id).toBe('core_network_equipment');
    expect(q.choices).toHaveLength(9);
    expect(text(run.last[0]!)).toContain('核心网络设备');
    expect(run.effects).toContainEqual(expect.objectContaining({ type: 'recordAnswer', step: 'matter', value: 'purchase', inferred: true }));
  });

  it('a greeting is answered, not triaged', () => {
    const run = replay(['hello']);
    expect(run.state).toBeNull();
    expect(run.last[0]).toMatchObject({ type: 'info' });
  });

  it.each(['xyz qwerty', '3', '检查一下'])('%j makes nothing clear: the matter is asked, nothing is inferred, the words are kept', (first) => {
    const run = replay([first]);
    expect(run.last).toMatchObject([{ type: 'question', step: 'matter' }]);
    expect(run.state).toMatchObject({ answers: {}, inferred: [], suggestion: {}, summary: first });
    expect(run.effects).toEqual([]);
  });

  it('"we want to buy 20 routers": the purchase is inferred and the category suggested', () => {
    const run = replay(['we want to buy 20 routers']);
    expect(run.state).toMatchObject({ answers: { matter: 'purchase' }, inferred: ['matter'], suggestion: { category: 'core_network_equipment' } });
    expect(run.last.at(-1)).toMatchObject({ type: 'question', step: 'category' });
  });
});

describe('a typed answer to a question that has closed meanwhile (another window finished or cancelled the check)', () => {
  const ctx = context();
  const tagged = (text: string, step = 'affects_national_security') => ({ type: 'text' as const, text, step });
  const upToImpact = replay(['review', 'purchase', 'hpc_servers', 'yes']).state!;
  const decided = replay(['review', 'purchase', 'hpc_servers', 'yes', 'yes']).state!;
  const closed: [string, ConvState | null, RegExp][] = [
    ['cancelled (no conversation)', null, /Nothing is in progress\. Type "review"/],
    ['decided', decided, /This check is finished\. Type "review" to start a new one/],
  ];

  it.each(closed)('%s: a plain answer is refused, says how to start anew, and changes nothing', (_n, state, next) => {
    for (const text of ['3', 'yes', 'we want to buy 20 routers']) {
      const r = advance(ctx, state, tagged(text));
      expect(r.changed).toBe(false);
      expect(r.state).toBe(state);
      expect(r.effects).toEqual([]);
      expect(r.out).toHaveLength(2);
      expect(r.out[0]).toMatchObject({ type: 'error', step: 'affects_national_security', text: expect.stringMatching(/no longer open/) });
      expect(r.out[1]).toMatchObject({ type: 'info', text: expect.stringMatching(next) });
    }
  });

  it.each(closed)('%s: commands still work when tagged with the closed question', (_n, state) => {
    for (const text of ['review', '/review', '审查', 'restart']) {
      const r = advance(ctx, state, tagged(text));
      expect(r.state).toMatchObject({ flow: 'triage', status: 'active', answers: {} });
      expect(r.out.at(-1)).toMatchObject({ type: 'question', step: 'matter' });
    }
    expect(advance(ctx, state, tagged('help')).out[0]).toMatchObject({ type: 'info', text: expect.stringMatching(/back, edit/) });
    expect(advance(ctx, state, tagged('status')).effects).toEqual([{ type: 'showStatus', lang: 'en' }]);
    expect(advance(ctx, state, tagged('lang zh')).effects).toEqual([{ type: 'setLang', lang: 'zh-CN' }]);
  });

  it('edit of a decided check still works when tagged with its last question', () => {
    const r = advance(ctx, decided, tagged('edit category'));
    expect(r.out.at(-1)).toMatchObject({ type: 'question', step: 'category' });
    expect(r.state?.answers).toEqual({ matter: 'purchase', ciio: 'yes', affects_national_security: 'yes' });
  });

  it('untagged, the same words after a cancel start a new check as any first message does', () => {
    const r = advance(ctx, null, { type: 'text', text: 'we want to buy 20 routers' });
    expect(r.state).toMatchObject({ answers: { matter: 'purchase' }, summary: 'we want to buy 20 routers' });
  });

  it('still pending, the tagged answer is applied as before', () => {
    const r = advance(ctx, upToImpact, tagged('yes'));
    expect(r.out.find((m) => m.type === 'decision')).toMatchObject({ outcome: 'required' });
  });
});

describe('registry', () => {
  it('every step id equals its fact key', () => {
    for (const [k, s] of Object.entries(registry.flows[0]!.steps)) expect(s.id).toBe(k);
  });
  it('answer schemas reject values of the wrong type', () => {
    expect(triageFlow.steps.ciio!.schema.safeParse(42).success).toBe(false);
    expect(triageFlow.steps.ciio!.schema.safeParse('unsure').success).toBe(true);
  });
});
