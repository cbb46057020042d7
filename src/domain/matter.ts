// What a case is about: buying a network product or service, listing abroad, or a network
// platform operator's data processing (DESIGN.md "Triage v2", fact `matter`). The intake, the
// materials owed and the Art. 10 factors asked all follow from it.

export const MATTERS = ['purchase', 'listing', 'data_processing'] as const;
export type Matter = (typeof MATTERS)[number];

const isMatter = (v: unknown): v is Matter => typeof v === 'string' && (MATTERS as readonly string[]).includes(v);

/**
 * The matter of a case from its triage answers, in either shape: triage v2 records `matter`;
 * cases opened before it recorded `listing_abroad` yes/no (yes: a listing, otherwise a purchase,
 * the only other matter v1 knew). The one place that reads the two shapes.
 */
export function caseMatter(answers: Readonly<Record<string, unknown>>): Matter {
  if (isMatter(answers.matter)) return answers.matter;
  if (answers.listing_abroad === 'yes') return 'listing';
  if (answers.listing_venue !== undefined) return 'listing';
  return 'purchase';
}
