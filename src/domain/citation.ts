/** A legal source and the articles relied on; rendered per language by the i18n catalogue. */
export const SOURCES = ['measures_2022', 'measures_2020', 'cii_regulations', 'csl'] as const;
export type Source = (typeof SOURCES)[number];
export type Citation = { source: Source; articles: readonly number[] };

export const cite = (source: Source, ...articles: number[]): Citation => ({ source, articles });
