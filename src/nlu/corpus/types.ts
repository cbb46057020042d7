import type { Category } from '../../domain/index.js';

/** One hand-written purchase description with its category (domain.md §7). */
export type Labelled = { text: string; label: Category };

/** Tag a list of texts with one label, so each corpus file reads as plain sentences. */
export const labelled = (label: Category, texts: readonly string[]): Labelled[] => texts.map((text) => ({ text, label }));
