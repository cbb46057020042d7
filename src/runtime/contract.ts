import type { Express } from 'express';
import type { DeadlineSettings, Person, Platform, Watchlist } from '../domain/index.js';
import type { FlowRegistry, Form, Inbound, NextAction, Nlu, Outbound } from '../engine/index.js';
import type { Lang } from '../i18n/index.js';
import type { PersonRecord, Reminder, ShownQuestion, Store } from '../store/index.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

// What the runtime promises the adapters, the CLI and the server: the Bot and its inputs and
// results. Adapters translate platform payloads into these and render what comes back; every
// decision (language, whether an answer was taken, who sees what) is made behind this contract.

export type { Platform, ShownQuestion };

/** The person behind a platform user id (the directory's view of them). */
export type ResolvePerson = (platform: Platform, userId: string) => Person;

/**
 * A file that came with a message. The adapter says what the platform says of it and how to fetch
 * it (its API, with the bot's credentials); the runtime decides whether to, before fetching.
 */
/** `size` null: the platform does not say (Teams); the bytes that arrive are checked instead. */
export type InboundFile = { name: string; size: number | null; download: () => Promise<Uint8Array> };

/** One message from a person, already translated by an adapter. */
export type Envelope = {
  platform: Platform;
  userId: string;
  /** Platform event id (Slack event_id, Teams activity id): a repeat is a no-op. */
  eventId?: string;
  input: Inbound;
  /** How to reach this person later (e.g. a Teams conversation reference, a Slack DM channel). */
  address?: unknown;
  /** Language the platform reports for the person, used until they choose one. */
  lang?: Lang;
  /** The platform can show forms (modals / task modules); otherwise intake is asked field by field. */
  forms?: boolean;
  /** Files attached to the message (Slack file share, Teams file attachment). */
  files?: InboundFile[];
};

/** How the recipient of a reply is shown: by name, in their language. */
export type Recipient = { key: string; name: string; lang: Lang };

/**
 * A question message shown earlier whose controls must go, because this turn answered it (typed or
 * clicked) or asked it again: the adapter replaces the controls with `text` (the recorded answer, or
 * that it was asked again / is no longer open) under `question`.
 */
export type RetiredQuestion = { ref: unknown; question: string; text: string };

/** What one turn did, as the adapters need it. */
export type TurnReply = {
  messages: Outbound[];
  /** The language of the reply; labels around the messages use it too. */
  lang: Lang;
  /** The step whose answer this turn recorded, and that answer as the person sees it. */
  accepted: { step: string; answer: string } | null;
  /** The question message (recorded with Bot.shown) that this turn answered or superseded. */
  retire: RetiredQuestion | null;
  /** A repeated platform event: nothing was done and nothing is to be shown. */
  duplicate: boolean;
  /**
   * The messages name a case or its details: show them to the recipient only (Slack: ephemeral in
   * a channel; Teams: their 1:1 chat), never to the channel or group the message came from.
   */
  private: boolean;
  /**
   * The step the conversation waits on after this turn (null: nothing is pending, e.g. the check was
   * decided or cancelled); absent when the turn did not run the conversation (a case command, a
   * repeated event). A chat that tags typed lines with the question it showed (the terminal) drops
   * the tag when nothing is pending any more, so its next line is a new message.
   */
  pending?: string | null;
  recipient: Recipient;
};

/** A next action (NextAction) taken from a button: the same as typing its command, without the typing. */
export type NextActionRequest = Omit<Envelope, 'input'> & { caseId: string; action: NextAction['id'] };

export type FormRequest = { platform: Platform; userId: string; caseId: string; form: string };
export type FormSubmission = FormRequest & { values: Record<string, unknown>; eventId?: string };
export type OpenFormResult = { ok: true; form: Form; lang: Lang } | { ok: false; message: string; lang: Lang };
export type SubmitFormResult =
  | { ok: true; message: string; lang: Lang /** the next unfinished section, for multi-step dialogs */; next?: Form }
  | { ok: false; message: string; lang: Lang /** field id -> message */; errors: Record<string, string> };

/**
 * What a person can do on a case from their home view: open its next intake section, or countersign a
 * risk-prediction record (the button sends `command`, the chat command that does it).
 */
export type HomeAction =
  | { id: 'open_form'; label: string; caseId: string; form: string }
  | { id: 'countersign'; label: string; caseId: string; command: string };

/** A person's home view (Slack App Home, Teams welcome card): their cases with deadlines and actions. */
export type HomeView = {
  lang: Lang;
  title: string;
  intro: string;
  startLabel: string;
  casesTitle: string;
  emptyText: string;
  cases: { caseId: string; text: string; due: string[]; actions: HomeAction[] }[];
};

