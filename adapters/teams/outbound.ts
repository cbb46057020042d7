import type { Choice, Form, FormField, Outbound } from '../../src/engine/index.js';
import type { HomeView } from '../../src/runtime/index.js';

// Outbound messages -> Adaptive Cards 1.5 (pure, no SDK). Every word comes from the message or the caller's labels.

export type Card = Record<string, unknown>;
/**
 * Labels around engine messages, already in the person's language (from the i18n catalogue), and the
 * person the questions are for (their Teams user id): in a channel anyone can click a card's buttons.
 */
export type Labels = {
  openForm: string;
  reasons: string;
  /** The heading of a decision's watchlist warnings. */
  warnings: string;
  /** Placeholder of the choice list and its submit button. */
  choose: string;
  submitChoice: string;
  /** The button that takes a suggested choice, and how a suggested choice is marked. */
  confirmSuggestion: string;
  suggested: (label: string) => string;
  owner?: string;
};

/** What the Teams card buttons carry back (Action.Submit `data` / Action.Execute `data`). */
/** The dialog's close button: the submit is answered with an empty response, which closes the dialog. */
export type CloseFormData = { closeForm: true };
export type AnswerData = { step: string; choice: string; question?: string; label?: string; owner?: string };
/**
 * The submit button under a choice list: the list's input is named `choice`, so Teams merges the picked
 * id into this data and the submission reads like a button's AnswerData; `labels` names the choices
 * for the answered card.
 */
export type ChoiceListData = Omit<AnswerData, 'choice' | 'label'> & { labels: Record<string, string> };
/** The choice list's input id: what it submits lands on AnswerData's `choice`. */
export const CHOICE_INPUT = 'choice';
export type OpenFormData = { caseId: string; form: string };
/** What a reminder's buttons carry back: the action, the reminder it was on, the case it names (the bot checks all three). */
export type ReminderActData = { act: string; reminderId?: number; caseId: string };
/** A decision's next action (view the case, assign to me, export); the intake opens its dialog directly. */
export type CaseActionData = { caseAction: 'view' | 'intake' | 'assign_me' | 'export'; caseId: string };
/** The home card's start button: the conversation starts as if the person had typed the start command. */
export type StartData = { start: true };
/** Up to this many choices are buttons in one row; more become a compact choice list. */
export const MAX_BUTTONS = 3;
/**
 * How much title a row of buttons holds on a 400–500 px card, in characters (a Han or full-width
 * character counts two). Teams gives each button of a row the same width and cuts longer titles.
 */
const ROW_UNITS = 36;
const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;
const units = (title: string) => [...title].reduce((n, c) => n + (WIDE.test(c) ? 2 : 1), 0);
/** Buttons when they fit in one row uncut; otherwise the choices go into a list. */
export const fitsInRow = (titles: readonly string[]): boolean =>
  titles.length <= MAX_BUTTONS && titles.every((title) => units(title) <= Math.floor(ROW_UNITS / titles.length));
/** A home card button that stands for a chat case command (countersign a record): sent as if typed. */
export type CommandData = { command: string };

/** Items in rows, in order, each row as long as its titles still fit in one row uncut. */
function rows<T>(items: readonly T[], title: (x: T) => string): T[][] {
  const out: T[][] = [];
  for (const x of items) {
    const last = out[out.length - 1];
    if (last && fitsInRow([...last, x].map(title))) last.push(x);
    else out.push([x]);
  }
  return out;
}

const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
const card = (body: unknown[], actions: unknown[], fallbackText: string): Card => ({
  type: 'AdaptiveCard',
  $schema: SCHEMA,
  version: '1.5',
  fallbackText,
  body,
  ...(actions.length ? { actions } : {}),
});
const text = (t: string, extra: Record<string, unknown> = {}) => ({ type: 'TextBlock', text: t, wrap: true, ...extra });
/** Opens an intake section as a task module (dialog): Teams turns this submit into a `task/fetch` invoke. */
const openFormAction = (title: string, data: OpenFormData) => ({ type: 'Action.Submit', title, data: { msteams: { type: 'task/fetch' }, ...data } });

/**
 * A rendered message: a card (or none), and the plain text for clients that cannot show cards
 * (the activity's `text` when there is no card, its `summary` and the card's `fallbackText` otherwise).
 */
export type TeamsMessage = { card: Card | null; text: string };

