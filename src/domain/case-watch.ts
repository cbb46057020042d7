import { auditEntry, type AuditEntry, type CaseRecord } from './case.js';
import { matchWatchlist, mergeWarnings, type Warning, type Watchlist } from './watchlist.js';

// A case is checked against the watchlist when it opens (the request in the person's words) and
// again when the intake declares what is bought: the product, its supplier, model and version.
// Warnings are only ever added: one that was raised stays on the record with its source.

/** The declaration fields that name what is bought (flows/intake/sections.ts). */
export const DECLARED_FIELDS = ['product', 'supplier', 'model_version'] as const;

/** What a case says is bought: the request and the declared product, supplier and model. */
export function watchedTexts(k: CaseRecord): string[] {
  const declared = k.intake.declaration ?? {};
  return [k.summary, ...DECLARED_FIELDS.map((f) => declared[f]).filter((v): v is string => typeof v === 'string')];
}

/** The case with any new watchlist warnings, the audit row of the change, and what was added (empty: nothing changed). */
export function rewatchCase(k: CaseRecord, list: Watchlist, actor: string, at: string): { case: CaseRecord; audit: AuditEntry[]; added: Warning[] } {
  const warnings = mergeWarnings(k.warnings, matchWatchlist(list, watchedTexts(k)));
  const added = warnings.slice(k.warnings.length);
  if (added.length === 0) return { case: k, audit: [], added };
  return { case: { ...k, warnings, updatedAt: at }, audit: [auditEntry(k.id, at, actor, 'case.warnings', k.warnings, warnings)], added };
}
