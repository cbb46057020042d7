import { INTAKE_PLAN, registry, triageFlow } from '../../flows/index.js';
import { createApp, type App } from '../../src/app.js';
import { withNextActions } from '../../src/runtime/next-actions.js';
import { loadConfig } from '../../src/config.js';
import { caseDeadlines, CATEGORIES, MAX_FREE_TEXT, SHIPPED_WATCHLIST } from '../../src/domain/index.js';
import { renderDecision, renderQuestion as render, type Form, type Outbound, type StepDef } from '../../src/engine/index.js';
import type { Lang } from '../../src/i18n/index.js';
import { countersignNotice, deadlineMovedNotice, deadlineReminder, digestReminder, silentLogger, type HomeView } from '../../src/runtime/index.js';
import type { NewReminder } from '../../src/store/index.js';
import { fakeNlu } from './fake-nlu.js';
import { FIXED_NOW, replay } from './replay.js';

// Everything the bot shows a person, in one language, produced by the real engine, flows and runtime
// (in-memory store, the deterministic fake language layer): every question with choices, with and
// without a guess; decisions of each outcome; help, why, errors and reminders; intake sections as
// forms, empty, filled with the longest answers allowed, with field errors and with a banner; the
// home view with and without cases. The Teams browser test and the Slack limit test check the same set.

export type Question = Extract<Outbound, { type: 'question' }>;
export type Fixture =
  | { name: string; kind: 'message'; msg: Outbound }
  | { name: string; kind: 'answered'; asked: Question; answer: string }
  | { name: string; kind: 'form'; form: Form; errors?: Record<string, string>; banner?: string }
  | { name: string; kind: 'home'; view: HomeView };

/** The longest a free-text answer can be (the fake language layer reads "router" / "路由器" in it). */
export const longAnswer = (lang: Lang): string =>
  (lang === 'en'
    ? 'We want to replace the core router fleet of the provincial dispatch network. '
    : '我们计划更换省级电力调度数据网的核心路由器，并同步升级相关的网络管理系统。'
  )
    .repeat(100)
    .slice(0, MAX_FREE_TEXT);
/** A long supplier name: the field's 200-character maximum, one word that cannot wrap included. */
export const longSupplier = (lang: Lang): string =>
  (lang === 'en'
    ? 'Shenzhen Huaxin International Network Communication Technology Equipment Manufacturing and Systems Integration Services Holdings Co., Ltd. (HuaxinNetworkCommunicationTechnologyEquipment)'
    : '深圳市华信国际网络通信技术设备制造与系统集成服务控股有限公司前海深港现代服务业合作区粤港澳大湾区分公司（HuaxinNetworkCommunicationTechnologyEquipment）'
  )
    .padEnd(200, lang === 'en' ? ' Ltd.' : '。')
    .slice(0, 200);

const say = (lang: Lang, en: string, zh: string) => (lang === 'en' ? en : zh);
const renderQuestion = (lang: Lang, step: StepDef, suggestion?: string) => render(lang, step, suggestion) as Question;
const questionsOf = (out: Outbound[]) => out.filter((m): m is Question => m.type === 'question');
const last = <T>(xs: readonly T[]): T => {
  if (xs.length === 0) throw new Error('fixture: nothing produced');
  return xs[xs.length - 1]!;
};