export function toTeams(msg: Outbound, labels: Labels): TeamsMessage {
  switch (msg.type) {
    case 'question': {
      const choices = msg.choices ?? [];
      if (choices.length === 0) return { card: null, text: msg.text };
      const shown = (c: Choice) => (c.suggested ? labels.suggested(c.label) : c.label);
      const fallback = [msg.text, ...choices.map((c, i) => `${i + 1}. ${shown(c)}`)].join('\n');
      const owner = labels.owner ? { owner: labels.owner } : {};
      const answer = (c: Choice): AnswerData => ({ step: msg.step, choice: c.id, question: msg.text, label: c.label, ...owner });
      if (fitsInRow(choices.map(shown))) {
        const buttons = choices.map((c) => ({ type: 'Action.Submit', title: shown(c), data: answer(c), ...(c.suggested ? { style: 'positive' } : {}) }));
        return { text: fallback, card: card([text(msg.text, { weight: 'Bolder' })], buttons, fallback) };
      }
      // Many or long choices: a list in the flow's order, labelled by the question, and, for a guess,
      // one button that takes it. Not isRequired: an empty submit is answered by the engine's "choose one".
      const list = {
        type: 'Input.ChoiceSet',
        id: CHOICE_INPUT,
        style: 'compact',
        label: msg.text,
        placeholder: labels.choose,
        choices: choices.map((c) => ({ title: shown(c), value: c.id })),
      };
      const submit: ChoiceListData = { step: msg.step, question: msg.text, labels: Object.fromEntries(choices.map((c) => [c.id, c.label])), ...owner };
      const guess = choices.find((c) => c.suggested);
      const actions = [
        // associatedInputs none: the list's value must not overwrite the guessed choice.
        ...(guess ? [{ type: 'Action.Submit', title: labels.confirmSuggestion, style: 'positive', associatedInputs: 'none', data: answer(guess) }] : []),
        { type: 'Action.Submit', title: labels.submitChoice, data: submit },
      ];
      return { text: fallback, card: card([list], actions, fallback) };
    }
    case 'decision': {
      const color = msg.outcome === 'required' ? 'Attention' : msg.outcome === 'assess' ? 'Warning' : 'Good';
      const reference = msg.reference ?? msg.caseId;
      const heading = `${msg.title}${reference ? ` · ${reference}` : ''}`;
      const warnings = msg.warnings ?? [];
      const fallback = [heading, ...msg.reasons.map((r) => `- ${r.text} (${r.citation})`), ...warnings.map((w) => `! ${w.text} (${w.source})`)].join('\n');
      const actions = (msg.actions ?? []).map((a) =>
        a.id === 'intake' && a.form
          ? openFormAction(a.label, { caseId: a.caseId, form: a.form })
          : { type: 'Action.Submit', title: a.label, data: { caseAction: a.id, caseId: a.caseId } satisfies CaseActionData },
      );
      const body = [
        // The reference on its own line, so the id is never broken across lines of the large title.
        text(msg.title, { size: 'Large', weight: 'Bolder', color }),
        ...(reference ? [text(reference, { weight: 'Bolder', spacing: 'None' })] : []),
        ...(msg.reasons.length ? [text(labels.reasons, { weight: 'Bolder', spacing: 'Medium' })] : []),
        ...msg.reasons.flatMap((r) => [text(r.text, { spacing: 'Small' }), text(r.citation, { isSubtle: true, size: 'Small', spacing: 'None' })]),
        ...(warnings.length ? [text(labels.warnings, { weight: 'Bolder', spacing: 'Medium', color: 'Warning' })] : []),
        ...warnings.flatMap((w) => [text(`⚠️ ${w.text}`, { spacing: 'Small' }), text(w.source, { isSubtle: true, size: 'Small', spacing: 'None' })]),
        // The next actions in rows whose titles fit uncut (Teams cuts long titles in a full row).
        ...rows(actions, (a) => a.title).map((row, i) => ({ type: 'ActionSet', actions: row, ...(i === 0 ? { spacing: 'Medium' } : { spacing: 'Small' }) })),
      ];
      return { card: card(body, [], fallback), text: fallback };
    }
    case 'form': {
      const heading = `${msg.form.title}${msg.form.caseId ? ` · ${msg.form.caseId}` : ''}`;
      const actions = msg.form.caseId ? [openFormAction(labels.openForm, { caseId: msg.form.caseId, form: msg.form.id })] : [];
      return { text: heading, card: card([text(heading, { weight: 'Bolder' })], actions, heading) };
    }
    case 'error':
      return { card: null, text: `⚠️ ${msg.text}` };
    case 'info':
      return { card: null, text: msg.text };
    case 'reminder':
      return reminderCard(msg);
  }
}

/**
 * A reminder as a card: its text, and one button per action it carries (the bot chose them and
 * wrote their labels). "Fill in" opens the intake form as a dialog (task/fetch); the others are
 * plain submits that come back as a message activity (or an Action.Execute invoke). Teams gives
 * the buttons of a row equal widths and cuts what does not fit, so they go in as many rows as
 * their titles need (fitsInRow), in the bot's order.
 */
export function reminderCard(msg: Extract<Outbound, { type: 'reminder' }>): TeamsMessage {
  const actions = msg.actions.map((a) => {
    const data: ReminderActData = { act: a.id, caseId: a.caseId, ...(a.reminderId !== null ? { reminderId: a.reminderId } : {}) };
    return a.id === 'open_form'
      ? { type: 'Action.Submit', title: a.label, data: { msteams: { type: 'task/fetch' }, ...data } }
      : { type: 'Action.Submit', title: a.label, data, ...(a.id === 'acknowledge' ? { style: 'positive' } : {}) };
  });
  if (actions.length === 0) return { card: null, text: msg.text };
  const rows: (typeof actions)[] = [];
  for (const a of actions) {
    const row = rows[rows.length - 1];
    if (row && fitsInRow([...row, a].map((x) => x.title))) row.push(a);
    else rows.push([a]);
  }
  const lines = msg.text.split('\n').map((line, i) => text(line, i === 0 ? { weight: 'Bolder' } : { spacing: 'None' }));
  if (rows.length === 1) return { text: msg.text, card: card(lines, actions, msg.text) };
  return { text: msg.text, card: card([...lines, ...rows.map((row) => ({ type: 'ActionSet', actions: row }))], [], msg.text) };
}

