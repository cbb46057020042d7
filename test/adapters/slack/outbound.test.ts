import { describe, expect, it } from 'vitest';
import { triageFlow } from '../../../flows/index.js';
import { CATEGORIES } from '../../../src/domain/index.js';
import { renderQuestion, type Form, type Outbound } from '../../../src/engine/index.js';
import { t, type MessageKey } from '../../../src/i18n/index.js';
import type { HomeView } from '../../../src/runtime/index.js';
import { labelsFor } from '../../../adapters/slack/index.js';
import { parseAnswerValue, parseFormRef, parseReminderAction } from '../../../adapters/slack/inbound.js';
import { answeredBlocks, cut, formModal, homeBlocks, toSlack, type Block } from '../../../adapters/slack/outbound.js';

// Outbound -> Block Kit is a pure function: every case here is data in, blocks out.

const en = labelsFor('en');
const zh = labelsFor('zh-CN');
type El = {
  type: string;
  action_id: string;
  value?: string;
  text?: { text: string };
  options?: { value: string; text: { text: string } }[];
  placeholder?: { text: string };
};
const controls = (blocks: Block[]) => (blocks.find((b) => b.type === 'actions')?.elements ?? []) as El[];
const choices = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `c${i}`, label: `Choice ${i}` }));
const question = (n: number): Outbound => ({ type: 'question', step: 'ciio', text: 'Is the buyer a CIIO?', input: 'choice', choices: choices(n) });

describe('questions', () => {
  it.each([
    [0, []],
    [1, ['button']],
    [3, ['button', 'button', 'button']],
    [5, ['button', 'button', 'button', 'button', 'button']],
    [6, ['static_select']],
    [8, ['static_select']],
  ])('%i choice(s) -> %j', (n, kinds) => {
    const s = toSlack(question(n), en);
    expect(controls(s.blocks).map((e) => e.type)).toEqual(kinds);
    expect(s).toMatchObject({ text: 'Is the buyer a CIIO?', ephemeral: false });
  });

  it('every button and option carries the step it answers and its choice id', () => {
    for (const n of [3, 8]) {
      const el = controls(toSlack(question(n), en).blocks);
      const values = el[0]!.type === 'static_select' ? el[0]!.options!.map((o) => o.value) : el.map((b) => b.value!);
      expect(values.map(parseAnswerValue)).toEqual(choices(n).map((c) => ({ step: 'ciio', choice: c.id })));
    }
  });

  it("buttons have distinct action ids; the select has the placeholder in the person's language", () => {
    expect(new Set(controls(toSlack(question(4), en).blocks).map((e) => e.action_id)).size).toBe(4);
    expect(controls(toSlack(question(7), zh).blocks)[0]!.placeholder!.text).toBe('请选择…');
  });

  it('labels longer than Slack allows are cut with a mark; mrkdwn control characters are escaped', () => {
    const long = 'x'.repeat(80);
    const s = toSlack({ type: 'question', step: 's', text: 'A < B & C > D', input: 'choice', choices: [{ id: 'a', label: long }] }, en);
    expect(controls(s.blocks)[0]!.text!.text).toBe(`${'x'.repeat(74)}…`);
    expect((s.blocks[0]!.text as { text: string }).text).toBe('A &lt; B &amp; C &gt; D');
    expect(s.text).toBe('A < B & C > D'); // notification text is plain
  });

  it('a guess among many choices: marked in place in the select, and a "Yes, that\'s right" button that answers with it', () => {
    const guess = CATEGORIES[CATEGORIES.length - 1]!;
    for (const [lang, labels] of [
      ['en', en],
      ['zh-CN', zh],
    ] as const) {
      const q = renderQuestion(lang, triageFlow.steps.category!, guess);
      const [select, yes] = controls(toSlack(q, labels).blocks);
      expect(select!.options!.map((o) => parseAnswerValue(o.value)!.choice)).toEqual([...CATEGORIES]);
      const label = t(lang, `category.${guess}` as MessageKey);
      expect(select!.options!.map((o) => o.text!.text)).toEqual(
        CATEGORIES.map((c) => (c === guess ? labels.suggested(label) : t(lang, `category.${c}` as MessageKey))),
      );
      expect(yes).toMatchObject({ type: 'button', action_id: 'answer:yes', style: 'primary', text: { text: t(lang, 'platform.confirm_suggestion') } });
      // The answered message shows the category, not the button's words or the mark.
      expect(parseAnswerValue(yes!.value)).toEqual({ step: 'category', choice: guess, label });
      expect(parseAnswerValue(select!.options!.at(-1)!.value)).toEqual({ step: 'category', choice: guess, label });
    }
  });

  it('no guess: the select alone, nothing marked', () => {
    const el = controls(toSlack(renderQuestion('en', triageFlow.steps.category!), en).blocks);
    expect(el.map((e) => e.type)).toEqual(['static_select']);
    expect(el[0]!.options!.map((o) => parseAnswerValue(o.value))).toEqual(CATEGORIES.map((c) => ({ step: 'category', choice: c })));
  });

  it('a guess among a few buttons is highlighted and marked in place; no extra button', () => {
    const q: Outbound = {
      type: 'question',
      step: 'ciio',
      text: 'Is the buyer a CIIO?',
      input: 'choice',
      choices: choices(3).map((c, i) => (i === 2 ? { ...c, suggested: true as const } : c)),
    };
    const el = controls(toSlack(q, en).blocks);
    expect(el.map((b) => [b.text!.text, (b as El & { style?: string }).style ?? null, parseAnswerValue(b.value)])).toEqual([
      ['Choice 0', null, { step: 'ciio', choice: 'c0' }],
      ['Choice 1', null, { step: 'ciio', choice: 'c1' }],
      ['Choice 2 (suggested)', 'primary', { step: 'ciio', choice: 'c2', label: 'Choice 2' }],
    ]);
  });

  it('a free-text question has no controls', () => {
    expect(toSlack({ type: 'question', step: 'n', text: 'How many?', input: 'number' }, en).blocks.map((b) => b.type)).toEqual(['section']);
  });
});

