import type { Form, FormField, Outbound } from '../../src/engine/index.js';
import type { HomeView } from '../../src/runtime/bot.js';

// Outbound messages -> Block Kit. Pure functions: every word comes from the message or the caller.

type Block = Record<string, unknown>;
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const plain = (text: string) => ({ type: 'plain_text', text: text.slice(0, 75), emoji: true });
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const ANSWER_ACTION = 'answer';
export const OPEN_FORM_ACTION = 'open_form';
export const START_ACTION = 'start_review';
export const FORM_CALLBACK = 'intake_form';

/** The value of an answer button: the step it answers travels with it, so a stale click is refused. */
export const answerValue = (step: string, choice: string) => JSON.stringify({ step, choice });
export function parseAnswerValue(value: string | undefined): { step: string; choice: string } | null {
  try {
    const v = JSON.parse(value ?? '') as { step?: unknown; choice?: unknown };
    return typeof v.step === 'string' && typeof v.choice === 'string' ? { step: v.step, choice: v.choice } : null;
  } catch {
    return null;
  }
}

export type SlackMessage = { text: string; blocks: Block[]; ephemeral: boolean };

export function toSlack(msg: Outbound, labels: { openForm: string; choose: string }): SlackMessage {
  switch (msg.type) {
    case 'question': {
      const blocks: Block[] = [{ type: 'section', block_id: `q:${msg.step}`, text: mrkdwn(escape(msg.text)) }];
      const choices = msg.choices ?? [];
      if (choices.length > 0 && choices.length <= 5) {
        blocks.push({
          type: 'actions', block_id: `a:${msg.step}`,
          elements: choices.map((c, i) => ({ type: 'button', action_id: `${ANSWER_ACTION}:${i}`, text: plain(c.label), value: answerValue(msg.step, c.id) })),
        });
      } else if (choices.length > 5) {
        blocks.push({
          type: 'actions', block_id: `a:${msg.step}`,
          elements: [{
            type: 'static_select', action_id: `${ANSWER_ACTION}:select`, placeholder: plain(labels.choose),
            options: choices.map((c) => ({ text: plain(c.label), value: answerValue(msg.step, c.id) })),
          }],
        });
      }
      return { text: msg.text, blocks, ephemeral: false };
    }
    case 'error':
      return { text: msg.text, blocks: [{ type: 'section', text: mrkdwn(`:warning: ${escape(msg.text)}`) }], ephemeral: true };
    case 'info':
      return { text: msg.text, blocks: [{ type: 'section', text: mrkdwn(escape(msg.text)) }], ephemeral: false };
    case 'decision': {
      const icon = msg.outcome === 'required' ? ':red_circle:' : msg.outcome === 'assess' ? ':large_yellow_circle:' : ':large_green_circle:';
      const blocks: Block[] = [
        { type: 'header', text: plain(`${msg.title}${msg.caseId ? ` · ${msg.caseId}` : ''}`) },
        ...msg.reasons.flatMap((r) => [
          { type: 'section', text: mrkdwn(`${icon} ${escape(r.text)}`) },
          { type: 'context', elements: [mrkdwn(`_${escape(r.citation)}_`)] },
        ]),
      ];
      return { text: `${msg.title}${msg.caseId ? ` (${msg.caseId})` : ''}`, blocks, ephemeral: false };
    }
    case 'form':
      return {
        text: msg.form.title,
        blocks: [{
          type: 'section', text: mrkdwn(`*${escape(msg.form.title)}*${msg.form.caseId ? ` · ${msg.form.caseId}` : ''}`),
          accessory: { type: 'button', action_id: OPEN_FORM_ACTION, text: plain(labels.openForm), value: JSON.stringify({ caseId: msg.form.caseId, form: msg.form.id }) },
        }],
        ephemeral: false,
      };
  }
}

/** The question message after it was answered: the question and the answer, no buttons left to click. */
export function answeredBlocks(question: string, answered: string): Block[] {
  return [{ type: 'section', text: mrkdwn(escape(question)) }, { type: 'context', elements: [mrkdwn(`:white_check_mark: ${escape(answered)}`)] }];
}

function input(f: FormField): Block {
  const initial = f.value === undefined || f.value === null ? undefined : String(f.value);
  let element: Block;
  if (f.input === 'choice' && f.choices) {
    const options = f.choices.map((c) => ({ text: plain(c.label), value: c.id }));
    element = { type: 'static_select', action_id: 'value', options, ...(initial ? { initial_option: options.find((o) => o.value === initial) } : {}) };
  } else if (f.input === 'date') {
    element = { type: 'datepicker', action_id: 'value', ...(initial ? { initial_date: initial } : {}) };
  } else {
    element = { type: 'plain_text_input', action_id: 'value', multiline: f.input === 'textarea', ...(initial ? { initial_value: initial } : {}) };
  }
  return { type: 'input', block_id: f.id, optional: !f.required, label: plain(f.label), element, ...(f.hint ? { hint: plain(f.hint) } : {}) };
}

/** An intake section as a modal; private_metadata names the case and form. */
export function formModal(form: Form): Block {
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK,
    private_metadata: JSON.stringify({ caseId: form.caseId, form: form.id }),
    title: plain(form.title.slice(0, 24)),
    submit: plain(form.submitLabel),
    blocks: form.fields.map(input),
  };
}

/** Modal state -> plain field values, the shape bot.submitForm takes. */
export function modalValues(state: { values?: Record<string, Record<string, { type?: string; value?: string | null; selected_option?: { value: string } | null; selected_date?: string | null }>> }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, actions] of Object.entries(state.values ?? {})) {
    const a = actions.value;
    if (!a) continue;
    out[field] = a.selected_option?.value ?? a.selected_date ?? a.value ?? null;
  }
  return out;
}

export function homeBlocks(view: HomeView): Block[] {
  const blocks: Block[] = [
    { type: 'header', text: plain(view.title) },
    { type: 'section', text: mrkdwn(escape(view.intro)) },
    { type: 'actions', elements: [{ type: 'button', action_id: START_ACTION, style: 'primary', text: plain(view.startLabel), value: 'start' }] },
    { type: 'divider' },
    { type: 'header', text: plain(view.casesTitle) },
  ];
  if (view.cases.length === 0) blocks.push({ type: 'section', text: mrkdwn(escape(view.emptyText)) });
  for (const k of view.cases) {
    blocks.push({ type: 'section', text: mrkdwn(escape(k.text)) });
    if (k.due.length) blocks.push({ type: 'context', elements: k.due.map((d) => mrkdwn(escape(d))) });
    if (k.actions.length) {
      blocks.push({ type: 'actions', elements: k.actions.map((a) => ({ type: 'button', action_id: OPEN_FORM_ACTION, text: plain(a.label), value: JSON.stringify({ caseId: a.caseId, form: a.form }) })) });
    }
  }
  return blocks;
}
