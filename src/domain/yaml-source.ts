import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';

// Operator files (the people file, the holiday calendar) are YAML or JSON, and every problem in
// them names its line. This reads such a text once and answers "which line is this field on?".

export type SourceFormat = 'yaml' | 'json';

/** A .json file is read as strict JSON; anything else (.yaml, .yml) as YAML. */
export const sourceFormat = (path: string): SourceFormat => (/\.json$/i.test(path) ? 'json' : 'yaml');

export type Path = readonly (string | number)[];

export type ParsedSource = {
  data: unknown;
  /**
   * The 1-based line of the node at `path`; with `key`, of that key in the mapping at `path`.
   * Where the path stops existing (a missing field), the line of the nearest enclosing node.
   */
  lineOf(path: Path, key?: string): number | null;
};

export type SyntaxProblem = { line: number | null; detail: string };

/** Parse YAML (or strict JSON) keeping line numbers; syntax problems come back with theirs. */
export function parseSource(text: string, format: SourceFormat): { ok: true; value: ParsedSource } | { ok: false; error: SyntaxProblem[] } {
  if (format === 'json') {
    try {
      JSON.parse(text);
    } catch (err) {
      // The engine's message names no position for some errors (an unexpected token) and quotes the text.
      const detail = (err as Error).message.replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '');
      const line = text.slice(0, jsonErrorOffset(text)).split(/\r\n|\r|\n/).length;
      return { ok: false, error: [{ line, detail }] };
    }
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    return { ok: false, error: doc.errors.map((e) => ({ line: lines.linePos(e.pos[0]).line, detail: e.message.split('\n')[0]! })) };
  }
  const lineAt = (n: unknown) => {
    const range = (n as YamlNode | null | undefined)?.range;
    return range ? lines.linePos(range[0]).line : null;
  };
  const lineOf = (path: Path, key?: string): number | null => {
    let node: unknown = doc.contents;
    let line = lineAt(node);
    const segments = key === undefined ? path : [...path, key];
    for (let s = 0; s < segments.length; s++) {
      const segment = segments[s]!;
      if (isMap(node)) {
        const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(segment));
        if (!pair) return line;
        line = lineAt(pair.key) ?? line; // a key without a value has the key's line
        node = key !== undefined && s === segments.length - 1 ? pair.key : pair.value;
      } else if (isSeq(node)) {
        node = node.items[Number(segment)];
      } else return line;
      line = lineAt(node) ?? line;
    }
    return line;
  };
  let data: unknown;
  try {
    data = doc.toJS(); // throws on alias bombs (more aliases than the yaml package allows)
  } catch (err) {
    return { ok: false, error: [{ line: null, detail: (err as Error).message }] };
  }
  return { ok: true, value: { data, lineOf } };
}

/**
 * Where strict JSON `text` goes wrong: the offset of the first character after which no ending could
 * make it parse (the text's end when it is only cut short). A prefix of valid JSON fails only for
 * its end, and once a bad character is in, every longer prefix fails for it: so a binary search.
 */
function jsonErrorOffset(text: string): number {
  const brokenBefore = (k: number) => {
    try {
      JSON.parse(text.slice(0, k));
      return false;
    } catch (err) {
      const message = (err as Error).message;
      const at = /position (\d+)/.exec(message);
      return !/Unexpected end/.test(message) && !(at && Number(at[1]) >= k);
    }
  };
  if (!brokenBefore(text.length)) return text.length;
  let lo = 1;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (brokenBefore(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

/** The value at `path` in plain data (undefined where the path stops). */
export function valueAt(data: unknown, path: Path): unknown {
  let v = data;
  for (const segment of path) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[segment] : undefined;
  return v;
}
