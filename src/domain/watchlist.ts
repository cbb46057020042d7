import { z } from 'zod';
import { t } from '../i18n/index.js';
import type { Lang } from '../i18n/lang.js';
import { isCalendarDate } from './working-days.js';
import { parseSource, sourceFormat, valueAt, type Path, type SourceFormat } from './yaml-source.js';

// Published review decisions about suppliers and products (domain.md §9), and where a purchase
// names one. A match is a warning on the decision, with its official source: it never changes
// the outcome. The project ships the entries it can source officially (watchlist-data.ts); an
// operator adds their own in a YAML (or strict JSON) file (REVIEW_BOT_WATCHLIST):
//
//   entries:
//     - id: acme-routers                 # required, unique, not one of the shipped ids
//       names: [Acme, 阿克米]            # required: brand and product names as people write them
//       except: [Acme Street]            # optional: phrases that contain a name but mean something else
//       subject: { en: Acme routers, zh-CN: 阿克米路由器 }   # or one string for both languages
//       decision: { en: "…", zh-CN: "…" }                   # what was decided, a sentence
//       source: "title, publisher, URL"  # required: the official publication
//       date: 2026-01-15                 # required: the day it was published, YYYY-MM-DD
//
// Names match case- and width-insensitively (Ｍｉｃｒｏｎ, MICRON), never inside another word
// ("Micronesia"), nor inside an `except` phrase ("micron filter": the unit, not the brand).

/** A text in both languages. */
export type LocalText = { en: string; 'zh-CN': string };

export type WatchEntry = {
  id: string;
  names: readonly string[];
  except: readonly string[];
  subject: LocalText;
  decision: LocalText;
  source: string;
  date: string;
};
export type Watchlist = readonly WatchEntry[];

/** A match, as stored on a decision and a case: everything needed to show it later, even if the list changes. */
export type Warning = { entry: string; matched: string; subject: LocalText; decision: LocalText; source: string; date: string };

const fold = (s: string) => s.normalize('NFKC').toLowerCase();
const WORD_CHAR = /[\p{Script=Latin}\p{N}_]/u;
const isWordChar = (c: string | undefined) => c !== undefined && WORD_CHAR.test(c);

/** Whether the name occurs in the (folded) text as itself, not inside another word or an exception. */
function occurs(text: string, name: string, except: readonly string[]): boolean {
  const n = fold(name);
  if (!n) return false;
  for (let at = text.indexOf(n); at !== -1; at = text.indexOf(n, at + 1)) {
    const latinStart = isWordChar(n[0]);
    const latinEnd = isWordChar(n[n.length - 1]);
    if (latinStart && isWordChar(text[at - 1])) continue;
    if (latinEnd && isWordChar(text[at + n.length])) continue;
    const inException = except.some((phrase) => {
      const e = fold(phrase);
      for (let o = e.indexOf(n); o !== -1; o = e.indexOf(n, o + 1)) if (text.slice(at - o, at - o + e.length) === e) return true;
      return false;
    });
    if (!inException) return true;
  }
  return false;
}

/** The entries the texts name, each once, in list order, with the name that matched. */
export function matchWatchlist(list: Watchlist, texts: readonly string[]): Warning[] {
  const folded = texts.filter((s) => s.trim() !== '').map(fold);
  const out: Warning[] = [];
  for (const e of list) {
    const name = e.names.find((n) => folded.some((text) => occurs(text, n, e.except)));
    if (name) out.push({ entry: e.id, matched: name, subject: e.subject, decision: e.decision, source: e.source, date: e.date });
  }
  return out;
}

/** A warning as a person reads it, in their language. */
export const warningText = (lang: Lang, w: Warning): string =>
  t(lang, 'watchlist.warning', { name: w.matched, subject: w.subject[lang], decision: w.decision[lang], date: w.date });

/** Warnings as a list that stays in order and holds each entry once (earlier first). */
export function mergeWarnings(a: readonly Warning[], b: readonly Warning[]): Warning[] {
  const out = [...a];
  for (const w of b) if (!out.some((x) => x.entry === w.entry)) out.push(w);
  return out;
}

// ---- the operator's file ----

const text = z.string().trim().min(1);
const local = z.union([text.transform((s): LocalText => ({ en: s, 'zh-CN': s })), z.object({ en: text, 'zh-CN': text }).strict()]);
const EntrySchema = z
  .object({
    id: text,
    names: z.array(text.refine((s) => [...s].length >= 2, t('en', 'watchlist.short_name'))).min(1),
    except: z.array(text).default([]),
    subject: local,
    decision: local,
    source: text,
    date: z.string().refine(isCalendarDate, t('en', 'watchlist.bad_date')),
  })
  .strict();
const FileSchema = z.object({ entries: z.array(EntrySchema) }).strict();

/** One problem in the file: `line` 1-based (null when no line applies), `path` the field (`entries.2.source`). */
export type WatchlistIssue = { source: string; line: number | null; path: string; message: string };

/** Parse and check an operator's watchlist; `source` names the file in issues. Ids must not repeat or shadow a shipped entry. */
export function parseWatchlist(
  fileText: string,
  source: string,
  shipped: Watchlist,
  format: SourceFormat = sourceFormat(source),
): { ok: true; value: WatchEntry[] } | { ok: false; error: WatchlistIssue[] } {
  const issue = (line: number | null, path: Path, message: string): WatchlistIssue => ({ source, line, path: path.join('.'), message });
  const parsedSource = parseSource(fileText, format);
  if (!parsedSource.ok) return { ok: false, error: parsedSource.error.map((e) => issue(e.line, [], t('en', 'watchlist.syntax', { detail: e.detail }))) };
  const read = parsedSource.value;
  const parsed = FileSchema.safeParse(read.data ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap((i) => {
      const path = i.path as (string | number)[];
      if (i.code === 'unrecognized_keys') return i.keys.map((k) => issue(read.lineOf(path, k), [...path, k], t('en', 'watchlist.unknown_field', { field: k })));
      const missing = i.code === 'invalid_type' && valueAt(read.data, path) === undefined;
      return [issue(read.lineOf(path), path, missing ? t('en', 'watchlist.missing') : i.message)];
    });
    return { ok: false, error: issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
  }
  const issues: WatchlistIssue[] = [];
  const seen = new Set(shipped.map((e) => e.id));
  parsed.data.entries.forEach((e, i) => {
    if (seen.has(e.id)) issues.push(issue(read.lineOf(['entries', i, 'id']), ['entries', i, 'id'], t('en', 'watchlist.duplicate_id', { id: e.id })));
    seen.add(e.id);
  });
  if (issues.length > 0) return { ok: false, error: issues };
  return { ok: true, value: parsed.data.entries };
}

/** `file:line: field: message`, the way editors and CI logs link to a place in a file. */
export const formatWatchlistIssue = (i: WatchlistIssue): string => `${i.source}:${i.line ?? 1}: ${i.path ? `${i.path}: ` : ''}${i.message}`;
