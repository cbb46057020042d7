import { t } from '../i18n/index.js';
import type { Lang } from '../i18n/lang.js';
import type { Result } from './result.js';

// The one check for text people type that the bot stores or shows again: chat messages, answers,
// comments, outcomes, form fields. What it refuses cannot be shown safely or was never text:
// control characters (terminal escapes, NUL), bidirectional controls (the right-to-left override
// makes "exe.txt" read as "txt.exe"), and the replacement character of a broken encoding or a
// lone UTF-16 surrogate (stored as UTF-8, it would silently turn into that replacement character).

/** The most characters one message or stored text may have. */
export const MAX_FREE_TEXT = 2000;

export type TextProblem =
  | { type: 'empty' }
  | { type: 'too_long'; length: number; max: number }
  | { type: 'control_chars' }
  | { type: 'bidi_controls' }
  | { type: 'bad_encoding' };

// C0 and C1 controls except tab, line feed and carriage return.
const CONTROL = /(?![\t\n\r])\p{Cc}/u;
// Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), and the marks LRM, RLM, ALM.
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The text, trimmed, when it may be stored; otherwise what is wrong with it. */
export function checkFreeText(text: string, max: number = MAX_FREE_TEXT): Result<string, TextProblem> {
  if (text.includes('\uFFFD') || LONE_SURROGATE.test(text)) return { ok: false, error: { type: 'bad_encoding' } };
  if (CONTROL.test(text)) return { ok: false, error: { type: 'control_chars' } };
  if (BIDI.test(text)) return { ok: false, error: { type: 'bidi_controls' } };
  const length = [...text].length;
  if (length > max) return { ok: false, error: { type: 'too_long', length, max } };
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: { type: 'empty' } };
  return { ok: true, value: trimmed };
}

export function describeTextProblem(lang: Lang, p: TextProblem): string {
  switch (p.type) {
    case 'empty':
      return t(lang, 'text.empty');
    case 'too_long':
      return t(lang, 'text.too_long', { length: p.length, max: p.max });
    case 'control_chars':
      return t(lang, 'text.control_chars');
    case 'bidi_controls':
      return t(lang, 'text.bidi_controls');
    case 'bad_encoding':
      return t(lang, 'text.bad_encoding');
  }
}
