import { caseMatter, ITEM_FORM, itemKey, itemNumber, lineItemKeys, type CaseRecord, type Matter } from '../../src/domain/index.js';
import { t, type Lang, type MessageKey } from '../../src/i18n/index.js';
import { INTAKE_PLAN, sectionFields, type Section } from './sections.js';
import type { FieldSpec } from './linear.js';

// Whether a case's intake is ready for filing, and what is still missing: every required field
// of every section its matter asks, each with an answer that is ready (an "unknown" rating, a
// commitment "not yet" made or a material still "missing" is not). Optional fields never count.

export type IntakeGap = {
  section: Section;
  /** The form on the case (`item-2` for a line item). */
  form: string;
  /** null: the section has no entry at all (no line item yet). */
  field: string | null;
  /** `empty`: no answer; `not_ready`: an answer that is not ready for filing (unknown, not yet, missing). */
  reason: 'empty' | 'not_ready';
};

const empty = (v: unknown) => v === undefined || v === null || v === '';

function* fieldGaps(section: Section, form: string, fields: readonly FieldSpec[], saved: Record<string, unknown>): Generator<IntakeGap> {
  for (const f of fields) {
    if (f.optional) continue;
    const v = saved[f.id];
    if (empty(v)) yield { section, form, field: f.id, reason: 'empty' };
    else if (f.kind === 'choice' && f.complete && !f.complete.includes(String(v))) yield { section, form, field: f.id, reason: 'not_ready' };
  }
}

/** The gaps one at a time, so that asking for the first one does not work out all of them. */
function* gapsOf(k: Pick<CaseRecord, 'triage' | 'intake'>): Generator<IntakeGap> {
  const matter = caseMatter(k.triage.answers);
  for (const section of INTAKE_PLAN[matter]) {
    const fields = sectionFields(matter, section);
    if (section !== ITEM_FORM) yield* fieldGaps(section, section, fields, k.intake[section] ?? {});
    else {
      const items = lineItemKeys(k.intake);
      if (items.length === 0) yield { section, form: itemKey(1), field: null, reason: 'empty' };
      for (const key of items) yield* fieldGaps(section, key, fields, k.intake[key] ?? {});
    }
  }
}

/** What the case's intake still lacks, in the order the sections are asked; empty when it is complete. */
export const intakeGaps = (k: Pick<CaseRecord, 'triage' | 'intake'>): IntakeGap[] => [...gapsOf(k)];

/** The answers of a form that need no asking again: a "not ready" answer is asked again in chat. */
export function settledAnswers(k: Pick<CaseRecord, 'triage' | 'intake'>, form: string): Record<string, unknown> {
  const saved = k.intake[form] ?? {};
  const open = new Set(
    intakeGaps(k)
      .filter((g) => g.form === form && g.reason === 'not_ready')
      .map((g) => g.field),
  );
  return Object.fromEntries(Object.entries(saved).filter(([id]) => !open.has(id)));
}

/** A section's title; a line item's with its number. */
export function formTitle(lang: Lang, form: string): string {
  const n = itemNumber(form);
  return n !== null ? t(lang, 'intake.item.title_n', { n }) : t(lang, `intake.${form}.title` as MessageKey);
}

/** The gaps as lines for people: "Applicant: Unified social credit code", "Line item 2: Quantity (not ready)". */
export function describeGaps(lang: Lang, gaps: readonly IntakeGap[]): string[] {
  return gaps.map((g) => {
    const where = formTitle(lang, g.form);
    if (g.field === null) return t(lang, 'intake.gap.no_items', { section: where });
    const field = t(lang, `intake.${g.section}.${g.field}.label` as MessageKey);
    return t(lang, g.reason === 'empty' ? 'intake.gap.empty' : 'intake.gap.not_ready', { section: where, field });
  });
}

/** The matter's sections that have a gap, first first (the next form to open). */
export function nextOpenForm(k: Pick<CaseRecord, 'triage' | 'intake'>): string | null {
  for (const gap of gapsOf(k)) return gap.form;
  return null;
}

export const matterOf = (k: Pick<CaseRecord, 'triage'>): Matter => caseMatter(k.triage.answers);
