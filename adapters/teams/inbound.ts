import type { Inbound } from '../../src/engine/index.js';
import type { AnswerData, CaseActionData, OpenFormData } from './outbound.js';

/** A reminder button's click: what it asks for (the bot checks it). */
export type ReminderClick = { action: string; reminderId?: number; caseId?: string };

// Teams payloads -> engine inputs (pure, no SDK). Nothing here decides what an answer means.

/** The command a home card's start button stands for (the engine's start word, understood in both languages). */
export const START_COMMAND = 'review';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A choice button's data, or a choice list's submission (its `choice` input merged into the data),
 * from Action.Submit `value` or Action.Execute `action.data`; null when it is not one.
 */
export function answerOf(value: unknown): AnswerData | null {
  if (!isRecord(value) || typeof value.step !== 'string' || typeof value.choice !== 'string' || !value.step) return null;
  const listed = isRecord(value.labels) && Object.hasOwn(value.labels, value.choice) ? value.labels[value.choice] : undefined;
  const label = typeof value.label === 'string' ? value.label : typeof listed === 'string' ? listed : undefined;
  return {
    step: value.step,
    choice: value.choice,
    ...(typeof value.question === 'string' ? { question: value.question } : {}),
    ...(label !== undefined ? { label } : {}),
    ...(typeof value.owner === 'string' ? { owner: value.owner } : {}),
  };
}

const NEXT_ACTION_IDS: readonly string[] = ['view', 'intake', 'assign_me', 'export'];

/** A decision card's next-action button (Action.Submit data), or null. */
export function caseActionOf(value: unknown): CaseActionData | null {
  if (
    !isRecord(value) ||
    typeof value.caseId !== 'string' ||
    !value.caseId ||
    typeof value.caseAction !== 'string' ||
    !NEXT_ACTION_IDS.includes(value.caseAction)
  )
    return null;
  return { caseAction: value.caseAction as CaseActionData['caseAction'], caseId: value.caseId };
}

/** A click on a question card that was asked of someone else (channels and group chats show everyone the buttons). */
export const answeredBySomeoneElse = (answer: AnswerData, userId: string): boolean => answer.owner !== undefined && answer.owner !== userId;

/**
 * What a message activity means for the engine: a card answer, the home card's start or case command button, or
 * the typed text with the bot's @mention already removed (`mentionFree`).
 */
export function inboundOf(value: unknown, mentionFree: string): Inbound {
  const answer = answerOf(value);
  if (answer) return { type: 'choice', step: answer.step, choice: answer.choice };
  if (isRecord(value) && value.start === true) return { type: 'text', text: START_COMMAND };
  // A home card's case command button (countersign): the command it carries, as if typed.
  if (isRecord(value) && typeof value.command === 'string' && value.command.trim() !== '') return { type: 'text', text: value.command };
  return { type: 'text', text: mentionFree };
}

/** A reminder button's data (Action.Submit `value`, Action.Execute `action.data`, task/fetch `data`), or null when it is not one. */
export function reminderClickOf(value: unknown): ReminderClick | null {
  if (!isRecord(value) || typeof value.act !== 'string' || !value.act) return null;
  return {
    action: value.act,
    ...(typeof value.reminderId === 'number' ? { reminderId: value.reminderId } : {}),
    ...(typeof value.caseId === 'string' && value.caseId ? { caseId: value.caseId } : {}),
  };
}

/** The case and section a `task/fetch` asks for. */
export function formRequestOf(data: unknown): OpenFormData | null {
  if (!isRecord(data) || typeof data.caseId !== 'string' || typeof data.form !== 'string' || !data.caseId || !data.form) return null;
  return { caseId: data.caseId, form: data.form };
}

/** A `task/submit`: the case and section from the card's data, and the inputs (everything else but Teams' own keys). */
/** The dialog's close button (CloseFormData) was pressed: nothing to save. */
export const isCloseForm = (data: unknown): boolean => isRecord(data) && data.closeForm === true;

export function formSubmissionOf(data: unknown): (OpenFormData & { values: Record<string, unknown> }) | null {
  const target = formRequestOf(data);
  if (!target || !isRecord(data)) return null;
  const { caseId: _c, form: _f, msteams: _m, ...values } = data;
  return { ...target, values };
}

type MentionEntity = { type?: string; text?: string; mentioned?: { id?: string } };

/** The message text without the bot's @mentions (Teams puts `<at>Name</at>` in channel and group messages). */
export function withoutMentions(text: unknown, entities: unknown, botId: string | undefined): string {
  // A forged activity's text may be anything; only a string is text.
  let out = typeof text === 'string' ? text : '';
  for (const e of (Array.isArray(entities) ? entities : []) as MentionEntity[]) {
    if (e?.type === 'mention' && e.mentioned?.id === botId && typeof e.text === 'string' && e.text) out = out.split(e.text).join('');
  }
  return out.replace(/\u00a0/g, ' ').trim();
}

/** A file in a Teams message: the file-download attachment Teams sends for a shared file, or an uploaded image or document. */
export type TeamsFile = { name: string; url: string; signed: boolean };

/**
 * The files of an activity's attachments. A shared file comes as `file.download.info` with a
 * pre-authorised `downloadUrl` (no token); other uploads have a `contentUrl` that needs the bot's
 * token. The message's own HTML copy and cards are not files.
 */
export function filesOf(attachments: unknown): TeamsFile[] {
  if (!Array.isArray(attachments)) return [];
  return attachments.flatMap((a: { contentType?: string; contentUrl?: string; name?: string; content?: { downloadUrl?: string } }): TeamsFile[] => {
    const type = a?.contentType ?? '';
    if (type === 'application/vnd.microsoft.teams.file.download.info' && a.content?.downloadUrl)
      return [{ name: a.name ?? '', url: a.content.downloadUrl, signed: true }];
    if (type === 'text/html' || type.startsWith('application/vnd.microsoft.card') || !a?.contentUrl) return [];
    return [{ name: a.name ?? '', url: a.contentUrl, signed: false }];
  });
}
