import { t } from '../i18n/index.js';
import type { ChoiceDef } from './flow.js';

// Choice answers as people type them: a typo ("redy"), a longer word ("中等", "high risk"), the
// other language's label ("中" at an English question). Only steps that ask for it (intake
// choices) use this; triage steps have their own classifier and yes/no reading.

const norm = (s: string) =>
  s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toLowerCase()
    .replace(/[\s_\-.,!?。！？，、'"“”]+/g, '');

/** Optimal string alignment distance (a swap of two neighbours counts once). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

const allowed = (name: string) => (name.length <= 2 ? 0 : name.length <= 6 ? 1 : 2);
const han = (s: string) => /\p{Script=Han}/u.test(s);

/** The one choice the text names loosely, or null when none or several fit. */
export function matchChoice(choices: readonly ChoiceDef[], text: string): string | null {
  const typed = norm(text);
  if (!typed) return null;
  // Aliases are taken like the label ("low" for "Risk: low"), so typos and longer words reach them too.
  const aliases = (c: ChoiceDef) => (c.aliases ? [...t('en', c.aliases).split('|'), ...t('zh-CN', c.aliases).split('|')] : []);
  const names = choices.map((c) => ({ id: c.id, names: [c.id, t('en', c.label), t('zh-CN', c.label), ...aliases(c)].map(norm).filter(Boolean) }));
  const unique = (ids: string[]) => {
    const set = [...new Set(ids)];
    return set.length === 1 ? set[0]! : null;
  };
  const exact = names.filter((c) => c.names.includes(typed)).map((c) => c.id);
  if (exact.length) return unique(exact);
  // "中等" starts with 中, "high risk" with high, "med" begins medium.
  const prefix = names.filter((c) =>
    c.names.some((n) => (typed.startsWith(n) && (han(n) || n.length >= 3)) || (n.startsWith(typed) && typed.length >= (han(typed) ? 1 : 3))),
  );
  if (prefix.length) return unique(prefix.map((c) => c.id));
  if (han(typed)) return null;
  let best: { id: string; d: number }[] = [];
  for (const c of names) {
    for (const n of c.names) {
      if (han(n)) continue;
      const d = distance(typed, n);
      if (d > allowed(n)) continue;
      if (!best.length || d < best[0]!.d) best = [{ id: c.id, d }];
      else if (d === best[0]!.d) best.push({ id: c.id, d });
    }
  }
  return best.length ? unique(best.map((b) => b.id)) : null;
}
