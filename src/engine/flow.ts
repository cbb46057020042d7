import type { z } from 'zod';
import type { MessageKey, Params } from '../i18n/index.js';
import type { Outcome } from '../domain/index.js';
import type { Citation, Warning, Watchlist } from '../domain/index.js';
import type { Lang } from '../i18n/lang.js';
import type { InputKind } from './message.js';

export type Answers = Readonly<Record<string, unknown>>;

/** Where a step leads: another step, or the end of the flow. */
export type Target = string | { end: 'decision' } | { end: 'handoff' };

/** `help` explains the choice when a person asks about it ("what counts as important communication products?"). */
/** `aliases`: other words for the choice, `|`-separated in each language ("采购|购买"), taken like its label. */
export type ChoiceDef = { id: string; label: MessageKey; help?: MessageKey; aliases?: MessageKey };

export type StepDef = {
  id: string;
  /** Short name, used by `why` and `edit`. */
  label: MessageKey;
  prompt: MessageKey;
  /** The prompt for the answers so far, when the same fact is asked differently on different paths. */
  promptFor?: (answers: Answers) => MessageKey;
  /** Asked instead of `prompt` when the bot has a guess to confirm; gets `{choice}`. */
  confirmPrompt?: MessageKey;
  /** Turn free text into a guessed choice id (e.g. the category classifier); null when unsure. */
  suggest?: (text: string, nlu: Nlu) => string | null;
  help?: MessageKey;
  input: InputKind;
  /**
   * A yes/no question: "yeah", "是的", "不是" answer it. Only such steps map yes/no words onto
   * choices; elsewhere a "yes" is never taken for a choice that happens to be called so.
   */
  yesNo?: boolean;
  /** For `choice` steps; the answer is the choice id. */
  choices?: readonly ChoiceDef[];
  /** Validates the (already parsed) answer value; the flow's single source of truth for answer types. */
  schema: z.ZodType;
  /** A valid answer for text/number/date steps, so the flow checker can walk every path. */
  example?: unknown;
  /** May be skipped ("skip" / "跳过", or left empty in a form); the schema must then accept null. */
  optional?: boolean;
  /** Render as a multi-line box in forms. */
  multiline?: boolean;
  /** Choice steps: also take typos, longer words and the other language's label ("redy", "中等"). */
  fuzzy?: boolean;
  /** Checks beyond the schema that need the day or the other answers (go-live after purchase); may normalise the value or warn. */
  check?: StepCheck;
  /** Number steps: an amount of money (CNY) or a count; both read "120万", "1.2M", "1,200,000". */
  numberKind?: 'amount' | 'count';
  /** What a good answer looks like ("full legal name"), shown under the field in forms as the chat prompt says it. */
  hint?: MessageKey;
  /** Where to go after this step, given the answers on the path up to and including it. */
  next: (answers: Answers) => Target;
};

/** A message with its parameters, rendered in the reader's language by whoever shows it. */
export type Msg = { key: MessageKey; params?: Params };

/** What a check may look at besides the value: today (Asia/Shanghai), the section's other answers, the review clock. */
export type CheckContext = {
  today: string;
  answers: Answers;
  /** The last day the review's normal path (Arts. 9, 11, 12) could run to if the materials were complete on `from`; null when it cannot be counted. */
  reviewEnd?: (from: string) => string | null;
};

/** null: fine as it is. `value`: the value to record instead (normalised). `error`: refused. `warning`: recorded, and the person is told. */
export type StepCheck = (value: unknown, ctx: CheckContext) => { value?: unknown; error?: Msg; warning?: Msg } | null;

/** `id` is the rule's reason id (what a case stores); `key` its text in the catalogue. */
export type DecisionReason = { id: string; key: MessageKey; citation: Citation; params?: Params };
/**
 * `rule` is the deciding rule's id, for tests and logs only (people are told the reasons). `warnings`:
 * watchlist matches, shown with their sources, never changing the outcome.
 */
export type Decision = { outcome: Outcome; rule: string; reasons: DecisionReason[]; warnings: Warning[]; openCase: boolean };

