import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect } from 'vitest';
import { allKeys, LANGS, t, type MessageKey } from '../../src/i18n/index.js';
import type { Logger } from '../../src/runtime/index.js';
import type { Store } from '../../src/store/index.js';

// Shared by the property tests: how many runs, what a "clear message" is, and a snapshot of
// everything the store holds for the people a property talks as, to show that refused input
// changed nothing.

/**
 * Runs per property: the default keeps `npm test` fast; FC_RUNS overrides every property
 * (`npm run test:long` sets it high), divided by `per` for a property whose one run costs as
 * much as many (a batch of requests); FC_SEED replays a failure fast-check reported.
 */
export function runs(fallback: number, per = 1): fc.Parameters<unknown> {
  const n = Number(process.env.FC_RUNS);
  const seed = Number(process.env.FC_SEED);
  return { numRuns: Number.isInteger(n) && n > 0 ? Math.max(1, Math.round(n / per)) : fallback, ...(Number.isInteger(seed) ? { seed } : {}) };
}

/** A property's time limit: vitest's 30 s for the default runs, an hour in the long mode. */
export const TIME_LIMIT = Number(process.env.FC_RUNS) > 0 ? 3_600_000 : 30_000;

/**
 * With FC_REPORT=<file>, each property appends one JSON line: inputs tried and how many were
 * refused (the README's Reliability figures are added up from these lines).
 */
export function tally(property: string) {
  const counts = { property, inputs: 0, refused: 0 };
  return {
    input: () => {
      counts.inputs++;
    },
    refused: () => {
      counts.refused++;
    },
    write: () => {
      if (process.env.FC_REPORT) appendFileSync(process.env.FC_REPORT, `${JSON.stringify(counts)}\n`);
    },
  };
}

// --- Clear messages -----------------------------------------------------------------------------

/** The longest literal run of every catalogue template (placeholders cut out), in both languages. */
const anchors: string[] = LANGS.flatMap((lang) =>
  allKeys(lang).map((key) => {
    const pieces = t(lang, key as MessageKey)
      .split(/\{\w+\}/)
      .map((p) => p.trim());
    return pieces.reduce((a, b) => (b.length > a.length ? b : a), '');
  }),
).filter((a) => a.length >= 3);

const keys = new Set(LANGS.flatMap((lang) => allKeys(lang)));

/**
 * Why `text` is not a clear message from the catalogue, or null when it is: it must contain a
 * catalogue template's text, and show no internal detail (a message key, an unfilled placeholder,
 * a stack frame, an exception name, a JavaScript rendering of a missing or odd value, a file path).
 * `echoed`: what the person typed; messages may quote it ("Unknown command …"), so its words are
 * not held against the message.
 */
export function unclear(text: unknown, echoed = ''): string | null {
  if (typeof text !== 'string') return `not a string: ${typeof text}`;
  if (text.trim() === '') return 'empty';
  if (keys.has(text.trim())) return `a message key: ${text}`;
  // Quoted spans are what the person wrote ("Unknown command “…”", unknown field "…"); so are the words typed.
  let own = text.replace(/"[^"]*"|“[^”]*”|‘[^’]*’|「[^」]*」/g, ' ');
  const tokens = [...echoed.split(/\s+/), ...echoed.toLowerCase().split(/\s+/)];
  const words = new Set([...tokens, ...tokens.map((w) => w.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, ''))].filter((w) => w.length > 0));
  for (const w of words) own = own.split(w).join(' ');
  if (/\{[a-zA-Z_]+\}/.test(own)) return `an unfilled placeholder: ${text}`;
  if (/\n\s+at .+:\d+:\d+/.test(own) || /\bat (?:async )?\S+ \(.*:\d+:\d+\)/.test(own)) return `a stack trace: ${text}`;
  if (/\b(?:TypeError|RangeError|SyntaxError|ReferenceError|StoreError|SQLITE_\w+)\b/.test(own)) return `an exception: ${text}`;
  if (/\bundefined\b|\[object \w+\]|\bNaN\b/.test(own)) return `a JavaScript value: ${text}`;
  if (/node_modules|\/dist\/|\/src\/|\.ts:\d+/.test(own)) return `a file path: ${text}`;
  if (!anchors.some((a) => text.includes(a))) return `not from the catalogue: ${text}`;
  return null;
}

/** What the catalogue says when our code failed (a handled crash): a property input must never get it. */
export const INTERNAL_FAILURE = LANGS.flatMap((lang) => [t(lang, 'common.internal_error'), t(lang, 'platform.something_wrong')]);

// --- Logs ---------------------------------------------------------------------------------------

export type LogLine = { level: 'info' | 'warn' | 'error'; event: string; fields?: Record<string, unknown> };

/** A logger that keeps what it is told, so a property can say "nothing was logged as an error". */
export function recordingLogger(): Logger & { lines: LogLine[]; errors: () => LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (event: string, fields?: Record<string, unknown>) => {
    lines.push({ level, event, ...(fields ? { fields } : {}) });
  };
  return { lines, info: at('info'), warn: at('warn'), error: at('error'), errors: () => lines.filter((l) => l.level === 'error') };
}

