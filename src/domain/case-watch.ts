import { auditEntry, ITEM_FORM, itemNumber, lineItemKeys, type AuditEntry, type CaseRecord } from './case.js';
import { matchWatchlist, mergeWarnings, type Warning, type Watchlist } from './watchlist.js';

// A case is checked against the watchlist when it opens (the request in the person's words) and
// again when the intake declares what is bought: the product, its supplier, model and version.
// Warnings are only ever added: one that was raised stays on the record with its source.

/**
 * The intake fields that name what is bought (flows/intake/sections.ts): each line item's product
 * and model/version, and the supplier's name.
 */
const DECLARED_FIELDS = { [ITEM_FORM]: ['product', 'model_version'], supplier: ['name'] } as const;

const declaredIn = (form: string): readonly string[] => {
  const section = itemNumber(form) !== null ? ITEM_FORM : form;
  return section === ITEM_FORM || section === 'supplier' ? DECLARED_FIELDS[section] : [];
};

/** Whether saving this intake field may name a supplier or product (and so calls for a new look at the watchlist). */
export const declaresWhatIsBought = (form: string, field: string): boolean => declaredIn(form).includes(field);

/** What a case says is bought: the request, and the declared products, models and supplier. */
export function watchedTexts(k: CaseRecord): string[] {
  const forms = [...lineItemKeys(k.intake), 'supplier'];
  const declared = forms.flatMap((form) => declaredIn(form).map((field) => k.intake[form]?.[field]));
  return [k.summary, ...declared.filter((v): v is string => typeof v === 'string')];
}

/** The case with any new watchlist warnings, the audit row of the change, and what was added (empty: nothing changed). */
export function rewatchCase(k: CaseRecord, list: Watchlist, actor: string, at: string): { case: CaseRecord; audit: AuditEntry[]; added: Warning[] } {
  const warnings = mergeWarnings(k.warnings, matchWatchlist(list, watchedTexts(k)));
  const added = warnings.slice(k.warnings.length);
  if (added.length === 0) return { case: k, audit: [], added };
  return { case: { ...k, warnings, updatedAt: at }, audit: [auditEntry(k.id, at, actor, 'case.warnings', k.warnings, warnings)], added };
}
