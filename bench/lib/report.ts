// One row per measured number; the orchestrator prints them as a single table.

export type Row = {
  section: string;
  metric: string;
  value: number | string | null;
  unit?: string;
  /** e.g. "< 2 ms", ">= 3x" */
  target?: string;
  /** Whether the value meets the target (null: no target or no value). */
  met?: boolean | null;
  /** The peer's value for the same metric, measured in the same run. */
  peer?: number | null;
  /** ours / peer (for throughput) */
  ratio?: number | null;
};

export type SectionResult = {
  /** Goes to results.json under the section's name. */
  data: Record<string, unknown>;
  rows: Row[];
  notes: string[];
};

export type SectionOptions = { quick: boolean; root: string };

export const below = (v: number | null, limit: number): boolean | null => (v === null ? null : v < limit);
export const atLeast = (v: number | null, limit: number): boolean | null => (v === null ? null : v >= limit);

const fmt = (v: unknown): string => {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '—';
  return String(v);
};

/** A plain-text table with aligned columns (also valid Markdown). */
export function renderTable(rows: readonly Row[]): string {
  const header = ['section', 'metric', 'value', 'target', 'met', 'peer', 'ratio'];
  const body = rows.map((r) => [
    r.section,
    r.metric,
    r.value === null ? 'null' : `${fmt(r.value)}${r.unit ? ` ${r.unit}` : ''}`,
    r.target ?? '',
    r.met === undefined || r.met === null ? '' : r.met ? 'yes' : 'NO',
    r.peer === undefined ? '' : r.peer === null ? 'null' : `${fmt(r.peer)}${r.unit ? ` ${r.unit}` : ''}`,
    r.ratio === undefined ? '' : r.ratio === null ? 'null' : `${fmt(r.ratio)}x`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
