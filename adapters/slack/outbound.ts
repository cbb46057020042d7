import type { Choice, Form, FormField, Outbound } from '../../src/engine/index.js';
import type { HomeView } from '../../src/runtime/index.js';
import { answerValue, caseActionValue, formRef, reminderActionValue } from './inbound.js';

// Outbound messages -> Block Kit. Pure functions: every word comes from the message or from the
// labels the caller looked up in the i18n catalogue.

export type Block = Record<string, unknown>;
export type SlackMessage = { text: string; blocks: Block[]; ephemeral: boolean };
/** Platform labels around engine text, already in the person's language (src/i18n/messages/platform.ts). */
export type SlackLabels = {
  openForm: string;
  choose: string;
  reasons: string;
  /** The heading of a decision's watchlist warnings. */
  warnings: string;
  caseLabel: (caseId: string) => string;
  /** The button that takes a suggested choice, and how a suggested choice is marked. */
  confirmSuggestion: string;
  suggested: (label: string) => string;
};

export const ANSWER_ACTION = 'answer';
export const OPEN_FORM_ACTION = 'open_form';
/** A decision's next actions other than the intake form (which opens the modal directly). */
export const CASE_ACTION = 'case_action';
export const START_ACTION = 'start_review';
/** A home button that stands for a chat case command (e.g. countersign); its value is the command text. */
export const CASE_COMMAND_ACTION = 'case_command';
export const FORM_CALLBACK = 'intake_form';
/** Reminder buttons: `reminder:<action>:<index>`. */
export const REMINDER_ACTION = 'reminder';
/** Buttons up to this many choices; a static select above it. */
export const MAX_BUTTONS = 5;

/** Block Kit length limits (characters) that engine text can reach. */
export const LIMITS = {
  button: 75,
  option: 75,
  placeholder: 150,
  header: 150,
  modalTitle: 24,
  modalButton: 24,
  label: 2000,
  hint: 2000,
  section: 3000,
  context: 3000,
  options: 100,
  fallback: 4000,
  buttonValue: 2000,
  optionValue: 150,
  messageBlocks: 50,
} as const;