describe('other messages', () => {
  it('an error is ephemeral and marked', () => {
    expect(toSlack({ type: 'error', step: 'x', text: 'Please answer with a number.' }, en)).toEqual({
      text: 'Please answer with a number.',
      ephemeral: true,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: ':warning: Please answer with a number.' } }],
    });
  });

  it('info is a plain section', () => {
    expect(toSlack({ type: 'info', text: 'Hello' }, en)).toMatchObject({ ephemeral: false, blocks: [{ type: 'section', text: { text: 'Hello' } }] });
  });

  const decision: Outbound = {
    type: 'decision',
    outcome: 'required',
    title: 'Review required',
    caseId: 'RB-ABC123',
    reasons: [
      { text: 'A CIIO buys a product that may affect national security.', citation: 'Measures (2022) Art. 5' },
      { text: 'Second reason', citation: 'Art. 6' },
    ],
  };

  it('a decision: heading, case, reasons each with its citation', () => {
    const s = toSlack(decision, en);
    expect(s.text).toBe('Review required · Case RB-ABC123');
    expect(s.blocks.map((b) => b.type)).toEqual(['header', 'context', 'section', 'section', 'context', 'section', 'context']);
    expect(s.blocks).toMatchSnapshot();
  });

  it.each([
    ['required', ':red_circle:'],
    ['assess', ':large_yellow_circle:'],
    ['not_required', ':large_green_circle:'],
  ] as const)('outcome %s is marked %s', (outcome, icon) => {
    expect(JSON.stringify(toSlack({ ...decision, outcome } as Outbound, en).blocks[1])).toContain(icon);
  });

  it('watchlist warnings follow the reasons: a heading, each warning marked, its source in a context line', () => {
    const s = toSlack({ ...decision, warnings: [{ text: 'Watchlist: "Micron" names Micron products.', source: 'CAC <2023-05-21>' }] } as Outbound, en);
    expect(s.blocks.slice(-3)).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '*Watchlist warnings*' } },
      { type: 'section', text: { type: 'mrkdwn', text: ':warning: Watchlist: "Micron" names Micron products.' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: '_CAC &lt;2023-05-21&gt;_' }] },
    ]);
    expect(JSON.stringify(toSlack(decision, en).blocks)).not.toContain('Watchlist');
  });

  it('a decision without a case or reasons has only its heading', () => {
    const s = toSlack({ type: 'decision', outcome: 'not_required', title: 'No review needed', reasons: [] }, en);
    expect(s).toMatchObject({ text: 'No review needed', blocks: [{ type: 'header' }] });
    expect(s.blocks).toHaveLength(1);
  });

  it('a form becomes a message with an "Open form" button naming the case and section', () => {
    const form: Form = {
      id: 'purchase',
      title: '采购情况',
      shortTitle: '采购情况·RB-ABC123',
      closeLabel: '关闭',
      caseId: 'RB-ABC123',
      submitLabel: '保存',
      fields: [],
    };
    const s = toSlack({ type: 'form', form }, zh);
    expect(s.text).toBe('采购情况 · 审查事项 RB-ABC123');
    const button = s.blocks[0]!.accessory as El;
    expect(button).toMatchObject({ type: 'button', action_id: 'open_form', text: { text: '打开表单' } });
    expect(parseFormRef(button.value)).toEqual({ caseId: 'RB-ABC123', form: 'purchase' });
  });
});