/**
 * A click on a reminder's button (reminder-actions.ts). `action` is what the button said it does,
 * unchecked (an unknown one is refused); `reminderId` the reminder it was on; `caseId` the case a
 * digest's button names (a case reminder's own case is taken from the stored row, not the click).
 */
export type ActRequest = {
  platform: Platform;
  userId: string;
  action: string;
  reminderId?: number;
  caseId?: string;
  /** Platform event id of the click: a repeat is a no-op. */
  eventId?: string;
  /** Language the platform reports for the person, used until they choose one. */
  lang?: Lang;
};

/** What a click did, shown to the person who clicked only. */
export type ActReply = {
  /** The case view, the next intake form (a `form` message: open it as a dialog), or what was done or refused. */
  messages: Outbound[];
  lang: Lang;
  /** A repeated click: nothing was done and nothing is to be shown. */
  duplicate: boolean;
  /** The reminder is dealt with (acknowledged, snoozed): its message can lose its buttons and show `note` under `text`. */
  settled: { text: string; note: string } | null;
  recipient: Recipient;
};

/** A reminder row ready for delivery, or why it is not delivered (it is then retired, and the log says why). */
export type PresentedReminder =
  | { type: 'send'; messages: Outbound[]; lang: Lang }
  | { type: 'skip'; reason: 'unreadable' | 'no_case' | 'not_current' | 'acknowledged' | 'not_recipient' };

/** A person's reminders not delivered yet (terminal users read them in `review-bot cases`), in their language. */
export type PendingReminders = { lang: Lang; items: { id: number; kind: string; caseId: string | null; dueAt: string; text: string }[] };

export type Bot = {
  handle(envelope: Envelope): Promise<TurnReply>;
  /** A next action from a decision's buttons (view, assign to me, export, intake), checked like its typed command. */
  nextAction(req: NextActionRequest): Promise<TurnReply>;
  /** An intake section as a form, with what is saved so far; refused when the person may not edit it. */
  openForm(req: FormRequest): Promise<OpenFormResult>;
  /** Save the valid fields of a submitted form; invalid ones come back per field. */
  submitForm(req: FormSubmission): Promise<SubmitFormResult>;
  /** `locale`: the language the platform reports for the person, used until they choose one. */
  home(platform: Platform, userId: string, locale?: Lang): Promise<HomeView>;
  /** The pending question of a conversation in progress (shown when a person comes back). */
  resume(platform: Platform, userId: string): Promise<TurnReply>;
  /** A reminder's button: open the case or the next intake form, acknowledge, snooze. Checked against the stored reminder and case at commit. */
  act(req: ActRequest): Promise<ActReply>;
  /** A reminder row as the messages its recipient gets now, with the actions they may take (for the scheduler). */
  presentReminder(reminder: Reminder): Promise<PresentedReminder>;
  /** The reminders waiting for a person, with the same wording the chat platforms show. */
  pendingReminders(platform: Platform, userId: string): Promise<PendingReminders>;
  /**
   * The adapter showed a question with controls (`ref` finds the message again), or, with null, none
   * is left: a later turn that answers or re-asks it hands it back in `retire`.
   */
  shown(platform: Platform, userId: string, shown: ShownQuestion | null): Promise<void>;
};

export type BotDeps = {
  store: Store;
  registry: FlowRegistry;
  nlu: Nlu;
  resolvePerson: ResolvePerson;
  /** A person by the key cases store (an assignee, say); only when a people file is configured. */
  findPerson?: (key: string) => Person | null;
  /** A team's name by the id cases store; only when a people file is configured. */
  teamName?: (id: string) => string | null;
  clock: () => Date;
  newCaseId: () => string;
  log: Logger;
  /** Turn counts and latency for operations; nothing by default. */
  metrics?: Metrics;
  startFlow?: string;
  /** The calendar and the internal intake target: everything that derives deadlines (built once, app.ts). */
  deadlines: DeadlineSettings;
  /** Published review decisions (shipped and the operator's): matched against requests and declared suppliers. */
  watchlist?: Watchlist;
};

/**
 * What the shared HTTP server needs from a platform adapter (Slack, Teams). Adapters
 * translate only: payload -> Envelope / form submission, Outbound -> platform rendering.
 */
export type PlatformAdapter = {
  platform: Platform;
  /** Add this adapter's routes to the shared express app (DESIGN.md routes). */
  mount(app: Express): void | Promise<void>;
  /** Proactive delivery (reminders, status notices) to where the person was last seen, in `lang`. */
  deliver(person: PersonRecord, messages: Outbound[], lang: Lang): Promise<void>;
  close?(): Promise<void>;
};