// --- Store snapshots ----------------------------------------------------------------------------

/** Far enough ahead that every reminder a case could plan is due by then. */
const END_OF_TIME = '9999-12-31T00:00:00.000Z';

/**
 * What the store holds, through the public Store interface: the conversations and answer logs of
 * `conversations`, the people `people`, and every case with its audit log and the reminders of the
 * people named. Revisions and last-seen times are not content and are left out.
 */
export async function snapshot(store: Store, conversations: string[], people: string[] = []) {
  const cases = await store.listCases({ limit: 100_000 });
  const audit = await Promise.all(cases.map((k) => store.auditOf(k.id)));
  const named = [...new Set([...people, ...cases.flatMap((k) => [k.requester, k.analyst, k.teamLead].filter((x): x is string => !!x))])].sort();
  return {
    conversations: await Promise.all(
      conversations.map(async (c) => ({ c, state: (await store.loadConversation(c)).state, answers: await store.answersOf(c) })),
    ),
    people: await Promise.all(
      people.map(async (p) => {
        const r = await store.getPerson(p);
        return r && { key: r.key, lang: r.lang, platform: r.platform, address: r.address };
      }),
    ),
    cases,
    audit,
    reminders: await Promise.all(named.map((p) => store.pendingReminders(p, END_OF_TIME))),
  };
}

// --- Hostile text -------------------------------------------------------------------------------

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const CONTROLS = ['\u0000', '\u0007', '\u001b[2J', '\u001b]0;pwned\u0007', '\u007f', '\u0085', '\u009b31m', '\b', '\u000b', '\f'];
const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];
const LONE = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const WEIRD = ['\ufffd', '\ufeff', '\u200b', '\u00a0', '\u3000', '\u2028', '\u2029', '\r\n', '\t', '👍🏽', 'e\u0301', 'ﬁ', 'Ⅻ', '０１２', '？', '／'];

/** A string of any code points, lone surrogates, controls, bidi controls and odd whitespace mixed. */
export const hostileText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
      { weight: 1, arbitrary: pick(CONTROLS) },
      { weight: 1, arbitrary: pick(BIDI) },
      { weight: 1, arbitrary: LONE },
      { weight: 1, arbitrary: pick(WEIRD) },
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));

/** A string too long for any message (MAX_FREE_TEXT is 2,000 characters), up to a few hundred kB. */
export const hugeText: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 2001, max: 300_000 }), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 4 }))
  .map(([n, unit]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n));

/** The words that start a case command, in both languages. */
export const CASE_VERBS = [
  'show',
  'case',
  'assign',
  'intake',
  'start intake',
  'ready',
  'submitted',
  'outcome',
  'close',
  'withdraw',
  'comment',
  '查看',
  '分配',
  '指派',
  '填写',
  '就绪',
  '已提交',
  '提交',
  '结果',
  '结案',
  '撤回',
  '备注',
] as const;

/** Words the bot reads as commands (both languages), to be glued to junk. */
export const COMMAND_WORDS = [
  'back',
  'edit',
  'restart',
  'cancel',
  'help',
  'why',
  'status',
  'review',
  'lang',
  'cases',
  'new',
  'change',
  'language',
  '返回',
  '修改',
  '重新开始',
  '取消',
  '帮助',
  '为什么',
  '状态',
  '审查',
  '语言',
  '/review',
  '／审查',
  '?',
  ...CASE_VERBS,
] as const;

/** Text that fails the free-text check whatever else it says: a control, bidi control, lone surrogate or broken encoding inside. */
export const refusedText: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(fc.constantFrom(...COMMAND_WORDS), hostileText, fc.constant('yes')),
    fc.oneof(pick(CONTROLS), pick(BIDI), LONE, fc.constant('\ufffd')),
    hostileText,
  )
  .map(([a, bad, b]) => `${a} ${bad} ${b}`); // spaced, so a lone surrogate cannot pair up with its neighbours

/** A problem found in an operator's file (people, calendar): where it is and what it says. */
type FileIssue = { source: string; line: number | null; path: string; message: string };

/**
 * Issues for a refused file: at least one, each naming the file and a line of it (only a problem
 * with the YAML file as a whole may have none; JSON problems always have one), a clear message, and
 * "file:line: " in front when formatted.
 */
export function expectFileIssues<I extends FileIssue>(text: string, source: string, issues: I[], format: (issue: I, lang: 'zh-CN') => string) {
  expect(issues.length).toBeGreaterThan(0);
  for (const i of issues) {
    expect(i.source).toBe(source);
    if (i.line === null) expect([i.path, source.endsWith('.json')]).toEqual(['', false]);
    else {
      expect(Number.isInteger(i.line)).toBe(true);
      expect(i.line).toBeGreaterThanOrEqual(1);
      expect(i.line).toBeLessThanOrEqual(text.split(/\r\n|\r|\n/).length);
    }
    expect(unclear(i.message, text)).toBeNull();
    expect(format(i, 'zh-CN')).toMatch(new RegExp(`^${source.replace(/\./g, '\\.')}:(\\d+|\\?): `));
  }
}
