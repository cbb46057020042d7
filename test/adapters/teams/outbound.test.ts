import { describe, expect, it } from 'vitest';
import type { Form, Outbound } from '../../../src/engine/index.js';
import type { HomeView } from '../../../src/runtime/index.js';
import { answerOf, inboundOf, reminderClickOf } from '../../../adapters/teams/inbound.js';
import { teamsLabels } from '../../../adapters/teams/labels.js';
import { answeredCard, fitsInRow, formCard, homeCard, MAX_BUTTONS, toTeams, type Card } from '../../../adapters/teams/outbound.js';
import { triageFlow } from '../../../flows/index.js';
import { CATEGORIES } from '../../../src/domain/index.js';
import { renderQuestion } from '../../../src/engine/index.js';
import { t, type MessageKey } from '../../../src/i18n/index.js';

const labels = teamsLabels('en');
type Block = Record<string, unknown> & { type: string; id?: string; text?: string };
const body = (c: Card | null) => (c?.body ?? []) as Block[];
const actions = (c: Card | null) => (c?.actions ?? []) as { type: string; title: string; data: Record<string, unknown> }[];

const question: Outbound = {
  type: 'question',
  step: 'ciio',
  text: 'Is the buyer a CIIO?',
  input: 'choice',
  choices: [
    { id: 'yes', label: 'Yes' },
    { id: 'no', label: 'No' },
    { id: 'unsure', label: 'Not sure' },
  ],
};
const form: Form = {
  id: 'purchase',
  title: 'Purchase',
  shortTitle: 'Purchase · RB-ABC123',
  closeLabel: 'Close',
  caseId: 'RB-ABC123',
  submitLabel: 'Save',
  fields: [
    { id: 'legal_name', label: 'Legal name', shownLabel: 'Legal name (required)', input: 'text', required: true, value: 'Grid Co' },
    { id: 'deployment', label: 'Deployment', shownLabel: 'Deployment', input: 'textarea', required: true },
    { id: 'quantity', label: 'Quantity', shownLabel: 'Quantity', input: 'number', required: true, value: 20 },
    { id: 'planned_purchase_date', label: 'Planned purchase date', shownLabel: 'Planned purchase date', input: 'date', required: true },
    {
      id: 'control_damage_rating',
      label: 'Factor 1: rating',
      shownLabel: 'Factor 1: rating (required)',
      input: 'choice',
      required: true,
      choices: [
        { id: 'low', label: 'Risk: low' },
        { id: 'high', label: 'Risk: high' },
      ],
      value: 'high',
    },
    { id: 'data_notes', label: 'Data notes', shownLabel: 'Data notes', input: 'text', required: false, hint: 'Which data, how much, where it is stored' },
  ],
};

