import type { CaseRecord } from './case.js';

// The overall risk of a purchase from its Art. 10 ratings: the worst factor sets the level,
// and an unrated or "unknown" factor means the assessment is not finished.

export const RISK_FACTORS = [
  'control_damage',
  'supply_interruption',
  'supply_chain',
  'supplier_compliance',
  'data_theft',
  'listing_foreign_control',
  'other',
] as const;
export type RiskFactor = (typeof RISK_FACTORS)[number];
export type Rating = 'low' | 'medium' | 'high' | 'unknown';
export type RiskLevel = 'low' | 'medium' | 'high' | 'incomplete';

export type RiskSummary = {
  level: RiskLevel;
  /** Factors behind the level: the high ones, or the ones still unknown/unrated. */
  drivers: { factor: RiskFactor; rating: Rating | 'unrated' }[];
};

const RANK: Record<Rating, number> = { low: 0, medium: 1, high: 2, unknown: -1 };

/** `factors`: the ones the case's matter asks (factor 6 for listings only). */
export function riskSummary(k: Pick<CaseRecord, 'intake'>, factors: readonly RiskFactor[] = RISK_FACTORS): RiskSummary {
  const risk = k.intake.risk ?? {};
  const rated = factors.map((factor) => ({ factor, rating: (risk[`${factor}_rating`] as Rating | undefined) ?? ('unrated' as const) }));
  const open = rated.filter((r) => r.rating === 'unrated' || r.rating === 'unknown');
  const high = rated.filter((r) => r.rating === 'high');
  // A known high risk is reported even while other factors are open: it will not get better.
  if (high.length > 0) return { level: 'high', drivers: [...high, ...open] };
  if (open.length > 0) return { level: 'incomplete', drivers: open };
  const worst = Math.max(...rated.map((r) => RANK[r.rating as Rating]));
  const level: RiskLevel = worst >= 1 ? 'medium' : 'low';
  return { level, drivers: rated.filter((r) => RANK[r.rating as Rating] === worst) };
}