/** Shorten to `max` characters, marking the cut. */
export const cut = (text: string, max: number): string => ([...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`);
/**
 * mrkdwn needs only these three escaped; everything else is shown as typed. A user mention the
 * runtime wrote (`<@U…>`, a person named on Slack) stays markup, so Slack shows the person's name.
 */
export const escapeMrkdwn = (s: string): string =>
  s
    .split(/(<@[UW][A-Z0-9]+>)/)
    .map((part, i) => (i % 2 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('');
const mrkdwn = (text: string, max: number = LIMITS.section) => ({ type: 'mrkdwn', text: cut(text, max) });
const length = (s: string) => [...s].length;

/**
 * Engine text as section blocks of at most 3000 characters each (Slack's limit), split at line ends,
 * a longer line between characters (never inside an escape): long texts are shown whole, not cut.
 * `prefix` (already mrkdwn) goes before the first; `blockId` is the first block's.
 */
function sections(text: string, prefix = '', blockId?: string): Block[] {
  const chunks: string[] = [];
  let current = prefix;
  const push = () => {
    if (current) chunks.push(current);
    current = '';
  };
  for (const [i, line] of text.split('\n').entries()) {
    const piece = escapeMrkdwn(line);
    const joined = i === 0 ? current + piece : `${current}\n${piece}`;
    if (length(joined) <= LIMITS.section) {
      current = joined;
      continue;
    }
    if (i > 0) push(); // the line starts the next section
    for (const ch of line) {
      const e = escapeMrkdwn(ch);
      if (length(current) + length(e) > LIMITS.section) push();
      current += e;
    }
  }
  push();
  return chunks.map((c, i) => ({ type: 'section', ...(i === 0 && blockId ? { block_id: blockId } : {}), text: { type: 'mrkdwn', text: c } }));
}
const plain = (text: string, max: number) => ({ type: 'plain_text', text: cut(text, max), emoji: true });

export function toSlack(msg: Outbound, labels: SlackLabels): SlackMessage {
  switch (msg.type) {
    case 'question': {
      const blocks: Block[] = sections(msg.text, '', `q:${msg.step}`);
      const choices = msg.choices ?? [];
      // A guess is marked where it stands (flow order); its value names the plain label for the answered message.
      const shown = (c: Choice) => (c.suggested ? labels.suggested(c.label) : c.label);
      const value = (c: Choice, max: number) => {
        const marked = answerValue(msg.step, c.id, c.label);
        return c.suggested && marked.length <= max ? marked : answerValue(msg.step, c.id);
      };
      const guess = choices.find((c) => c.suggested);
      if (choices.length > 0 && choices.length <= MAX_BUTTONS) {
        blocks.push({
          type: 'actions',
          block_id: `a:${msg.step}`,
          elements: choices.map((c, i) => ({
            type: 'button',
            action_id: `${ANSWER_ACTION}:${i}`,
            text: plain(shown(c), LIMITS.button),
            value: value(c, LIMITS.buttonValue),
            ...(c.suggested ? { style: 'primary' } : {}),
          })),
        });
      } else if (choices.length > MAX_BUTTONS) {
        blocks.push({
          type: 'actions',
          block_id: `a:${msg.step}`,
          elements: [
            {
              type: 'static_select',
              action_id: `${ANSWER_ACTION}:select`,
              placeholder: plain(labels.choose, LIMITS.placeholder),
              options: choices.slice(0, LIMITS.options).map((c) => ({ text: plain(shown(c), LIMITS.option), value: value(c, LIMITS.optionValue) })),
            },
            ...(guess
              ? [
                  {
                    type: 'button',
                    action_id: `${ANSWER_ACTION}:yes`,
                    style: 'primary',
                    text: plain(labels.confirmSuggestion, LIMITS.button),
                    value: answerValue(msg.step, guess.id, guess.label),
                  },
                ]
              : []),
          ],
        });
      }
      return { text: cut(msg.text, LIMITS.fallback), blocks, ephemeral: false };
    }
    case 'error':
      return { text: cut(msg.text, LIMITS.fallback), blocks: sections(msg.text, ':warning: ').slice(0, LIMITS.messageBlocks), ephemeral: true };
    case 'info':
      return { text: cut(msg.text, LIMITS.fallback), blocks: sections(msg.text).slice(0, LIMITS.messageBlocks), ephemeral: false };
    case 'reminder':
      return reminderMessage(msg);
    case 'decision': {
      const icon = msg.outcome === 'required' ? ':red_circle:' : msg.outcome === 'assess' ? ':large_yellow_circle:' : ':large_green_circle:';
      const caseText = msg.reference ?? (msg.caseId ? labels.caseLabel(msg.caseId) : null);
      const next = (msg.actions ?? []).map((a, i) =>
        a.id === 'intake' && a.form
          ? { type: 'button', action_id: `${OPEN_FORM_ACTION}:next`, text: plain(a.label, LIMITS.button), value: formRef(a.caseId, a.form), style: 'primary' }
          : { type: 'button', action_id: `${CASE_ACTION}:${i}`, text: plain(a.label, LIMITS.button), value: caseActionValue(a.caseId, a.id) },
      );
      const blocks: Block[] = [
        { type: 'header', text: plain(msg.title, LIMITS.header) },
        ...(caseText ? [{ type: 'context', elements: [mrkdwn(`${icon} *${escapeMrkdwn(caseText)}*`, LIMITS.context)] }] : []),
        ...(msg.reasons.length ? [{ type: 'section', text: mrkdwn(`*${escapeMrkdwn(labels.reasons)}*`) }] : []),
        ...msg.reasons.flatMap((r) => [
          { type: 'section', text: mrkdwn(`• ${escapeMrkdwn(r.text)}`) },
          { type: 'context', elements: [mrkdwn(`_${escapeMrkdwn(r.citation)}_`, LIMITS.context)] },
        ]),
        ...(msg.warnings?.length ? [{ type: 'section', text: mrkdwn(`*${escapeMrkdwn(labels.warnings)}*`) }] : []),
        ...(msg.warnings ?? []).flatMap((w) => [
          { type: 'section', text: mrkdwn(`:warning: ${escapeMrkdwn(w.text)}`) },
          { type: 'context', elements: [mrkdwn(`_${escapeMrkdwn(w.source)}_`, LIMITS.context)] },
        ]),
        ...(next.length ? [{ type: 'actions', block_id: `next:${msg.caseId ?? ''}`, elements: next }] : []),
      ];
      return { text: cut(caseText ? `${msg.title} · ${caseText}` : msg.title, LIMITS.fallback), blocks, ephemeral: false };
    }
    case 'form':
      return {
        text: cut(msg.form.caseId ? `${msg.form.title} · ${labels.caseLabel(msg.form.caseId)}` : msg.form.title, LIMITS.fallback),
        blocks: [
          {
            type: 'section',
            text: mrkdwn(`*${escapeMrkdwn(msg.form.title)}*${msg.form.caseId ? ` · ${escapeMrkdwn(labels.caseLabel(msg.form.caseId))}` : ''}`),
            ...(msg.form.caseId
              ? {
                  accessory: {
                    type: 'button',
                    action_id: OPEN_FORM_ACTION,
                    style: 'primary',
                    text: plain(labels.openForm, LIMITS.button),
                    value: formRef(msg.form.caseId, msg.form.id),
                  },
                }
              : {}),
          },
        ],
        ephemeral: false,
      };
  }
}

/** A reminder: its text, then one button per action it carries (the bot chose them and wrote their labels). */
export function reminderMessage(msg: Extract<Outbound, { type: 'reminder' }>): SlackMessage {
  // One block is kept for the buttons; a digest long enough to fill the rest is cut there (the fallback text has it).
  const blocks = sections(msg.text).slice(0, msg.actions.length ? LIMITS.messageBlocks - 1 : LIMITS.messageBlocks);
  if (msg.actions.length) {
    blocks.push({
      type: 'actions',
      block_id: `reminder:${msg.actions[0]!.reminderId ?? 'none'}`,
      elements: msg.actions.slice(0, 25).map((a, i) => ({
        type: 'button',
        action_id: `${REMINDER_ACTION}:${a.id}:${i}`,
        text: plain(a.label, LIMITS.button),
        value: reminderActionValue(a),
        ...(a.id === 'acknowledge' ? { style: 'primary' } : {}),
      })),
    });
  }
  return { text: cut(msg.text, LIMITS.fallback), blocks, ephemeral: false };
}

/**
 * The question message after its answer was accepted: the question stays, its buttons go (so
 * they cannot be clicked twice), and the answer is shown under it.
 */
export function answeredBlocks(original: readonly Block[] | undefined, fallbackQuestion: string, answered: string): Block[] {
  const kept = (original ?? []).filter((b) => b.type !== 'actions');
  const question = kept.length ? kept : [{ type: 'section', text: mrkdwn(escapeMrkdwn(fallbackQuestion)) }];
  return [...question, { type: 'context', elements: [mrkdwn(`:white_check_mark: ${escapeMrkdwn(answered)}`, LIMITS.context)] }];
}

function input(f: FormField): Block {
  const initial = f.value === undefined || f.value === null ? undefined : String(f.value);
  let element: Block;
  switch (f.input) {
    case 'choice': {
      const options = (f.choices ?? []).slice(0, LIMITS.options).map((c) => ({ text: plain(c.label, LIMITS.option), value: c.id }));
      const selected = options.find((o) => o.value === initial);
      element = { type: 'static_select', action_id: 'value', options, ...(selected ? { initial_option: selected } : {}) };
      break;
    }
    case 'date':
      element = { type: 'datepicker', action_id: 'value', ...(initial && /^\d{4}-\d{2}-\d{2}$/.test(initial) ? { initial_date: initial } : {}) };
      break;
    case 'number':
      // Slack refuses the whole view for an initial_value that is not a number.
      element = {
        type: 'number_input',
        action_id: 'value',
        is_decimal_allowed: true,
        ...(initial?.trim() && Number.isFinite(Number(initial)) ? { initial_value: initial } : {}),
      };
      break;
    case 'text':
    case 'textarea':
      element = { type: 'plain_text_input', action_id: 'value', multiline: f.input === 'textarea', ...(initial ? { initial_value: initial } : {}) };
      break;
  }
  return {
    type: 'input',
    block_id: f.id,
    optional: !f.required,
    label: plain(f.shownLabel, LIMITS.label),
    element,
    ...(f.hint ? { hint: plain(f.hint, LIMITS.hint) } : {}),
  };
}

/** An intake section as a modal: one input per field by type (block_id = field id); private_metadata names the case and form. */
export function formModal(form: Form): Block {
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK,
    private_metadata: formRef(form.caseId ?? '', form.id),
    title: plain(form.shortTitle, LIMITS.modalTitle),
    submit: plain(form.submitLabel, LIMITS.modalButton),
    close: plain(form.closeLabel, LIMITS.modalButton),
    blocks: form.fields.map(input),
  };
}

/** A person's App Home: start button, their cases with due dates and the next intake action. */
export function homeBlocks(view: HomeView): Block[] {
  const blocks: Block[] = [
    { type: 'header', text: plain(view.title, LIMITS.header) },
    { type: 'section', text: mrkdwn(escapeMrkdwn(view.intro)) },
    {
      type: 'actions',
      block_id: 'home:start',
      elements: [{ type: 'button', action_id: START_ACTION, style: 'primary', text: plain(view.startLabel, LIMITS.button), value: 'start' }],
    },
    { type: 'divider' },
    { type: 'header', text: plain(view.casesTitle, LIMITS.header) },
  ];
  if (view.cases.length === 0) blocks.push({ type: 'section', text: mrkdwn(escapeMrkdwn(view.emptyText)) });
  for (const k of view.cases) {
    blocks.push({ type: 'section', text: mrkdwn(escapeMrkdwn(k.text)) });
    if (k.due.length) blocks.push({ type: 'context', elements: k.due.slice(0, 10).map((d) => mrkdwn(escapeMrkdwn(d), LIMITS.context)) });
    if (k.actions.length) {
      blocks.push({
        type: 'actions',
        block_id: `home:${k.caseId}`,
        elements: k.actions.map((a, i) =>
          a.id === 'open_form'
            ? { type: 'button', action_id: `${OPEN_FORM_ACTION}:${i}`, text: plain(a.label, LIMITS.button), value: formRef(a.caseId, a.form) }
            : { type: 'button', action_id: `${CASE_COMMAND_ACTION}:${i}`, style: 'primary', text: plain(a.label, LIMITS.button), value: a.command },
        ),
      });
    }
  }
  // A home view holds at most 100 blocks.
  return blocks.slice(0, 100);
}