/** What a decision may look at besides the answers: the person's own words, and the watchlist to check them against. */
export type DecisionContext = { texts?: readonly string[]; watchlist?: Watchlist };

/** What a flow takes from a first free-text message: answers it implies and guesses to confirm. */
export type Prefill = {
  answers: Record<string, unknown>;
  inferred: string[];
  suggestion: Record<string, string>;
  /** Several items recognised in the message, as choices of `step`; the person is told. */
  recognised?: { step: string; items: { choice: string; quantity: number | null }[] };
};

/** A question asked back at a step: what it is about (step and choice ids) and whether the person says they do not know. */
export type StepQuestion = { topics: string[]; unsure: boolean };

export type MatterSeen = { matter: 'purchase' | 'listing' | 'data_processing' | null; venue: 'abroad' | 'hong_kong' | null };

/** One item of a request that lists several. */
export type NluItem = { text: string; category: string; confidence: number; quantity: number | null };

/** The language layer as the engine needs it; pure functions, injected by the runtime. */
export type Nlu = {
  /** The request's category; for several items, the most demanding one's. */
  classify(text: string): { category: string; confidence: number; lang: Lang };
  /** The items a request names, in the order written, each with its category and quantity. */
  items(text: string): NluItem[];
  confidentAt: number;
  yesNo(text: string): 'yes' | 'no' | 'unsure' | null;
  /** "maybe", "可能吧": to be confirmed before it is recorded as "not sure". */
  hedged(text: string): boolean;
  /** "what is a CIIO?", "什么是关键信息基础设施？": a question about the step, not an answer. */
  question(text: string): StepQuestion | null;
  intent(text: string): 'start_review' | 'status' | 'help' | 'cancel' | 'greeting' | null;
  /** What a first message is about, when it makes that clear: a purchase, a listing (and where), or a platform's data processing. */
  matter(text: string): MatterSeen;
  /** The supplier a request names ("20 Huawei core routers"), to pre-fill the intake; null when none. */
  supplier?(text: string): string | null;
  detectLang(text: string): Lang;
};

export type Flow = {
  id: string;
  version: number;
  title: MessageKey;
  /** The title where a platform allows only a few characters (Slack modals: 24, with the case id). */
  shortTitle?: MessageKey;
  steps: Readonly<Record<string, StepDef>>;
  /** The first step; called with no answers. */
  start: (answers: Answers) => Target;
  /** Required when any path ends in `{ end: 'decision' }`. */
  decide?: (answers: Answers, ctx?: DecisionContext) => Decision;
  /** Answers and guesses implied by the message that started the conversation. */
  prefill?: (text: string, nlu: Nlu) => Prefill;
  /** Shown when a path ends in `{ end: 'handoff' }`. */
  handoffMessage?: MessageKey;
  /** Intake flows: every answer is also a field of this case form, saved as it is given. */
  form?: string;
  /** Flow to continue with after a hand-off (the next intake section), keeping the case. */
  continueWith?: string;
  /**
   * A form that stands for several on the case (one line item of many): the form key this
   * conversation writes to, from what the case has saved (the first unfinished item, or a new one).
   */
  formKeyFor?: (saved: Readonly<Record<string, Record<string, unknown>>>) => string;
};

/** Turns a conversation saved on an older version into one on the current version. */
export type Migration = {
  flow: string;
  from: number;
  to: number;
  migrate: (answers: Answers) => Record<string, unknown>;
  /** Old step id -> new one, for what a conversation keeps per step (which answers were inferred, pending guesses). */
  renamed?: Readonly<Record<string, string>>;
};

export type FlowRegistry = {
  /** Every shipped version that conversations may still be on, newest last. */
  flows: readonly Flow[];
  migrations: readonly Migration[];
};

export function latestFlow(registry: FlowRegistry, id: string): Flow | undefined {
  let best: Flow | undefined;
  for (const f of registry.flows) if (f.id === id && (!best || f.version > best.version)) best = f;
  return best;
}

export const findFlow = (registry: FlowRegistry, id: string, version: number): Flow | undefined =>
  registry.flows.find((f) => f.id === id && f.version === version);