describe('toTeams: engine messages as Adaptive Cards 1.5 with a plain-text fallback', () => {
  it('a question with choices is a card with one Action.Submit per choice carrying { step, choice }', () => {
    const r = toTeams(question, labels);
    expect(r.card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(body(r.card)[0]).toMatchObject({ type: 'TextBlock', text: 'Is the buyer a CIIO?', wrap: true });
    expect(actions(r.card).map((a) => [a.type, a.title, a.data.step, a.data.choice])).toEqual([
      ['Action.Submit', 'Yes', 'ciio', 'yes'],
      ['Action.Submit', 'No', 'ciio', 'no'],
      ['Action.Submit', 'Not sure', 'ciio', 'unsure'],
    ]);
    // The question and label ride along so the answered card can be drawn without remembering anything.
    expect(actions(r.card)[2]!.data).toMatchObject({ question: 'Is the buyer a CIIO?', label: 'Not sure' });
    expect(actions(r.card)[2]!.data.owner).toBeUndefined();
    expect(actions(toTeams(question, { ...labels, owner: 'aad-1' }).card).map((a) => a.data.owner)).toEqual(['aad-1', 'aad-1', 'aad-1']);
  });

  it('the fallback text numbers the choices (the engine accepts a number typed back), and the card carries it too', () => {
    const r = toTeams(question, labels);
    expect(r.text).toBe('Is the buyer a CIIO?\n1. Yes\n2. No\n3. Not sure');
    expect(r.card!.fallbackText).toBe(r.text);
  });

  it.each<[string, Outbound, string]>([
    ['a question without choices', { type: 'question', step: 'amount', text: 'How much?', input: 'number' }, 'How much?'],
    ['an error', { type: 'error', step: 'ciio', text: 'Choose one of the options.' }, '⚠️ Choose one of the options.'],
    ['an info', { type: 'info', text: 'Case RB-1 is open.\nNext: intake.' }, 'Case RB-1 is open.\nNext: intake.'],
  ])('%s is plain text, no card', (_name, msg, text) => {
    expect(toTeams(msg, labels)).toEqual({ card: null, text });
  });

  it('a decision shows outcome, case id, the reasons heading, each reason and its citation', () => {
    const r = toTeams(
      {
        type: 'decision',
        outcome: 'required',
        title: 'Review required',
        caseId: 'RB-ABC123',
        reasons: [
          { text: 'A CIIO purchase that may affect national security.', citation: 'Measures (2022) Art. 5' },
          { text: 'Supplier commitments.', citation: 'Measures (2022) Art. 6' },
        ],
      },
      labels,
    );
    expect(body(r.card).map((b) => b.text)).toEqual([
      'Review required',
      'RB-ABC123',
      'Reasons',
      'A CIIO purchase that may affect national security.',
      'Measures (2022) Art. 5',
      'Supplier commitments.',
      'Measures (2022) Art. 6',
    ]);
    expect(body(r.card)[0]).toMatchObject({ color: 'Attention', weight: 'Bolder' });
    expect(body(r.card)[4]).toMatchObject({ isSubtle: true });
    expect(actions(r.card)).toEqual([]);
    expect(r.text).toBe(
      'Review required · RB-ABC123\n- A CIIO purchase that may affect national security. (Measures (2022) Art. 5)\n- Supplier commitments. (Measures (2022) Art. 6)',
    );
  });

  it('the next actions the runtime allows are buttons in rows that fit; the intake opens its dialog', () => {
    const next = (id: 'view' | 'intake' | 'assign_me' | 'export', label: string, form?: string) => ({
      id,
      label,
      caseId: 'RB-ABC123',
      command: `${id} RB-ABC123`,
      ...(form ? { form } : {}),
    });
    const r = toTeams(
      {
        type: 'decision',
        outcome: 'required',
        title: 'Review required',
        caseId: 'RB-ABC123',
        reference: 'Case RB-ABC123',
        reasons: [],
        actions: [
          next('view', 'View the case'),
          next('intake', 'Fill in the intake', 'purchase'),
          next('assign_me', 'Assign to me'),
          next('export', 'Export the pack'),
        ],
      },
      labels,
    );
    const sets = body(r.card).filter((b) => b.type === 'ActionSet') as unknown as { actions: { title: string; data: unknown }[] }[];
    expect(sets.map((s) => s.actions.map((a) => a.title))).toEqual([
      ['View the case', 'Fill in the intake'],
      ['Assign to me', 'Export the pack'],
    ]);
    expect(sets[0]!.actions[1]!.data).toEqual({ msteams: { type: 'task/fetch' }, caseId: 'RB-ABC123', form: 'purchase' });
    expect(sets[1]!.actions[1]!.data).toEqual({ caseAction: 'export', caseId: 'RB-ABC123' });
    expect(r.text.split('\n')[0]).toBe('Review required · Case RB-ABC123');
  });

  it.each([
    ['required', 'Attention'],
    ['assess', 'Warning'],
    ['not_required', 'Good'],
  ] as const)('outcome %s is coloured %s', (outcome, color) => {
    const r = toTeams({ type: 'decision', outcome, title: 'T', reasons: [] }, labels);
    expect(body(r.card)[0]!.color).toBe(color);
    expect(body(r.card).map((b) => b.text)).toEqual(['T']); // no reasons: no heading
  });

  it('a form message is a card whose button opens a task module for that case and section', () => {
    const r = toTeams({ type: 'form', form }, labels);
    expect(body(r.card)[0]!.text).toBe('Purchase · RB-ABC123');
    expect(actions(r.card)).toEqual([
      { type: 'Action.Submit', title: 'Open form', data: { msteams: { type: 'task/fetch' }, caseId: 'RB-ABC123', form: 'purchase' } },
    ]);
  });
});

describe('the category question (more choices than a card row holds)', () => {
  type Input = Block & { id: string; style?: string; isRequired?: boolean; choices: { title: string; value: string }[] };
  type Action = { type: string; title: string; style?: string; associatedInputs?: string; data: Record<string, unknown> };
  const category = (lang: 'en' | 'zh-CN', suggestion?: string) => renderQuestion(lang, triageFlow.steps.category!, suggestion);
  const list = (c: Card | null) => body(c).find((b) => b.type === 'Input.ChoiceSet') as Input | undefined;
  const acts = (c: Card | null) => (c?.actions ?? []) as Action[];
  const labelOf = (lang: 'en' | 'zh-CN', id: string) => t(lang, `category.${id}` as MessageKey);
  // What Teams posts back for an Action.Submit: the button's data with the card's inputs merged in.
  const submit = (a: Action, inputs: Record<string, string> = {}) => (a.associatedInputs === 'none' ? { ...a.data } : { ...a.data, ...inputs });

  it('is a compact choice list of every category in the flow order and one submit button, within the 6 actions Teams shows', () => {
    const r = toTeams(category('en'), labels);
    expect(CATEGORIES.length).toBeGreaterThan(MAX_BUTTONS);
    expect(list(r.card)).toMatchObject({ id: 'choice', style: 'compact', label: 'What are you buying?', placeholder: 'Choose…' });
    expect(list(r.card)!.choices.map((c) => c.value)).toEqual([...CATEGORIES]);
    expect(list(r.card)!.choices.map((c) => c.title)).toEqual(CATEGORIES.map((c) => labelOf('en', c)));
    expect(acts(r.card).map((a) => a.title)).toEqual(['Submit']);
  });

  it.each(CATEGORIES.map((c, i) => [i + 1, c] as const))('picking choice %i in the list answers %s, with its label for the answered card', (_n, id) => {
    const [button] = acts(toTeams(category('en'), { ...labels, owner: 'aad-1' }).card);
    const posted = submit(button!, { choice: id });
    expect(answerOf(posted)).toEqual({ step: 'category', choice: id, question: 'What are you buying?', label: labelOf('en', id), owner: 'aad-1' });
    expect(inboundOf(posted, '')).toEqual({ type: 'choice', step: 'category', choice: id });
  });

  it('a guess is marked in place (not moved) and a "Yes, that\'s right" button answers with it, whatever the list shows', () => {
    const guess = CATEGORIES[CATEGORIES.length - 1]!;
    const r = toTeams(category('en', guess), { ...labels, owner: 'aad-1' });
    expect(list(r.card)!.choices.map((c) => c.value)).toEqual([...CATEGORIES]);
    expect(
      list(r.card)!
        .choices.filter((c) => c.title.endsWith('(suggested)'))
        .map((c) => c.value),
    ).toEqual([guess]);
    const [yes, other] = acts(r.card);
    expect([yes!.title, yes!.style, yes!.associatedInputs, other!.title]).toEqual(["Yes, that's right", 'positive', 'none', 'Submit']);
    // Even with another category picked in the list, "Yes" records the guess (the list is not sent with it).
    expect(answerOf(submit(yes!, { choice: CATEGORIES[0]! }))).toEqual({
      step: 'category',
      choice: guess,
      question: r.card && list(r.card)!.label,
      label: labelOf('en', guess),
      owner: 'aad-1',
    });
    expect(answerOf(submit(other!, { choice: CATEGORIES[0]! }))).toMatchObject({ choice: CATEGORIES[0], label: labelOf('en', CATEGORIES[0]!) });
    // The fallback numbers the choices as the engine counts them: flow order, the guess marked.
    expect(r.text.split('\n').slice(1)).toEqual(CATEGORIES.map((c, i) => `${i + 1}. ${labelOf('en', c)}${c === guess ? ' (suggested)' : ''}`));
  });

  it('speaks Chinese with the Chinese catalogue', () => {
    const guess = CATEGORIES[1]!;
    const r = toTeams(category('zh-CN', guess), teamsLabels('zh-CN'));
    expect(acts(r.card).map((a) => a.title)).toEqual([t('zh-CN', 'platform.confirm_suggestion'), t('zh-CN', 'platform.submit_choice')]);
    expect(list(r.card)!.placeholder).toBe(t('zh-CN', 'platform.choose'));
    expect(list(r.card)!.choices[1]!.title).toBe(`${labelOf('zh-CN', guess)}（建议）`);
  });

  it('a click on someone else\'s list or "Yes" is recognised as theirs (the owner rides on every button)', () => {
    const r = toTeams(category('en', CATEGORIES[0]), { ...labels, owner: 'aad-1' });
    for (const a of acts(r.card)) expect(answerOf(submit(a, { choice: CATEGORIES[2]! }))!.owner).toBe('aad-1');
  });

  it('a short question stays buttons; a guess among them is marked and highlighted, in place', () => {
    const q: Outbound = {
      ...question,
      choices: [
        { id: 'yes', label: 'Yes' },
        { id: 'no', label: 'No', suggested: true },
      ],
    };
    const r = toTeams(q, labels);
    expect(list(r.card)).toBeUndefined();
    expect(acts(r.card).map((a) => [a.title, a.style ?? null, a.data.choice, a.data.label])).toEqual([
      ['Yes', null, 'yes', 'Yes'],
      ['No (suggested)', 'positive', 'no', 'No'],
    ]);
  });

  it.each<[string, string[], boolean]>([
    ['yes / no / not sure', ['Yes', 'No', 'Not sure'], true],
    ['是 / 否 / 不确定', ['是', '否', '不确定'], true],
    ['two long-ish titles share the row', ['A purchase', 'Listing abroad'], true],
    ['"Not applicable" is too long for a third of the row', ['Ready', 'Missing', 'Not applicable'], false],
    ['a marked guess among three', ['Yes', 'No', 'Not sure (suggested)'], false],
    ['Chinese counts double', ['已备齐', '缺失', '不适用不适用不适用'], false],
    ['more than three never', ['a', 'b', 'c', 'd'], false],
  ])('buttons or a list: %s -> buttons %s', (_name, titles, buttons) => {
    expect(fitsInRow(titles)).toBe(buttons);
    const q: Outbound = { type: 'question', step: 's', text: 'Q', input: 'choice', choices: titles.map((label, i) => ({ id: `c${i}`, label })) };
    expect(list(toTeams(q, labels).card) === undefined).toBe(buttons);
  });
});

describe('formCard: an intake section as a task-module card', () => {
  it('maps each field type to its input, with current values as strings (numbers as numbers, as Input.Number needs)', () => {
    const inputs = body(formCard(form)).filter((b) => b.type.startsWith('Input.'));
    expect(inputs.map((b) => [b.id, b.type, b.value ?? null, b.isMultiline ?? null])).toEqual([
      ['legal_name', 'Input.Text', 'Grid Co', null],
      ['deployment', 'Input.Text', null, true],
      ['quantity', 'Input.Number', 20, null],
      ['planned_purchase_date', 'Input.Date', null, null],
      ['control_damage_rating', 'Input.ChoiceSet', 'high', null],
      ['data_notes', 'Input.Text', null, null],
    ]);
    expect(inputs.find((b) => b.id === 'control_damage_rating')!.choices).toEqual([
      { title: 'Risk: low', value: 'low' },
      { title: 'Risk: high', value: 'high' },
    ]);
  });

  it('shows a list or an object (a refused submission shown again) as an empty input, never as "[object Object]"', () => {
    const again = {
      ...form,
      fields: form.fields.map((f) => (f.id === 'legal_name' ? { ...f, value: { name: 'Grid Co' } } : f.id === 'deployment' ? { ...f, value: ['DC1'] } : f)),
    };
    const inputs = body(formCard(again)).filter((b) => b.id === 'legal_name' || b.id === 'deployment');
    expect(inputs.map((b) => [b.id, b.value ?? null])).toEqual([
      ['legal_name', null],
      ['deployment', null],
    ]);
  });

  it("shows a field's hint as text right under it, not as a placeholder that a saved value would hide", () => {
    const b = body(formCard(form));
    const at = b.findIndex((x) => x.id === 'data_notes');
    expect(b[at]).not.toHaveProperty('placeholder');
    expect(b[at + 1]).toMatchObject({ type: 'TextBlock', id: 'data_notes__hint', text: 'Which data, how much, where it is stored', isSubtle: true });
    expect(b.filter((x) => String(x.id).endsWith('__hint'))).toHaveLength(1); // fields without a hint get none
  });

  it('labels each input with the label as shown (the required mark included)', () => {
    expect(body(formCard(form)).find((b) => b.id === 'legal_name')!.label).toBe('Legal name (required)');
  });

  it('marks no input isRequired, so Teams lets a half-filled form be saved', () => {
    expect(JSON.stringify(formCard(form))).not.toContain('isRequired');
  });

  it('the submit button carries the case and section; the close button sends no inputs', () => {
    expect(actions(formCard(form))).toEqual([
      { type: 'Action.Submit', title: 'Save', data: { form: 'purchase', caseId: 'RB-ABC123' } },
      { type: 'Action.Submit', title: 'Close', associatedInputs: 'none', data: { closeForm: true } },
    ]);
  });

  it('puts each error right under its field and the banner on top, as progress rather than an error', () => {
    const b = body(formCard(form, { quantity: 'Must be at least 1.', planned_purchase_date: 'Not a date.' }, 'Saved 1 field. Please fix the others.'));
    expect(b[1]).toMatchObject({ type: 'TextBlock', text: 'Saved 1 field. Please fix the others.', color: 'Good' });
    for (const [field, error] of [
      ['quantity', 'Must be at least 1.'],
      ['planned_purchase_date', 'Not a date.'],
    ]) {
      const at = b.findIndex((x) => x.id === field);
      expect(b[at + 1]).toMatchObject({ id: `${field}__error`, text: error, color: 'Attention' });
    }
    expect(b.filter((x) => String(x.id).endsWith('__error'))).toHaveLength(2);
  });

  it('a banner without errors (the next section after a save) is not shown as a warning', () => {
    expect(body(formCard(form, {}, 'Saved 11 fields.'))[1]).toMatchObject({ text: 'Saved 11 fields.', color: 'Good' });
  });
});

describe('answered card, home card, answer acceptance and label language', () => {
  it('the answered card shows question and answer and has no buttons', () => {
    const c = answeredCard('Is the buyer a CIIO?', 'Your answer: Yes');
    expect(body(c).map((b) => b.text)).toEqual(['Is the buyer a CIIO?', '✅ Your answer: Yes']);
    expect(c.actions).toBeUndefined();
  });

  it('the home card lists cases with deadlines and their next form; the start button carries { start: true }', () => {
    const view: HomeView = {
      lang: 'en',
      title: 'Cybersecurity review',
      intro: 'Describe a purchase.',
      startLabel: 'Start a review check',
      casesTitle: 'Your cases',
      emptyText: 'No cases yet.',
      cases: [
        {
          caseId: 'RB-1',
          text: 'RB-1 · Review required · open',
          due: ['Due: intake on 2026-03-02'],
          actions: [{ id: 'open_form', label: 'Open form: Purchase', caseId: 'RB-1', form: 'purchase' }],
        },
      ],
    };
    const c = homeCard(view);
    const json = JSON.stringify(c);
    for (const s of ['Cybersecurity review', 'RB-1 · Review required · open', 'Due: intake on 2026-03-02']) expect(json).toContain(s);
    expect(json).not.toContain('No cases yet.');
    const set = body(c).find((b) => b.type === 'ActionSet') as unknown as { actions: { data: unknown }[] };
    expect(set.actions[0]!.data).toEqual({ msteams: { type: 'task/fetch' }, caseId: 'RB-1', form: 'purchase' });
    expect(actions(c)).toEqual([{ type: 'Action.Submit', title: 'Start a review check', data: { start: true } }]);
    expect(JSON.stringify(homeCard({ ...view, cases: [] }))).toContain('No cases yet.');
  });

  it("a team lead's countersign button on the home card sends the command it carries", () => {
    const view: HomeView = {
      lang: 'en',
      title: 'T',
      intro: 'I',
      startLabel: 'Start',
      casesTitle: 'Your cases',
      emptyText: '-',
      cases: [
        {
          caseId: 'RB-2',
          text: 'RB-2 · Review not required · closed',
          due: [],
          actions: [{ id: 'countersign', label: 'Countersign', caseId: 'RB-2', command: 'countersign RB-2' }],
        },
      ],
    };
    const set = body(homeCard(view)).find((b) => b.type === 'ActionSet') as unknown as { actions: unknown[] };
    expect(set.actions).toEqual([{ type: 'Action.Submit', title: 'Countersign', data: { command: 'countersign RB-2' } }]);
  });

  it('watchlist warnings on a decision: a heading, each warning and its source, also in the fallback text', () => {
    const r = toTeams(
      {
        type: 'decision',
        outcome: 'assess',
        title: 'Assessment needed',
        caseId: 'RB-W1',
        reasons: [{ text: 'Reason', citation: 'Art. 5' }],
        warnings: [{ text: 'Watchlist: "Micron" names Micron products sold in China.', source: 'CAC, 2023-05-21' }],
      },
      { ...labels, warnings: 'Watchlist warnings' },
    );
    const texts = body(r.card).map((b) => b.text);
    expect(texts.slice(-3)).toEqual(['Watchlist warnings', '⚠️ Watchlist: "Micron" names Micron products sold in China.', 'CAC, 2023-05-21']);
    expect(r.text).toContain('! Watchlist: "Micron" names Micron products sold in China. (CAC, 2023-05-21)');
    expect(body(toTeams({ type: 'decision', outcome: 'assess', title: 'A', reasons: [] }, labels).card).map((b) => b.text)).not.toContain('Watchlist warnings');
  });
});

describe('reminderCard: a reminder with its actions', () => {
  const reminder: Extract<Outbound, { type: 'reminder' }> = {
    type: 'reminder',
    text: 'Weekly digest\nOverdue:\n- RB-1',
    actions: [
      { id: 'open_case', label: 'Open case', caseId: 'RB-1', reminderId: 7 },
      { id: 'open_form', label: 'Fill in: Data involved', caseId: 'RB-1', reminderId: 7 },
      { id: 'acknowledge', label: 'Acknowledge', caseId: 'RB-1', reminderId: 7 },
    ],
  };

  const submit = {
    open: { type: 'Action.Submit', title: 'Open case', data: { act: 'open_case', caseId: 'RB-1', reminderId: 7 } },
    fill: {
      type: 'Action.Submit',
      title: 'Fill in: Data involved',
      data: { msteams: { type: 'task/fetch' }, act: 'open_form', caseId: 'RB-1', reminderId: 7 },
    },
    ack: { type: 'Action.Submit', title: 'Acknowledge', data: { act: 'acknowledge', caseId: 'RB-1', reminderId: 7 }, style: 'positive' },
  };

  it("one text block per line; buttons that fit one row are the card's actions; Fill in opens a task module", () => {
    const short = { ...reminder, actions: reminder.actions.filter((a) => a.id !== 'open_form') };
    const r = toTeams(short, labels);
    expect(body(r.card).map((b) => b.text)).toEqual(['Weekly digest', 'Overdue:', '- RB-1']);
    expect(actions(r.card)).toEqual([submit.open, submit.ack]);
    expect(r.text).toBe('Weekly digest\nOverdue:\n- RB-1');
  });

  it('buttons too wide for one row go into rows of their own, in order, none cut', () => {
    const r = toTeams(reminder, labels);
    // "Fill in: Data involved" (22 characters) does not share a row: two buttons get 18 each.
    expect(t('en', 'reminder.action.open_form', { form: t('en', 'intake.data.title') })).toBe('Fill in: Data involved'); // a label reminders show
    expect(
      body(r.card)
        .filter((b) => b.type === 'ActionSet')
        .map((b) => b.actions),
    ).toEqual([[submit.open], [submit.fill], [submit.ack]]);
    expect(actions(r.card)).toEqual([]);
  });

  it('without actions it is plain text', () => {
    expect(toTeams({ type: 'reminder', text: 'Case RB-1 is now submitted.', actions: [] }, labels)).toEqual({
      card: null,
      text: 'Case RB-1 is now submitted.',
    });
  });

  it('what the buttons carry back reads as a click; other data does not', () => {
    expect(reminderClickOf({ act: 'snooze', caseId: 'RB-1', reminderId: 7 })).toEqual({ action: 'snooze', caseId: 'RB-1', reminderId: 7 });
    expect([reminderClickOf({ step: 'ciio', choice: 'yes' }), reminderClickOf('x'), reminderClickOf({ act: '' })]).toEqual([null, null, null]);
  });
});
