import type { Form, FormField, Outbound } from '../../src/engine/index.js';

// Outbound messages -> Adaptive Cards 1.5 (pure). Every word comes from the message or the caller.

export type Card = Record<string, unknown>;
const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
const card = (body: unknown[], actions: unknown[] = []): Card => ({ type: 'AdaptiveCard', $schema: SCHEMA, version: '1.5', body, ...(actions.length ? { actions } : {}) });
const text = (t: string, extra: Record<string, unknown> = {}) => ({ type: 'TextBlock', text: t, wrap: true, ...extra });

/** A rendered message: a card (or none) and the plain text shown by clients without cards. */
export type TeamsMessage = { card: Card | null; text: string };

export function toTeams(msg: Outbound, labels: { openForm: string }): TeamsMessage {
  switch (msg.type) {
    case 'question': {
      const choices = msg.choices ?? [];
      const fallback = [msg.text, ...choices.map((c, i) => `${i + 1}. ${c.label}`)].join('\n');
      if (choices.length === 0) return { card: null, text: msg.text };
      return {
        text: fallback,
        card: card([text(msg.text, { weight: 'Bolder' })], choices.map((c) => ({ type: 'Action.Submit', title: c.label, data: { step: msg.step, choice: c.id, question: msg.text, label: c.label } }))),
      };
    }
    case 'decision': {
      const color = msg.outcome === 'required' ? 'Attention' : msg.outcome === 'assess' ? 'Warning' : 'Good';
      const body = [
        text(`${msg.title}${msg.caseId ? ` · ${msg.caseId}` : ''}`, { size: 'Large', weight: 'Bolder', color }),
        ...msg.reasons.flatMap((r) => [text(r.text, { spacing: 'Medium' }), text(r.citation, { isSubtle: true, size: 'Small', spacing: 'None' })]),
      ];
      return { card: card(body), text: [msg.title, ...msg.reasons.map((r) => `- ${r.text} (${r.citation})`)].join('\n') };
    }
    case 'form':
      return {
        text: msg.form.title,
        card: card([text(`${msg.form.title}${msg.form.caseId ? ` · ${msg.form.caseId}` : ''}`, { weight: 'Bolder' })], [
          { type: 'Action.Submit', title: labels.openForm, data: { msteams: { type: 'task/fetch' }, caseId: msg.form.caseId, form: msg.form.id } },
        ]),
      };
    case 'error':
      return { card: null, text: `⚠️ ${msg.text}` };
    case 'info':
      return { card: null, text: msg.text };
  }
}

/** The question card once answered: the question and the answer, no buttons. */
export const answeredCard = (question: string, answered: string): Card => card([text(question, { weight: 'Bolder' }), text(`✅ ${answered}`, { isSubtle: true })]);

function inputOf(f: FormField): Card {
  const value = f.value === undefined || f.value === null ? undefined : String(f.value);
  const common = { id: f.id, label: f.label, isRequired: f.required, ...(value !== undefined ? { value } : {}) };
  if (f.input === 'choice' && f.choices) return { type: 'Input.ChoiceSet', style: 'compact', choices: f.choices.map((c) => ({ title: c.label, value: c.id })), ...common };
  if (f.input === 'date') return { type: 'Input.Date', ...common };
  return { type: 'Input.Text', isMultiline: f.input === 'textarea', ...common };
}

/** An intake section as a task-module card; errors are shown under their fields. */
export function formCard(form: Form, errors: Record<string, string> = {}, banner?: string): Card {
  const body: unknown[] = [text(form.title, { size: 'Medium', weight: 'Bolder' })];
  if (banner) body.push(text(banner, { color: 'Attention' }));
  for (const f of form.fields) {
    body.push(inputOf(f));
    if (errors[f.id]) body.push(text(errors[f.id]!, { color: 'Attention', size: 'Small', spacing: 'None', id: `${f.id}__error` }));
  }
  return card(body, [{ type: 'Action.Submit', title: form.submitLabel, data: { caseId: form.caseId, form: form.id } }]);
}