describe('long texts are split over sections, never cut', () => {
  const shown = (blocks: Block[]) => blocks.map((b) => (b.text as { text: string }).text);
  it.each<[string, string, number]>([
    ['one 7,000-character line', 'x'.repeat(7000), 3],
    ['lines that fill two sections', Array.from({ length: 60 }, (_, i) => `${i} ${'y'.repeat(95)}`).join('\n'), 2],
    ['escapes are never split', '&'.repeat(1000), 2],
    ['a short text', 'Hello', 1],
  ])('%s', (_name, text, n) => {
    const blocks = toSlack({ type: 'info', text }, en).blocks;
    expect(blocks).toHaveLength(n);
    for (const t of shown(blocks)) expect([...t].length).toBeLessThanOrEqual(3000);
    const back = shown(blocks).join('\n').replace(/&amp;/g, '&');
    expect(back.replace(/\n/g, '')).toBe(text.replace(/\n/g, ''));
  });

  it('an error keeps its warning mark on the first section only; a question keeps its block id on the first', () => {
    const err = toSlack({ type: 'error', step: 's', text: 'z'.repeat(4000) }, en).blocks;
    expect(shown(err).map((t) => t.startsWith(':warning: '))).toEqual([true, false]);
    const q = toSlack({ type: 'question', step: 'n', text: 'q'.repeat(3500), input: 'text' }, en).blocks;
    expect(q.map((b) => b.block_id ?? null)).toEqual(['q:n', null]);
  });
});

describe('answered question', () => {
  it('keeps the question, drops its controls, shows the answer', () => {
    const asked = toSlack(question(3), en).blocks;
    const after = answeredBlocks(asked, 'Is the buyer a CIIO?', 'Your answer: Yes');
    expect(after.map((b) => b.type)).toEqual(['section', 'context']);
    expect(after[0]).toEqual(asked[0]);
    expect(JSON.stringify(after[1])).toContain(':white_check_mark: Your answer: Yes');
  });

  it('rebuilds the question from the text when the blocks are missing', () => {
    expect(answeredBlocks(undefined, 'Q & A', 'Your answer: No')[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'Q &amp; A' } });
  });
});

