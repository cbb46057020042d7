// Slack payload details -> plain engine inputs. Pure functions: no I/O, no wording, no decisions.

/** Where a person can be reached later (stored with the person; reminders go to the DM). */
export type SlackAddress = { user: string; team: string | null; dm?: string };

/** Where to answer now: a channel, a thread inside it when the conversation started in one, and the person. */
export type Place = { channel: string; user: string; thread_ts?: string };

/** Slack direct-message channel ids start with D (channels C, private groups G). */
export const isDmChannel = (id: string | undefined): id is string => typeof id === 'string' && id.startsWith('D');

/**
 * Slack message markup -> the text a person meant. The bot's own mention is dropped; other mentions,
 * channels and links keep their visible label; HTML entities Slack escapes are restored.
 */
export function fromSlackText(text: unknown, botUserId?: string): string {
  // A forged payload's text may be anything; only a string is text.
  return (typeof text === 'string' ? text : '')
    .replace(/<@([A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) => (id === botUserId ? '' : `@${name || id}`))
    .replace(/<#([A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) => `#${name || id}`)
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_m, name?: string) => name || '@team')
    .replace(/<!([a-z]+)(?:\^[^|>]*)?(?:\|([^>]*))?>/g, (_m, kw: string, label?: string) => label || `@${kw}`)
    .replace(/<((?:https?|mailto|tel):[^|>]+)(?:\|([^>]*))?>/g, (_m, url: string, label?: string) => label || url)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** What an empty mention, a bare /review or the App Home button sends: the command that starts a check (DESIGN.md CLI contract). */
export const START_TEXT = 'review';

/** The text of an app_mention without the bot's mention; an empty one means "start". */
export const mentionText = (text: unknown, botUserId?: string): string => {
  const plain = fromSlackText(text, botUserId);
  // Without the bot's id (auth.test not answered yet) the leading mention is the bot's.
  return (botUserId ? plain : plain.replace(/^@\S+\s*/, '')) || START_TEXT;
};

/**
 * The value of an answer button or option: the step it answers travels with it, so a stale click is
 * refused. `label` rides along when the control's own text is not the choice's label (a marked guess,
 * the "Yes, that's right" button), so the answered message shows the choice itself.
 */
export const answerValue = (step: string, choice: string, label?: string): string =>
  JSON.stringify(label === undefined ? { s: step, c: choice } : { s: step, c: choice, l: label });

export function parseAnswerValue(value: unknown): { step: string; choice: string; label?: string } | null {
  const v = parseJson(value) as { s?: unknown; c?: unknown; l?: unknown; step?: unknown; choice?: unknown } | null;
  const step = v?.s ?? v?.step; // `step`/`choice`: buttons sent by earlier versions
  const choice = v?.c ?? v?.choice;
  if (typeof step !== 'string' || typeof choice !== 'string' || step === '') return null;
  return typeof v?.l === 'string' ? { step, choice, label: v.l } : { step, choice };
}

/** A next-action button (view the case, assign to me, export): the case and the action the runtime offered. */
export type CaseActionRef = { caseId: string; action: 'view' | 'intake' | 'assign_me' | 'export' };
export const caseActionValue = (caseId: string, action: CaseActionRef['action']): string => JSON.stringify({ caseId, action });
const NEXT_ACTION_IDS: readonly string[] = ['view', 'intake', 'assign_me', 'export'];

export function parseCaseActionValue(value: unknown): CaseActionRef | null {
  const v = parseJson(value) as { caseId?: unknown; action?: unknown } | null;
  return v && typeof v.caseId === 'string' && v.caseId && typeof v.action === 'string' && NEXT_ACTION_IDS.includes(v.action)
    ? { caseId: v.caseId, action: v.action as CaseActionRef['action'] }
    : null;
}

/** A posted message, as chat.update finds it again. */
export type MessageRef = { channel: string; ts: string };

export function parseMessageRef(value: unknown): MessageRef | null {
  const v = value as { channel?: unknown; ts?: unknown } | null;
  return v && typeof v === 'object' && typeof v.channel === 'string' && typeof v.ts === 'string' ? { channel: v.channel, ts: v.ts } : null;
}

/** Which intake section of which case a button (or a modal's private_metadata) refers to. */
export type FormRef = { caseId: string; form: string };
export const formRef = (caseId: string, form: string): string => JSON.stringify({ caseId, form });

export function parseFormRef(value: unknown): FormRef | null {
  const v = parseJson(value) as { caseId?: unknown; form?: unknown } | null;
  return v && typeof v.caseId === 'string' && typeof v.form === 'string' && v.caseId && v.form ? { caseId: v.caseId, form: v.form } : null;
}

/** A reminder button's value: what it does and what it refers to (checked by the bot, not here). */
export const reminderActionValue = (a: { id: string; reminderId: number | null; caseId: string }): string =>
  JSON.stringify({ a: a.id, ...(a.reminderId !== null ? { r: a.reminderId } : {}), c: a.caseId });

export type ReminderClick = { action: string; reminderId?: number; caseId?: string };

export function parseReminderAction(value: unknown): ReminderClick | null {
  const v = parseJson(value) as { a?: unknown; r?: unknown; c?: unknown } | null;
  if (!v || typeof v.a !== 'string' || v.a === '') return null;
  return { action: v.a, ...(typeof v.r === 'number' ? { reminderId: v.r } : {}), ...(typeof v.c === 'string' && v.c ? { caseId: v.c } : {}) };
}

type InputState = {
  type?: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_date?: string | null;
};

/** Modal state -> field values by field id (block_id = field id, each input's action_id is `value`). */
export function modalValues(state: { values?: Record<string, Record<string, InputState>> } | undefined): Record<string, unknown> {
  const values = state?.values;
  if (!values || typeof values !== 'object') return {};
  const out: [string, unknown][] = [];
  for (const [field, actions] of Object.entries(values)) {
    const a = actions && typeof actions === 'object' ? actions.value : undefined;
    if (!a || typeof a !== 'object') continue;
    out.push([field, a.selected_option?.value ?? a.selected_date ?? a.value ?? null]);
  }
  return Object.fromEntries(out); // own keys, even for a field named "__proto__"
}

/**
 * Natural keys that make a repeated delivery a no-op in the store. Events use Slack's own event_id
 * (retries carry the same one); interactivity has no id of its own, so the per-interaction values
 * Slack sends are used instead.
 */
export const eventKeys = {
  command: (triggerId: string) => `slack:command:${triggerId}`,
  shortcut: (triggerId: string) => `slack:shortcut:${triggerId}`,
  action: (userId: string, actionTs: string) => `slack:action:${userId}:${actionTs}`,
  view: (viewId: string, triggerId: string) => `slack:view:${viewId}:${triggerId}`,
};

/** A stored address, including the `{ channel }` shape earlier versions stored. */
export function parseAddress(address: unknown): SlackAddress | null {
  if (!address || typeof address !== 'object') return null;
  const a = address as { user?: unknown; team?: unknown; dm?: unknown; channel?: unknown };
  const dm = typeof a.dm === 'string' ? a.dm : typeof a.channel === 'string' && isDmChannel(a.channel) ? a.channel : undefined;
  if (typeof a.user !== 'string') return dm ? { user: '', team: null, dm } : null;
  return { user: a.user, team: typeof a.team === 'string' ? a.team : null, ...(dm ? { dm } : {}) };
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string' || value === '') return null;
  try {
    const v: unknown = JSON.parse(value);
    return v && typeof v === 'object' ? v : null;
  } catch {
    return null;
  }
}