/** The question card once answered: the question and the answer, no buttons (it cannot be answered twice). */
export const answeredCard = (question: string, answered: string): Card => {
  const body = [...(question ? [text(question, { weight: 'Bolder' })] : []), text(`✅ ${answered}`, { isSubtle: true })];
  return card(body, [], [question, answered].filter(Boolean).join('\n'));
};

/**
 * Adaptive Cards submit every input as a string; the value shown is a string too (Input.Number's is a number).
 * A list or an object (a refused submission shown again) has no text: shown as "[object Object]" it would be saved as that.
 */
const shown = (v: unknown): string | undefined => (v === undefined || v === null || typeof v === 'object' ? undefined : typeof v === 'string' ? v : String(v));

function inputOf(f: FormField): Card {
  const value = shown(f.value);
  // No `isRequired`: Teams would refuse to submit a half-filled form, and partial saves are the point.
  // Required fields that are still empty are simply not saved; the engine lists what is missing.
  // The hint is not a placeholder: a placeholder disappears once a saved value is filled in.
  const common = { id: f.id, label: f.shownLabel, ...(value !== undefined ? { value } : {}) };
  switch (f.input) {
    case 'choice':
      return f.choices
        ? { type: 'Input.ChoiceSet', style: 'compact', choices: f.choices.map((c) => ({ title: c.label, value: c.id })), ...common }
        : { type: 'Input.Text', ...common };
    case 'date':
      return { type: 'Input.Date', ...common };
    case 'number': {
      // Input.Number's `value` is a number in the schema; a string is not shown (the field looked empty).
      const n = value === undefined ? NaN : Number(value);
      const { value: _v, ...rest } = common;
      return { type: 'Input.Number', ...rest, ...(value !== undefined && value.trim() !== '' && Number.isFinite(n) ? { value: n } : {}) };
    }
    case 'textarea':
      return { type: 'Input.Text', isMultiline: true, ...common };
    case 'text':
      return { type: 'Input.Text', ...common };
  }
}

/**
 * An intake section as a task-module card, current values filled in, each field's hint under it.
 * After a submission, `banner` (what was saved) is progress on top, never an error even when some
 * fields need a fix: those errors are shown right under their fields.
 */
export function formCard(form: Form, errors: Record<string, string> = {}, banner?: string): Card {
  const body: unknown[] = [text(form.title, { size: 'Medium', weight: 'Bolder' })];
  if (banner) body.push(text(banner, { id: 'saved__banner', color: 'Good' }));
  for (const f of form.fields) {
    body.push(inputOf(f));
    const error = errors[f.id];
    // The error first, right under what it is about; the hint after it says what is expected.
    if (error) body.push(text(error, { id: `${f.id}__error`, color: 'Attention', size: 'Small', spacing: 'None' }));
    if (f.hint) body.push(text(f.hint, { id: `${f.id}__hint`, isSubtle: true, size: 'Small', spacing: 'None' }));
  }
  const data: Partial<OpenFormData> = { form: form.id, ...(form.caseId ? { caseId: form.caseId } : {}) };
  const close: CloseFormData = { closeForm: true };
  return card(
    body,
    [
      { type: 'Action.Submit', title: form.submitLabel, data },
      // Teams' own ✕ has no label; this one says that closing saves nothing (associatedInputs: none).
      { type: 'Action.Submit', title: form.closeLabel, associatedInputs: 'none', data: close },
    ],
    form.title,
  );
}

/** The welcome card of a personal chat: the person's cases with deadlines and their next intake form. */
export function homeCard(view: HomeView): Card {
  const body: unknown[] = [
    text(view.title, { size: 'Large', weight: 'Bolder' }),
    text(view.intro),
    text(view.casesTitle, { weight: 'Bolder', spacing: 'Medium' }),
  ];
  if (view.cases.length === 0) body.push(text(view.emptyText, { isSubtle: true }));
  for (const k of view.cases) {
    body.push({
      type: 'Container',
      separator: true,
      items: [text(k.text), ...k.due.map((d) => text(d, { isSubtle: true, size: 'Small', spacing: 'None' }))],
    });
    if (k.actions.length) {
      body.push({
        type: 'ActionSet',
        actions: k.actions.map((a) =>
          a.id === 'open_form'
            ? openFormAction(a.label, { caseId: a.caseId, form: a.form })
            : { type: 'Action.Submit', title: a.label, data: { command: a.command } satisfies CommandData },
        ),
      });
    }
  }
  const start: StartData = { start: true };
  const fallback = [view.title, view.intro, ...view.cases.map((k) => k.text)].join('\n');
  return card(body, [{ type: 'Action.Submit', title: view.startLabel, data: start }], fallback);
}