describe('intake modal', () => {
  const form: Form = {
    id: 'cii',
    title: 'Critical information infrastructure',
    shortTitle: 'CII status · RB-ABC123',
    closeLabel: 'Close',
    caseId: 'RB-ABC123',
    submitLabel: 'Save',
    fields: [
      { id: 'org', label: 'Protection department', shownLabel: 'Protection department (required)', input: 'text', required: true, value: 'NEA' },
      { id: 'notes', label: 'Deployment', shownLabel: 'Deployment', input: 'textarea', required: false, hint: 'Sites, network zones, who maintains it' },
      { id: 'qty', label: 'Quantity', shownLabel: 'Quantity', input: 'number', required: true, value: 20 },
      { id: 'date', label: 'Planned purchase date', shownLabel: 'Planned purchase date', input: 'date', required: true, value: '2026-04-01' },
      {
        id: 'rating',
        label: 'Factor 1: rating',
        shownLabel: 'Factor 1: rating (required)',
        input: 'choice',
        required: true,
        value: 'high',
        choices: [
          { id: 'low', label: 'Risk: low' },
          { id: 'high', label: 'Risk: high' },
        ],
      },
      {
        id: 'rating2',
        label: 'Factor 2: rating',
        shownLabel: 'Factor 2: rating (required)',
        input: 'choice',
        required: true,
        value: 'gone',
        choices: [{ id: 'low', label: 'Risk: low' }],
      },
    ],
  };
  const modal = formModal(form) as {
    blocks: { block_id: string; optional: boolean; element: Record<string, unknown>; hint?: unknown; label: { text: string } }[];
    private_metadata: string;
    title: { text: string };
    close: { text: string };
    callback_id: string;
  };

  it('one input per field, block_id = field id, element by field type, saved values shown', () => {
    expect(modal.blocks.map((b) => [b.block_id, b.element.type, b.element.action_id])).toEqual([
      ['org', 'plain_text_input', 'value'],
      ['notes', 'plain_text_input', 'value'],
      ['qty', 'number_input', 'value'],
      ['date', 'datepicker', 'value'],
      ['rating', 'static_select', 'value'],
      ['rating2', 'static_select', 'value'],
    ]);
    expect(modal.blocks[0]!.element.initial_value).toBe('NEA');
    expect(modal.blocks[1]!.element.multiline).toBe(true);
    expect(modal.blocks[2]!.element).toMatchObject({ initial_value: '20', is_decimal_allowed: true });
    expect(modal.blocks[3]!.element.initial_date).toBe('2026-04-01');
    expect(modal.blocks[4]!.element.initial_option).toEqual({ text: { type: 'plain_text', text: 'Risk: high', emoji: true }, value: 'high' });
    expect(modal.blocks[5]!.element).not.toHaveProperty('initial_option'); // a saved value that is no longer a choice
  });

  it('a value a number input cannot hold is left out (Slack would refuse the whole view)', () => {
    const m = formModal({
      ...form,
      fields: [{ id: 'qty', label: 'Quantity', shownLabel: 'Quantity', input: 'number', required: true, value: 'about a million' }],
    }) as typeof modal;
    expect(m.blocks[0]!.element).not.toHaveProperty('initial_value');
  });

  it('required and optional fields; the hint; the case and section in private_metadata; the short title and the close label', () => {
    expect(modal.blocks.map((b) => b.optional)).toEqual([false, true, false, false, false, false]);
    expect(modal.blocks[1]!.hint).toMatchObject({ text: 'Sites, network zones, who maintains it' });
    expect(modal.blocks[0]).not.toHaveProperty('hint');
    expect(modal.title.text).toBe('CII status · RB-ABC123'); // the short title, not the long one cut
    expect(modal.close.text).toBe('Close');
    expect(modal.blocks[0]!.label.text).toBe('Protection department (required)'); // the label as shown, with its mark
    expect(parseFormRef(modal.private_metadata)).toEqual({ caseId: 'RB-ABC123', form: 'cii' });
    expect(modal.callback_id).toBe('intake_form');
    expect([...modal.title.text].length).toBeLessThanOrEqual(24);
  });

  it("a field label longer than a button's limit is kept whole (labels may have 2000 characters)", () => {
    const label = t('en', 'intake.commitments.no_supply_cutoff.label');
    expect(label.length).toBeGreaterThan(75);
    expect((formModal({ ...form, fields: [{ id: 'a', label, shownLabel: label, input: 'text', required: true }] }) as typeof modal).blocks[0]!.label.text).toBe(
      label,
    );
  });

  it('matches the snapshot', () => {
    expect(modal).toMatchSnapshot();
  });
});

describe('App Home', () => {
  const view: HomeView = {
    lang: 'en',
    title: 'Cybersecurity review',
    intro: 'Describe a purchase…',
    startLabel: 'Start a review check',
    casesTitle: 'Your cases',
    emptyText: 'No cases yet.',
    cases: [
      {
        caseId: 'RB-1',
        text: 'RB-1 · Review required',
        due: ['Due: Intake on 2026-03-09'],
        actions: [{ id: 'open_form', label: 'Open form: Applicant', caseId: 'RB-1', form: 'applicant' }],
      },
      { caseId: 'RB-2', text: 'RB-2 · Assess', due: [], actions: [] },
    ],
  };

  it('start button, then each case with its due dates and next action', () => {
    const blocks = homeBlocks(view);
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'actions', 'divider', 'header', 'section', 'context', 'actions', 'section']);
    expect(controls(blocks)[0]).toMatchObject({ action_id: 'start_review', text: { text: 'Start a review check' } });
    const open = (blocks[7]!.elements as El[])[0]!;
    expect(open.action_id).toMatch(/^open_form/);
    expect(parseFormRef(open.value)).toEqual({ caseId: 'RB-1', form: 'applicant' });
  });

  it("a team lead's countersign button stands for the case command it carries", () => {
    const withRecord: HomeView = {
      ...view,
      cases: [
        {
          caseId: 'RB-2',
          text: 'RB-2 · Review not required',
          due: [],
          actions: [{ id: 'countersign', label: 'Countersign', caseId: 'RB-2', command: 'countersign RB-2' }],
        },
      ],
    };
    const blocks = homeBlocks(withRecord);
    expect(blocks.at(-1)).toMatchObject({
      type: 'actions',
      block_id: 'home:RB-2',
      elements: [{ type: 'button', action_id: 'case_command:0', value: 'countersign RB-2', text: { text: 'Countersign' } }],
    });
  });

  it('no cases: says so', () => {
    expect(JSON.stringify(homeBlocks({ ...view, cases: [] }).at(-1))).toContain('No cases yet.');
  });
});

