import { describe, expect, it } from 'vitest';
import type { Form, Outbound } from '../../../src/engine/index.js';
import type { HomeView } from '../../../src/runtime/index.js';
import { answeredCard, formCard, homeCard, toTeams, type Card } from '../../../adapters/teams/outbound.js';

const labels = { openForm: 'Open form', reasons: 'Reasons' };
type Block = Record<string, unknown> & { type: string; id?: string; text?: string };
const body = (c: Card | null) => (c?.body ?? []) as Block[];
const actions = (c: Card | null) => (c?.actions ?? []) as { type: string; title: string; data: Record<string, unknown> }[];

const question: Outbound = {
  type: 'question', step: 'ciio', text: 'Is the buyer a CIIO?', input: 'choice',
  choices: [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'No' }, { id: 'unsure', label: 'Not sure' }],
};
const form: Form = {
  id: 'declaration', title: 'Declaration', caseId: 'RB-ABC123', submitLabel: 'Save',
  fields: [
    { id: 'applicant_org', label: 'Applicant organisation', input: 'text', required: true, value: 'Grid Co' },
    { id: 'deployment', label: 'Deployment', input: 'textarea', required: true },
    { id: 'quantity', label: 'Quantity', input: 'number', required: true, value: 20 },
    { id: 'planned_purchase_date', label: 'Planned purchase date', input: 'date', required: true },
    { id: 'risk_rating', label: 'Rating', input: 'choice', required: true, choices: [{ id: 'low', label: 'Low' }, { id: 'high', label: 'High' }], value: 'high' },
    { id: 'model_version', label: 'Model / version', input: 'text', required: false, hint: 'optional' },
  ],
};

describe('toTeams: engine messages as Adaptive Cards 1.5 with a plain-text fallback', () => {
  it('a question with choices is a card with one Action.Submit per choice carrying { step, choice }', () => {
    const r = toTeams(question, labels);
    expect(r.card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(body(r.card)[0]).toMatchObject({ type: 'TextBlock', text: 'Is the buyer a CIIO?', wrap: true });
    expect(actions(r.card).map((a) => [a.type, a.title, a.data.step, a.data.choice])).toEqual([
      ['Action.Submit', 'Yes', 'ciio', 'yes'], ['Action.Submit', 'No', 'ciio', 'no'], ['Action.Submit', 'Not sure', 'ciio', 'unsure'],
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
    const r = toTeams({
      type: 'decision', outcome: 'required', title: 'Review required', caseId: 'RB-ABC123',
      reasons: [{ text: 'A CIIO purchase that may affect national security.', citation: 'Measures (2022) Art. 5' }, { text: 'Supplier commitments.', citation: 'Measures (2022) Art. 6' }],
    }, labels);
    expect(body(r.card).map((b) => b.text)).toEqual([
      'Review required · RB-ABC123', 'Reasons', 'A CIIO purchase that may affect national security.', 'Measures (2022) Art. 5', 'Supplier commitments.', 'Measures (2022) Art. 6',
    ]);
    expect(body(r.card)[0]).toMatchObject({ color: 'Attention', weight: 'Bolder' });
    expect(body(r.card)[3]).toMatchObject({ isSubtle: true });
    expect(actions(r.card)).toEqual([]);
    expect(r.text).toBe('Review required · RB-ABC123\n- A CIIO purchase that may affect national security. (Measures (2022) Art. 5)\n- Supplier commitments. (Measures (2022) Art. 6)');
  });

  it.each([['required', 'Attention'], ['assess', 'Warning'], ['not_required', 'Good']] as const)('outcome %s is coloured %s', (outcome, color) => {
    const r = toTeams({ type: 'decision', outcome, title: 'T', reasons: [] }, labels);
    expect(body(r.card)[0]!.color).toBe(color);
    expect(body(r.card).map((b) => b.text)).toEqual(['T']); // no reasons: no heading
  });

  it('a form message is a card whose button opens a task module for that case and section', () => {
    const r = toTeams({ type: 'form', form }, labels);
    expect(body(r.card)[0]!.text).toBe('Declaration · RB-ABC123');
    expect(actions(r.card)).toEqual([{ type: 'Action.Submit', title: 'Open form', data: { msteams: { type: 'task/fetch' }, caseId: 'RB-ABC123', form: 'declaration' } }]);
  });
});

describe('formCard: an intake section as a task-module card', () => {
  it('maps each field type to its input, with current values as strings', () => {
    const inputs = body(formCard(form)).filter((b) => b.type.startsWith('Input.'));
    expect(inputs.map((b) => [b.id, b.type, b.value ?? null, b.isMultiline ?? null])).toEqual([
      ['applicant_org', 'Input.Text', 'Grid Co', null],
      ['deployment', 'Input.Text', null, true],
      ['quantity', 'Input.Number', '20', null],
      ['planned_purchase_date', 'Input.Date', null, null],
      ['risk_rating', 'Input.ChoiceSet', 'high', null],
      ['model_version', 'Input.Text', null, null],
    ]);
    expect(inputs.find((b) => b.id === 'risk_rating')!.choices).toEqual([{ title: 'Low', value: 'low' }, { title: 'High', value: 'high' }]);
    expect(inputs.find((b) => b.id === 'model_version')!.placeholder).toBe('optional');
  });

  it('marks no input isRequired, so Teams lets a half-filled form be saved', () => {
    expect(JSON.stringify(formCard(form))).not.toContain('isRequired');
  });

  it('the submit button carries the case and section; the inputs come with it', () => {
    expect(actions(formCard(form))).toEqual([{ type: 'Action.Submit', title: 'Save', data: { form: 'declaration', caseId: 'RB-ABC123' } }]);
  });

  it('puts each error right under its field and the banner on top', () => {
    const b = body(formCard(form, { quantity: 'Must be at least 1.', planned_purchase_date: 'Not a date.' }, 'Saved 1 field. Please fix the others.'));
    expect(b[1]).toMatchObject({ type: 'TextBlock', text: 'Saved 1 field. Please fix the others.', color: 'Attention' });
    for (const [field, error] of [['quantity', 'Must be at least 1.'], ['planned_purchase_date', 'Not a date.']]) {
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
      lang: 'en', title: 'Cybersecurity review', intro: 'Describe a purchase.', startLabel: 'Start a review check', casesTitle: 'Your cases', emptyText: 'No cases yet.',
      cases: [{ caseId: 'RB-1', text: 'RB-1 · Review required · open', due: ['Due: intake on 2026-03-02'], actions: [{ id: 'open_form', label: 'Open form: Declaration', caseId: 'RB-1', form: 'declaration' }] }],
    };
    const c = homeCard(view);
    const json = JSON.stringify(c);
    for (const s of ['Cybersecurity review', 'RB-1 · Review required · open', 'Due: intake on 2026-03-02']) expect(json).toContain(s);
    expect(json).not.toContain('No cases yet.');
    const set = body(c).find((b) => b.type === 'ActionSet') as unknown as { actions: { data: unknown }[] };
    expect(set.actions[0]!.data).toEqual({ msteams: { type: 'task/fetch' }, caseId: 'RB-1', form: 'declaration' });
    expect(actions(c)).toEqual([{ type: 'Action.Submit', title: 'Start a review check', data: { start: true } }]);
    expect(JSON.stringify(homeCard({ ...view, cases: [] }))).toContain('No cases yet.');
  });
});