function engineFixtures(lang: Lang): Fixture[] {
  const out: Fixture[] = [];
  const start = say(lang, 'review', '审查');
  const yes = say(lang, 'yes', '是');
  // Every step with choices of every flow, as the engine asks it.
  for (const flow of registry.flows) {
    for (const step of Object.values(flow.steps)) {
      if (step.choices?.length) out.push({ name: `question-${flow.id}-${step.id}`, kind: 'message', msg: renderQuestion(lang, step) });
    }
  }
  // The category question with a guess (first and last in the flow's order).
  for (const guess of [CATEGORIES[0]!, CATEGORIES[CATEGORIES.length - 1]!]) {
    out.push({ name: `question-category-suggested-${guess}`, kind: 'message', msg: renderQuestion(lang, triageFlow.steps.category!, guess) });
  }
  // Decisions of each outcome, with their reasons, from real answers (choice ids: the same in both languages).
  const decisions: [string, string[]][] = [
    ['required', [start, 'purchase', 'hpc_servers', 'yes', 'yes']],
    ['assess', [start, 'purchase', 'large_storage', 'yes', 'no']],
    ['not_required', [start, 'purchase', 'not_network_product']],
    ['listing-required', [start, 'listing', 'abroad', 'yes']],
  ];
  // A purchase naming a supplier on the watchlist: the decision carries the warning with its source.
  decisions.push(['watchlist-warning', [say(lang, 'we want to buy 20 core routers with Micron memory', '我们想采购20台路由器，内存用美光的'), yes, 'no']]);
  for (const [name, inputs] of decisions) {
    const r = replay(inputs, { ctx: { watchlist: SHIPPED_WATCHLIST } });
    if (!r.decision) throw new Error(`fixture: no decision for ${lang} ${name}`);
    out.push({ name: `decision-${name}`, kind: 'message', msg: r.decision });
    for (const m of r.last.filter((x) => x.type === 'info')) out.push({ name: `decision-${name}-next`, kind: 'message', msg: m });
  }
  // The answered card: a short answer and the longest a label can be shown.
  const ciio = questionsOf(replay([start, 'purchase', 'hpc_servers']).last)[0]!;
  out.push({ name: 'answered-ciio', kind: 'answered', asked: ciio, answer: ciio.choices![0]!.label });
  const category = renderQuestion(lang, triageFlow.steps.category!, CATEGORIES[0]);
  out.push({ name: 'answered-category', kind: 'answered', asked: category, answer: category.choices![CATEGORIES.length - 1]!.label });
  // What help, why and a wrong answer say (plain text on every platform).
  out.push({ name: 'text-help', kind: 'message', msg: replay([start, say(lang, 'help', '帮助')]).last.find((m) => m.type === 'info')! });
  out.push({ name: 'text-why', kind: 'message', msg: last(replay([longAnswer(lang), yes, say(lang, 'why', '为什么')]).last.filter((m) => m.type === 'info')) });
  const wrong = replay([start, say(lang, 'the blue one', '蓝色的那个')]).last;
  out.push({ name: 'text-error', kind: 'message', msg: wrong.find((m) => m.type === 'error')! });
  for (const f of out) if (f.kind === 'message' && !f.msg) throw new Error(`fixture: ${lang} ${f.name} produced nothing`);
  return out;
}

/**
 * Reminders as the scheduler delivers them (Bot.presentReminder), buttons included: a deadline
 * reminder to the case's requester (who, with no lead or analyst, is reminded and may do all four
 * things), a moved date, and a weekly digest naming more cases than get a button.
 */
async function reminderFixtures(app: App, user: string, caseId: string): Promise<Fixture[]> {
  const recipient = app.resolvePerson('teams', user).key;
  const k = await app.store.getCase(caseId);
  const deadlines = k ? caseDeadlines(k, app.deadlines) : null;
  const d = deadlines?.ok ? deadlines.value[0] : undefined;
  if (!d) throw new Error('fixture: the case has no deadline');
  const at = FIXED_NOW.toISOString();
  const item = (i: number) => ({
    caseId: `RB-00000${i}`,
    kind: 'intake_target' as const,
    due: '2026-03-04',
    provisional: false,
    outerBound: false,
    overdueBy: 0,
    waiting: { type: 'assignment' as const },
  });
  const rows: [string, NewReminder][] = [
    ['deadline', deadlineReminder(caseId, recipient, { deadline: d, when: 'T-3', overdueBy: 0, day: '2026-03-02' }, at)],
    ['deadline-moved', deadlineMovedNotice(caseId, recipient, { kind: d.kind, from: d.due, to: '2026-12-31', wasProvisional: false, provisional: true }, at)],
    [
      'digest',
      digestReminder(
        recipient,
        '2026-03-02',
        'requested',
        {
          overdue: [{ ...item(1), due: '2026-02-26', overdueBy: 2 }],
          dueThisWeek: [2, 3, 4, 5, 6, 7].map(item),
        },
        7,
        at,
      ),
    ],
    ['countersign-requested', countersignNotice(caseId, recipient, at)],
  ];
  await app.store.scheduleReminders(rows.map(([, r]) => r));
  const out: Fixture[] = [];
  for (const stored of await app.store.pendingReminders(recipient, '2100-01-01T00:00:00.000Z')) {
    const shown = await app.bot.presentReminder(stored);
    if (shown.type !== 'send') throw new Error(`fixture: reminder ${stored.kind} not delivered: ${shown.reason}`);
    const name = rows.find(([, r]) => r.dedupeKey === stored.dedupeKey)?.[0] ?? stored.kind;
    for (const msg of shown.messages) out.push({ name: `reminder-${name}`, kind: 'message', msg });
  }
  return out;
}