describe('text limits', () => {
  it('cut counts characters, not UTF-16 units', () => {
    expect(cut('核心网络设备', 4)).toBe('核心网…');
    expect(cut('abc', 3)).toBe('abc');
  });
});

describe('reminders', () => {
  const reminder = (text: string, ids: ('open_case' | 'open_form' | 'acknowledge' | 'snooze')[]): Outbound => ({
    type: 'reminder',
    text,
    actions: ids.map((id) => ({ id, label: `Do ${id}`, caseId: 'RB-1', reminderId: 42 })),
  });

  it('the text, then one button per action; each value names the action, the reminder and the case', () => {
    const s = toSlack(reminder('Reminder: case RB-1 <is> due', ['open_case', 'acknowledge', 'snooze']), en);
    expect(s.text).toBe('Reminder: case RB-1 <is> due');
    expect(s.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'Reminder: case RB-1 &lt;is&gt; due' } });
    const buttons = controls(s.blocks);
    expect(buttons.map((b) => [b.action_id, b.text?.text])).toEqual([
      ['reminder:open_case:0', 'Do open_case'],
      ['reminder:acknowledge:1', 'Do acknowledge'],
      ['reminder:snooze:2', 'Do snooze'],
    ]);
    expect(buttons.map((b) => parseReminderAction(b.value))).toEqual([
      { action: 'open_case', reminderId: 42, caseId: 'RB-1' },
      { action: 'acknowledge', reminderId: 42, caseId: 'RB-1' },
      { action: 'snooze', reminderId: 42, caseId: 'RB-1' },
    ]);
  });

  it('no actions, no actions block', () => {
    expect(controls(toSlack(reminder('Case RB-1 is now submitted.', []), en).blocks)).toEqual([]);
  });

  it("a long digest is split into sections at line ends, each within Slack's limit, nothing lost", () => {
    const lines = Array.from(
      { length: 120 },
      (_, i) => `- RB-${String(i).padStart(6, '0')}: Intake complete (internal target) due 2026-03-18; waiting on an analyst to be assigned`,
    );
    const s = toSlack(reminder(lines.join('\n'), ['open_case']), en);
    const sections = s.blocks.filter((b) => b.type === 'section').map((b) => (b.text as { text: string }).text);
    expect(sections.length).toBeGreaterThan(1);
    expect(sections.every((t) => t.length <= 3000)).toBe(true);
    expect(sections.join('\n')).toBe(lines.join('\n'));
  });

  it('a value that is not a reminder action is not taken for one', () => {
    expect([parseReminderAction('garbage'), parseReminderAction('{"c":"RB-1"}'), parseReminderAction(undefined)]).toEqual([null, null, null]);
  });
});

describe('a decision with next actions', () => {
  it('shows its reference and one button per action; the intake button opens the modal, the others name case and action', () => {
    const next = (id: 'view' | 'intake' | 'export', label: string, form?: string) => ({
      id,
      label,
      caseId: 'RB-ABC123',
      command: `${id} RB-ABC123`,
      ...(form ? { form } : {}),
    });
    const s = toSlack(
      {
        type: 'decision',
        outcome: 'not_required',
        title: 'Review not required',
        caseId: 'RB-ABC123',
        reference: 'Risk-prediction record RB-ABC123',
        reasons: [],
        actions: [next('view', 'View the case'), next('intake', 'Fill in the intake', 'applicant'), next('export', 'Export the record')],
      },
      en,
    );
    expect(s.text).toBe('Review not required · Risk-prediction record RB-ABC123');
    const row = s.blocks.find((b) => b.type === 'actions') as { block_id: string; elements: { action_id: string; value: string; text: { text: string } }[] };
    expect(row.block_id).toBe('next:RB-ABC123');
    expect(row.elements.map((e) => [e.action_id, e.text.text])).toEqual([
      ['case_action:0', 'View the case'],
      ['open_form:next', 'Fill in the intake'],
      ['case_action:2', 'Export the record'],
    ]);
    expect(parseFormRef(row.elements[1]!.value)).toEqual({ caseId: 'RB-ABC123', form: 'applicant' });
    expect(JSON.parse(row.elements[2]!.value)).toEqual({ caseId: 'RB-ABC123', action: 'export' });
  });
});
