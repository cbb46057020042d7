// Triage version 1 asked "a purchase, or listing abroad?" as one step; version 2 asks what the
// matter is and, for a listing, where. Stored answers of version 1 are read through this.

/**
 * Triage answers as version 1 stored them, as version 2 facts. Version 1 asked "a purchase, or
 * listing abroad?" as `listing_abroad` (no / yes); its "Listing abroad" answer said abroad, so it
 * becomes a listing with the venue abroad. Answers of version 2 pass through unchanged.
 */
export function factsFromV1(answers: Readonly<Record<string, unknown>>): Record<string, unknown> {
  if (!('listing_abroad' in answers)) return { ...answers };
  const { listing_abroad, ...rest } = answers;
  if (listing_abroad === 'yes') return { matter: 'listing', listing_venue: 'abroad', ...rest };
  if (listing_abroad === 'no') return { matter: 'purchase', ...rest };
  return rest;
}

/** Version 1 step ids renamed in version 2 (for the bookkeeping of which answers were inferred). */
export const V1_RENAMED_STEPS: Readonly<Record<string, string>> = { listing_abroad: 'matter' };
