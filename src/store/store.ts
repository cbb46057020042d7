import type { AttachmentMeta, AuditEntry, CaseRecord, CaseStatus } from '../domain/index.js';
import type { ConvState } from '../engine/index.js';
import type { Lang } from '../i18n/lang.js';

// The persistence interface, implemented by SQLite (sqlite.ts, the embedded default) and
// PostgreSQL (postgres.ts, for several instances on one database). Nothing here relies on
// process memory: conversations use optimistic revisions, reminders and once-a-day runs are
// claimed by row with a lease, and duplicate platform events are caught by a unique key.
// Instants are ISO-8601 strings in both backends and compare as text (bytewise).
// Cases are stored as CaseRecord JSON and read back through upgradeCase (domain/case.ts),
// which brings records of older shapes to the current one; every backend does the same.

export type StoredConversation = { state: ConvState | null; rev: number };

export type AnswerRow = { flow: string; version: number; step: string; value: unknown; inferred: boolean; at: string };

/** Everything one turn changes, written in one transaction. */
export type TurnWrite = {
  conversation: string;
  /** The revision the turn was computed on; a different stored one means another writer won. */
  expectedRev: number;
  eventId?: string;
  /** undefined: leave the state as it is. */
  state?: ConvState | null;
  answers?: AnswerRow[];
  newCases?: CaseRecord[];
  caseUpdates?: CaseUpdate[];
  audit?: AuditEntry[];
  reminders?: NewReminder[];
  person?: { key: string; lang: Lang };
};

/**
 * A question message shown with controls, as the adapter that posted it can find it again (`ref`:
 * e.g. Slack channel and ts, a Teams activity id); `question` is its text, for the answered version.
 */
export type ShownQuestion = { step: string; question: string; ref: unknown };

export type CaseUpdate = { case: CaseRecord; expectedUpdatedAt: string };

/** Case changes outside a conversation turn (case commands, forms), written in one transaction. */
export type CaseWrite = {
  /** Cases to insert; an id that exists already makes the whole write a 'conflict' (nothing of it is written). */
  newCases?: CaseRecord[];
  /** Optimistic updates: a case whose stored `updatedAt` differs makes the write a 'conflict'. */
  updates?: CaseUpdate[];
  audit?: AuditEntry[];
  reminders?: NewReminder[];
  /** Platform event id: a repeat makes the write a 'duplicate' and changes nothing. */
  eventId?: string;
};

/** How a claim on a once-a-day run went: this owner holds it, it was finished, or another owner holds it. */
export type RunClaim = 'claimed' | 'done' | 'busy';

export type CommitResult = 'ok' | 'duplicate' | 'conflict';

export type CaseQuery = {
  requester?: string;
  team?: string;
  /** Cases assigned to this analyst, plus unassigned ones when `includeUnassigned`. */
  analyst?: string;
  includeUnassigned?: boolean;
  statuses?: readonly CaseStatus[];
  limit?: number;
  /** Page after this case (results are newest first): pass the last case of the previous page. */
  after?: { createdAt: string; id: string };
};

export type PersonRecord = {
  key: string;
  lang: Lang | null;
  /** Where the person was last seen: the adapter that can reach them and its address (e.g. a Teams conversation reference). */
  platform: string | null;
  address: unknown;
  lastSeenAt: string | null;
};

export type NewReminder = {
  /** Unique per intended delivery, e.g. `case:RB-1:review_decision:T-3:2026-03-02:lead`; scheduling twice is a no-op. */
  dedupeKey: string;
  caseId: string | null;
  recipient: string;
  kind: string;
  dueAt: string; // ISO instant
  payload: unknown;
};
export type Reminder = NewReminder & { id: number; claimedBy: string | null; claimedUntil: string | null; sentAt: string | null; attempts: number };

/** A file attached to a case, with its bytes. */
export type StoredAttachment = { meta: AttachmentMeta; bytes: Uint8Array };