/** One app for all runtime fixtures: intake forms and home views come from the real runtime, as the adapters get them. */
async function runtimeFixtures(app: App, lang: Lang): Promise<Fixture[]> {
  const out: Fixture[] = [];
  const user = `cards-${lang}`;
  const handle = (text: string) => app.bot.handle({ platform: 'teams', userId: user, input: { type: 'text', text }, forms: true });
  await handle(say(lang, 'lang en', 'lang zh'));
  out.push({ name: 'home-empty', kind: 'home', view: await app.bot.home('teams', user) });
  // Two cases: one described at length (the 2,000-character limit) from a long-named supplier, one short.
  let caseId = '';
  const described = `${longAnswer(lang).slice(0, MAX_FREE_TEXT - 210)} ${longSupplier(lang)}`;
  for (const first of [described, say(lang, 'we want to buy 20 core routers', '我们想采购20台核心路由器')]) {
    let reply = await handle(first);
    for (const answer of [say(lang, 'yes', '是'), say(lang, 'yes', '是'), say(lang, 'yes', '是')]) {
      if (reply.messages.some((m) => m.type === 'decision')) break;
      reply = await handle(answer);
    }
    const decision = reply.messages.find((m): m is Extract<Outbound, { type: 'decision' }> => m.type === 'decision');
    // The decision as the runtime sends it: the case's reference and the person's next actions (all four here).
    if (decision && !caseId) out.push({ name: 'decision-with-actions', kind: 'message', msg: decision });
    caseId ||= decision?.caseId ?? '';
  }
  // A not_required outcome as its closed risk-prediction record: its reference and the export action.
  const opened = await app.store.getCase(caseId);
  if (opened) {
    const record = { ...opened, status: 'closed' as const, triage: { ...opened.triage, outcome: 'not_required' as const } };
    const [msg] = await withNextActions(
      { registry: app.registry } as Parameters<typeof withNextActions>[0],
      app.resolvePerson('teams', user),
      [renderDecision(lang, { outcome: 'not_required', rule: 'R13', reasons: [], openCase: false, warnings: [] }, caseId)],
      lang,
      async () => record,
    );
    out.push({ name: 'decision-record', kind: 'message', msg: msg! });
  }
  if (!caseId) throw new Error('fixture: no case was opened');
  // The long case shown in chat (its 2,000-character description, the long supplier name in it), and the case list.
  for (const m of (await handle(`${say(lang, 'show', '查看')} ${caseId}`)).messages) out.push({ name: 'text-show-case', kind: 'message', msg: m });
  for (const m of (await handle(say(lang, 'status', '状态'))).messages) out.push({ name: 'text-status', kind: 'message', msg: m });
  // `intake RB-…` on a platform with forms: a message whose button opens the section.
  for (const m of (await handle(`${say(lang, 'intake', '填写')} ${caseId}`)).messages) out.push({ name: 'form-message', kind: 'message', msg: m });
  // Someone else's risk-prediction record: this person (every role, no people file) may countersign it.
  for (const text of ['review', 'purchase', 'not_network_product'])
    await app.bot.handle({ platform: 'teams', userId: `${user}-other`, input: { type: 'text', text } });
  out.push({ name: 'home-cases', kind: 'home', view: await app.bot.home('teams', user) });
  out.push(...(await reminderFixtures(app, user, caseId)));

  const req = { platform: 'teams' as const, userId: user, caseId };
  // Every section of a purchase (its first line item as item-1), empty.
  for (const form of INTAKE_PLAN.purchase.map((f) => (f === 'item' ? 'item-1' : f))) {
    const opened = await app.bot.openForm({ ...req, form });
    if (!opened.ok) throw new Error(`fixture: ${form}: ${opened.message}`);
    out.push({ name: `form-${form}-empty`, kind: 'form', form: opened.form });
  }
  // The purchase section with the longest values allowed, then with problems, as the Teams dialog shows them again.
  const purchase = registry.flows.find((f) => f.id === 'intake.purchase.purchase')!;
  const full = Object.fromEntries(Object.values(purchase.steps).map((s) => [s.id, s.choices ? s.choices.at(-1)!.id : s.input === 'date' ? '2026-04-01' : 'x']));
  const long = { ...full, planned_go_live_date: '2026-05-01', deployment: longAnswer(lang).slice(0, 1000) };
  const bad = { ...long, planned_purchase_date: say(lang, 'next spring', '明年春天'), planned_go_live_date: '2026-02-01', deployment: longAnswer(lang) };
  const refused = await app.bot.submitForm({ ...req, form: 'purchase', values: bad });
  if (refused.ok) throw new Error('fixture: the bad purchase section was accepted');
  const again = await app.bot.openForm({ ...req, form: 'purchase' });
  if (!again.ok) throw new Error('fixture: purchase');
  const typed = { ...again.form, fields: again.form.fields.map((f) => (f.id in bad ? { ...f, value: bad[f.id as keyof typeof bad] } : f)) };
  out.push({ name: 'form-purchase-errors', kind: 'form', form: typed, errors: refused.errors, banner: refused.message });
  const saved = await app.bot.submitForm({ ...req, form: 'purchase', values: long });
  if (!saved.ok) throw new Error(`fixture: the long purchase section was refused: ${saved.message}`);
  if (saved.next) out.push({ name: 'form-next-after-save', kind: 'form', form: saved.next, banner: saved.message });
  // The supplier and a line item with the longest names allowed.
  const supplier = {
    name: longSupplier(lang),
    country_region: 'x',
    controller: longSupplier(lang),
    role: 'service_provider',
    component_origin: longAnswer(lang).slice(0, 1000),
  };
  const item = {
    product: longSupplier(lang).padEnd(300, '.').slice(0, 300),
    model_version: longSupplier(lang),
    quantity: '1000000000',
    unit_price: '9,999,999,999,999',
    total_amount: '1万亿',
  };
  await app.bot.submitForm({ ...req, form: 'supplier', values: supplier });
  await app.bot.submitForm({ ...req, form: 'item-1', values: item });
  for (const form of ['supplier', 'item-1', 'purchase']) {
    const filled = await app.bot.openForm({ ...req, form });
    if (filled.ok) out.push({ name: `form-${form}-long`, kind: 'form', form: filled.form });
  }
  return out;
}

/** Every fixture in both languages; names are unique within a language. */
export async function chatFixtures(): Promise<Record<Lang, Fixture[]>> {
  const c = loadConfig({ REVIEW_BOT_DB: ':memory:' });
  if (!c.ok) throw new Error(c.error);
  const app = await createApp(c.value, { nlu: fakeNlu(), log: silentLogger, clock: () => FIXED_NOW });
  try {
    const result = {} as Record<Lang, Fixture[]>;
    for (const lang of ['en', 'zh-CN'] as const) {
      const all = [...engineFixtures(lang), ...(await runtimeFixtures(app, lang))];
      const seen = new Map<string, number>();
      result[lang] = all.map((f) => {
        const n = (seen.get(f.name) ?? 0) + 1;
        seen.set(f.name, n);
        return n === 1 ? f : { ...f, name: `${f.name}-${n}` };
      });
    }
    return result;
  } finally {
    await app.close();
  }
}
