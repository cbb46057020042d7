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
      const detail = (err as Error).message;
      const at = /position (\d+)/.exec(detail);
      const line = at ? text.slice(0, Number(at[1])).split('\n').length : null;
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

/** The value at `path` in plain data (undefined where the path stops). */
export function valueAt(data: unknown, path: Path): unknown {
  let v = data;
  for (const segment of path) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[segment] : undefined;
  return v;
}
