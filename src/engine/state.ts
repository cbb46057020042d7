import type { Lang } from '../i18n/lang.js';

/** A conversation in progress, stored as one JSON document after every turn. */
export type ConvState = {
  flow: string;
  version: number;
  lang: Lang;
  status: 'active' | 'done';
  answers: Record<string, unknown>;
  /** Answers the bot inferred rather than the person gave; shown as such by `why`. */
  inferred: string[];
  /** step -> choice id the bot guessed and is waiting for the person to confirm. */
  suggestion: Record<string, string>;
  /** The case opened by this conversation, or the case an intake conversation works on. */
  caseId?: string;
  /** The person's own words that started the conversation. */
  summary?: string;
  /**
   * What else they typed in their own words in this check (a product described at the category
   * question), checked against the watchlist with `summary`. Absent in states stored before it was
   * kept, and until something is typed that is not a choice or a plain yes or no.
   */
  texts?: string[];
  /** Intake: values already saved on the case per form, so later sections resume where they stopped. */
  savedFor?: Record<string, Record<string, unknown>>;
  /** Intake: the form on the case this conversation writes to when it is not the flow's own (one line item: `item-2`). */
  formKey?: string;
};