/** Every backend takes the clock (for the instants it stamps itself); time is never read inside the store. */
export type StoreOptions = { clock?: () => Date };

export interface Store {
  close(): Promise<void>;
  /** Resolves when the database answers (readiness). */
  ping(): Promise<void>;

  // conversations
  loadConversation(key: string): Promise<StoredConversation>;
  hasEvent(eventId: string): Promise<boolean>;
  commitTurn(write: TurnWrite): Promise<CommitResult>;
  answersOf(conversation: string): Promise<AnswerRow[]>;
  /** The question message the conversation last showed with controls, if it has not been retired. */
  shownQuestion(conversation: string): Promise<ShownQuestion | null>;
  /** Remember (or, with null, forget) the conversation's question message with controls. */
  setShownQuestion(conversation: string, shown: ShownQuestion | null, at: string): Promise<void>;

  // people
  getPerson(key: string): Promise<PersonRecord | null>;
  /** Remember where a person can be reached; written when they are seen (SQLite keeps the time to the hour while the address stays). */
  touchPerson(key: string, platform: string, address: unknown, at: string): Promise<void>;

  // cases
  getCase(id: string): Promise<CaseRecord | null>;
  listCases(query: CaseQuery): Promise<CaseRecord[]>;
  countCases(): Promise<number>;
  /** Cases per status (statuses with no case are absent). */
  countCasesByStatus(): Promise<Partial<Record<CaseStatus, number>>>;
  /** Apply case changes and their audit rows atomically; 'conflict' when a case changed meanwhile. */
  saveCases(write: CaseWrite): Promise<CommitResult>;
  auditOf(caseId: string): Promise<AuditEntry[]>;

  // attachments: files kept with a case (procurement documents, contracts, reports, letters)
  /**
   * Store a file together with its case write (the materials item it ticks, its audit row) in one
   * transaction; 'duplicate' when `write.eventId` was seen (nothing is stored), 'conflict' when a
   * case changed meanwhile. An attachment id that exists already fails the write.
   */
  addAttachment(file: StoredAttachment, write: CaseWrite): Promise<CommitResult>;
  /** The case's files without their bytes, oldest first. */
  listAttachments(caseId: string): Promise<AttachmentMeta[]>;
  getAttachment(id: string): Promise<StoredAttachment | null>;

  // reminders
  scheduleReminders(rows: NewReminder[]): Promise<number>;
  /** Claim up to `limit` due, unsent reminders for `leaseMs`, in due order; a claim another owner holds is skipped. */
  claimDueReminders(now: string, owner: string, leaseMs: number, limit: number): Promise<Reminder[]>;
  /**
   * Record a delivered reminder as sent, by whoever delivered it: even when its lease ran out and
   * another owner claimed it meanwhile, the message went out, so nobody sends it again. False when
   * it was recorded as sent already.
   */
  markReminderSent(id: number, owner: string, at: string): Promise<boolean>;
  /** Give a claimed reminder back (delivery failed); it is retried from `retryAt`. */
  releaseReminder(id: number, owner: string, retryAt: string): Promise<void>;
  pendingReminders(recipient: string, until: string): Promise<Reminder[]>;
  /** One reminder row by id, sent or not (a click on a reminder's button names it); null if there is none. */
  getReminder(id: number): Promise<Reminder | null>;

  // once-a-day runs (the reminder planning sweep), done by one instance of many
  /**
   * Claim run `key` (e.g. `plan:2026-03-02`) for `leaseMs`: 'claimed' when it is not done and
   * nobody else holds a live lease (the same owner may claim again, e.g. after a failure).
   */
  claimRun(key: string, owner: string, now: string, leaseMs: number): Promise<RunClaim>;
  /** Record run `key` as done; only its current owner can. */
  finishRun(key: string, owner: string, at: string): Promise<void>;
}

/** Claims come back in due order (RETURNING gives rows in no particular order), ties by id. */
export const byDue = (a: Reminder, b: Reminder): number => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id - b.id);
