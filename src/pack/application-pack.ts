import { z } from 'zod';
import {
  COMMITMENTS,
  describeGaps,
  FACTORS_FOR,
  INTAKE_PLAN,
  intakeGaps,
  MATERIALS,
  MATERIALS_FOR,
  RATINGS,
  sectionFields,
  triageFlow,
  type FieldSpec,
  type Section,
} from '../../flows/index.js';
import {
  CASE_STATUSES,
  caseMatter,
  chineseNumeral,
  describeBasis,
  caseClockWords,
  describeCaseClock,
  differences2020,
  formatAmount,
  formatBytes,
  formatContact,
  formatCount,
  lineItemKeys,
  MATTERS,
  itemNumber,
  OUTCOMES,
  outcomeTitle,
  parseContact,
  RISK_FACTORS,
  riskSummary,
  shanghaiDate,
  statusLabel,
  warningText,
  type AttachmentMeta,
  type AuditEntry,
  type CaseClock,
  type CaseRecord,
  type Facts,
  type Matter,
  upgradeCase,
} from '../domain/index.js';
import { renderAnswer, renderCitation } from '../engine/index.js';
import { hasMessage, t, type Lang, type MessageKey } from '../i18n/index.js';

// The application pack (申报材料): what an analyst files with the Cybersecurity Review Office,
// for the case's matter, in one language throughout (labels, choices, numbers, article numerals).
// Built here, where the case (domain) and the intake sections (flows) are both visible. The JSON
// follows PackSchema; schema/application-pack.schema.json is generated from it (npm run schema).

const Field = z.object({
  id: z.string(),
  label: z.string(),
  /** As a person reads it, in the pack's language (choice labels, ¥1,200,000 / 120万元); null when not given. */
  value: z.string().nullable(),
  /** As stored: a choice id, a number, a date, a text. */
  raw: z.union([z.string(), z.number(), z.null()]),
  /** Required for filing and not given (or not ready: an unknown rating, a commitment not yet made). Optional fields never are. */
  missing: z.boolean(),
});
const PersonRef = z.object({ key: z.string(), name: z.string() });
/** A watchlist match (a published review decision about the supplier or product) with its official source and date. */
const Warning = z.object({ text: z.string(), source: z.string(), date: z.string() });

export const PackSchema = z.object({
  schemaVersion: z.literal(2),
  caseId: z.string(),
  /** `prediction_record`: a `not_required` risk-prediction record (预判记录), kept and closed; nothing is filed. */
  kind: z.enum(['application', 'prediction_record']),
  generatedAt: z.string().datetime(),
  /** The day it was generated, in Asia/Shanghai (the date printed on the pack). */
  generatedOn: z.string(),
  lang: z.enum(['en', 'zh-CN']),
  status: z.enum(CASE_STATUSES),
  statusLabel: z.string(),
  matter: z.enum(MATTERS),
  matterLabel: z.string(),
  /** Person keys, as stored; `people` has their names. */
  requester: z.string(),
  team: z.string().nullable(),
  /** The team's name from the people file (its id without one). */
  teamName: z.string().nullable(),
  analyst: z.string().nullable(),
  people: z.object({ requester: PersonRef, teamLead: PersonRef.nullable(), analyst: PersonRef.nullable() }),
  summary: z.string(),
  /** The risk-prediction record (预判记录): the triage's facts, outcome, reasons and warnings. */
  triage: z.object({
    outcome: z.enum(OUTCOMES),
    title: z.string(),
    decidedOn: z.string(),
    decidedBy: z.string(),
    /** `value`: the answer as shown to people; `choice`: the answer's id. */
    answers: z.array(Field.extend({ choice: z.string() })),
    reasons: z.array(z.object({ text: z.string(), citation: z.string() })),
    warnings: z.array(Warning),
  }),
  /** Who countersigned the risk-prediction record, and when (null: not yet, or not a record). */
  countersign: z.object({ by: z.string(), byName: z.string(), at: z.string().datetime(), on: z.string() }).nullable(),
  /** How the repealed 2020 Measures differed for this matter; the decision follows the 2022 Measures. */
  measures2020: z.array(z.object({ text: z.string(), citations: z.array(z.string()) })),
  submittedOn: z.string().nullable(),
  authorityOutcome: z.string().nullable(),
  /** The intake sections of the matter, in the order they are asked (line items, risk, commitments and materials have their own parts). */
  sections: z.array(z.object({ id: z.string(), title: z.string(), fields: z.array(Field) })),
  items: z.array(z.object({ key: z.string(), n: z.number().int(), fields: z.array(Field) })),
  itemsTotal: z.string().nullable(),
  risk: z.object({
    level: z.enum(['low', 'medium', 'high', 'incomplete']),
    levelLabel: z.string(),
    factors: z.array(
      z.object({
        id: z.enum(RISK_FACTORS),
        item: z.number().int(),
        heading: z.string(),
        label: z.string(),
        rating: z.enum(RATINGS).nullable(),
        ratingLabel: z.string(),
        analysis: z.string().nullable(),
        mitigation: z.string().nullable(),
      }),
    ),
    /** What the conclusion says and what it rests on. */
    conclusion: z.array(z.string()),
  }),
  commitments: z.array(
    z.object({ id: z.enum(COMMITMENTS), label: z.string(), state: z.string().nullable(), stateLabel: z.string().nullable(), missing: z.boolean() }),
  ),
  commitmentsReference: z.string().nullable(),
  securityAgreement: z.object({ state: z.string().nullable(), stateLabel: z.string().nullable(), missing: z.boolean() }).nullable(),
  materials: z.array(
    z.object({
      id: z.enum(MATERIALS),
      label: z.string(),
      state: z.enum(['ready', 'missing', 'not_applicable']).nullable(),
      stateLabel: z.string().nullable(),
      missing: z.boolean(),
      attachments: z.array(z.string()),
    }),
  ),
  attachments: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      mediaType: z.string(),
      size: z.number().int(),
      sha256: z.string(),
      by: z.string(),
      at: z.string(),
      material: z.string().nullable(),
      line: z.string(),
    }),
  ),
  comments: z.array(z.object({ at: z.string(), by: z.string(), text: z.string() })),
  warnings: z.array(Warning),
  // The review clock on the day the pack was made, as the case view shows it (review-clock.ts).
  deadlines: z.array(
    z.object({
      kind: z.string(),
      label: z.string(),
      due: z.string().nullable(),
      /** `due` in words: "by … at the latest (outer bound)", "… (provisional)". */
      dueText: z.string(),
      /** Working days used and left, in words. */
      stateText: z.string(),
      basis: z.string(),
      provisional: z.boolean(),
      outerBound: z.boolean(),
      state: z.string(),
      usedWorkingDays: z.number().int().nullable(),
      leftWorkingDays: z.number().int().nullable(),
    }),
  ),
  /** The clock as the case view shows it, one line each. */
  clock: z.array(z.string()),
  /** Which period runs (before the deadlines table) and the notes under it. */
  clockHeader: z.array(z.string()),
  clockNotes: z.array(z.string()),
  missingItems: z.array(z.string()),
});
export type ApplicationPack = z.infer<typeof PackSchema>;
export type PackField = z.infer<typeof Field>;

/** What the pack needs beyond the case: names from the directory, the audit (comments), the attached files. */
export type PackExtras = {
  nameOf?: (key: string) => string;
  /** A team's name by its id (null or absent: the id is shown). */
  teamNameOf?: (id: string) => string | null;
  audit?: readonly AuditEntry[];
  attachments?: readonly AttachmentMeta[];
};

const given = (v: unknown): v is string | number => v !== undefined && v !== null && v !== '';

/** A stored value in the pack's language. */
export function displayValue(lang: Lang, f: FieldSpec, v: unknown): string | null {
  if (!given(v)) return null;
  if (f.kind === 'choice') {
    const key = `intake.choice.${f.set}.${v}`;
    return hasMessage(key) ? t(lang, key) : String(v);
  }
  if (f.kind === 'number' && typeof v === 'number') return f.numberKind === 'amount' ? formatAmount(lang, v) : formatCount(lang, v);
  // The contact is stored as "name, phone, email"; Chinese text separates with full-width commas.
  if (f.id === 'contact' && lang === 'zh-CN') {
    const c = parseContact(String(v));
    if (c.ok) return formatContact(c.value, '，');
  }
  return String(v);
}

/** A label as the start of a line: "Product category", not "product category". */
const asLabel = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A stored reason id in the reader's language (the id itself if this version no longer has its text). */
function reasonText(lang: Lang, id: string): string {
  const key = `reason.${id}`;
  return hasMessage(key) ? t(lang, key) : id;
}

/** A Chinese-numbered item in Chinese, a plain number in English. */
const numeral = (lang: Lang, n: number) => (lang === 'zh-CN' ? chineseNumeral(n) : String(n));

/**
 * The case is read through upgradeCase, as the store reads it, so that one stored before triage v2
 * (`listing_abroad`) or the intake by matter is described in today's terms whoever hands it in.
 */
export function buildPack(stored: CaseRecord, lang: Lang, clock: CaseClock | null, now: Date, extras: PackExtras = {}): ApplicationPack {
  const k = upgradeCase(stored);
  const name = (key: string) => extras.nameOf?.(key) ?? key;
  const person = (key: string | null) => (key ? { key, name: name(key) } : null);
  const matter: Matter = caseMatter(k.triage.answers);
  const gaps = intakeGaps(k);
  const missing = (form: string, field: string) => gaps.some((g) => g.form === form && g.field === field);
  const fieldsOf = (form: string, section: Section): PackField[] =>
    sectionFields(matter, section).map((f) => {
      const raw = k.intake[form]?.[f.id];
      return {
        id: f.id,
        label: t(lang, `intake.${section}.${f.id}.label` as MessageKey),
        value: displayValue(lang, f, raw),
        raw: given(raw) ? raw : null,
        missing: missing(form, f.id),
      };
    });
  const plan = INTAKE_PLAN[matter];
  const sections = plan
    .filter((s) => !['item', 'risk', 'commitments', 'materials'].includes(s))
    .map((s) => ({ id: s, title: t(lang, `intake.${s}.title` as MessageKey), fields: fieldsOf(s, s) }));

  const items = plan.includes('item') ? lineItemKeys(k.intake).map((key) => ({ key, n: itemNumber(key)!, fields: fieldsOf(key, 'item') })) : [];
  const totals = items.map((i) => i.fields.find((f) => f.id === 'total_amount')?.raw).filter((v): v is number => typeof v === 'number');
  const itemsTotal = totals.length
    ? formatAmount(
        lang,
        totals.reduce((a, b) => a + b, 0),
      )
    : null;

  const factors = FACTORS_FOR[matter];
  const risk = k.intake.risk ?? {};
  const summary = riskSummary(k, factors);
  const ratingLabel = (r: string | null) => (r ? t(lang, `intake.choice.rating.${r}` as MessageKey) : t(lang, 'pack.unrated'));
  const factorRows = factors.map((id) => {
    const item = RISK_FACTORS.indexOf(id) + 1;
    const label = t(lang, `intake.risk.factor.${id}`);
    const rating = (risk[`${id}_rating`] as (typeof RATINGS)[number] | undefined) ?? null;
    return {
      id,
      item,
      heading: t(lang, 'pack.report.factor', { n: numeral(lang, item), label }),
      label,
      rating,
      ratingLabel: ratingLabel(rating),
      analysis: given(risk[`${id}_note`]) ? String(risk[`${id}_note`]) : null,
      mitigation: given(risk[`${id}_mitigation`]) ? String(risk[`${id}_mitigation`]) : null,
    };
  });
  const levelLabel = t(lang, `pack.level.${summary.level}` as MessageKey);
  const ref = (f: (typeof factorRows)[number]) =>
    f.rating && f.rating !== 'unknown'
      ? t(lang, 'pack.report.factor_ref', { n: numeral(lang, f.item), rating: f.ratingLabel })
      : t(lang, 'pack.report.factor_ref_open', { n: numeral(lang, f.item) });
  const list = (rows: typeof factorRows) => rows.map(ref).join(t(lang, 'pack.list_sep'));
  const high = factorRows.filter((f) => f.rating === 'high');
  const open = factorRows.filter((f) => f.rating === null || f.rating === 'unknown');
  const RANK: Record<string, number> = { low: 0, medium: 1, high: 2 };
  const worst = Math.max(-1, ...factorRows.map((f) => (f.rating ? (RANK[f.rating] ?? -1) : -1)));
  const conclusion = [
    t(lang, 'pack.report.overall', { level: levelLabel }),
    ...(high.length
      ? [t(lang, 'pack.report.rests_on_high', { factors: list(high) })]
      : worst >= 0
        ? [t(lang, 'pack.report.rests_on_worst', { factors: list(factorRows.filter((f) => f.rating && RANK[f.rating] === worst)) })]
        : []),
    ...(open.length ? [t(lang, 'pack.report.rests_open', { factors: list(open) })] : []),
  ];

  const purchase = matter === 'purchase';
  const commitments = purchase
    ? COMMITMENTS.map((id) => {
        const state = (k.intake.commitments?.[id] as string | undefined) ?? null;
        return {
          id,
          label: t(lang, `intake.commitments.${id}.label` as MessageKey),
          state,
          stateLabel: state ? t(lang, `intake.choice.commitment.${state}` as MessageKey) : null,
          missing: missing('commitments', id),
        };
      })
    : [];
  const agreement = k.intake.commitments?.security_agreement as string | undefined;
  const securityAgreement = purchase
    ? {
        state: agreement ?? null,
        stateLabel: agreement ? t(lang, `intake.choice.agreement.${agreement}` as MessageKey) : null,
        missing: missing('commitments', 'security_agreement'),
      }
    : null;

  const attachments = (extras.attachments ?? []).map((a) => {
    const materialLabel =
      a.material && hasMessage(`intake.materials.${a.material}.label`) ? t(lang, `intake.materials.${a.material}.label` as MessageKey) : '—';
    const at = shanghaiDate(new Date(a.at));
    return {
      id: a.id,
      name: a.name,
      mediaType: a.mediaType,
      size: a.size,
      sha256: a.sha256,
      by: name(a.by),
      at,
      material: a.material,
      line: t(lang, 'pack.attachment', { name: a.name, size: formatBytes(a.size), material: materialLabel, by: name(a.by), at, sha256: a.sha256.slice(0, 16) }),
    };
  });
  const materials = MATERIALS_FOR[matter].map((id) => {
    const state = (k.intake.materials?.[id] as 'ready' | 'missing' | 'not_applicable' | undefined) ?? null;
    return {
      id,
      label: t(lang, `intake.materials.${id}.label` as MessageKey),
      state,
      stateLabel: state ? t(lang, `intake.choice.material.${state}` as MessageKey) : null,
      missing: missing('materials', id),
      attachments: attachments.filter((a) => a.material === id).map((a) => a.name),
    };
  });

  const comments = (extras.audit ?? [])
    .filter((a) => a.action === 'case.comment' && typeof a.after === 'string')
    .map((a) => ({ at: shanghaiDate(new Date(a.at)), by: name(a.actor), text: String(a.after) }));
  const warnings = k.warnings.map((w) => ({ text: warningText(lang, w), source: w.source, date: w.date }));
  const record = k.triage.outcome === 'not_required';
  const submitted = k.clock.find((e) => e.type === 'submitted')?.on ?? null;
  const clockWords = clock ? caseClockWords(lang, clock) : { header: [], items: [], notes: [] };
  const created = new Date(k.createdAt);

  return {
    schemaVersion: 2,
    caseId: k.id,
    kind: record ? 'prediction_record' : 'application',
    generatedAt: now.toISOString(),
    generatedOn: shanghaiDate(now),
    lang,
    status: k.status,
    statusLabel: statusLabel(lang, k.status),
    matter,
    // A listing in Hong Kong is not a listing abroad (Art. 7 as commonly read; domain.md §6).
    matterLabel: t(lang, matter === 'listing' && k.triage.answers.listing_venue === 'hong_kong' ? 'pack.matter.listing_hong_kong' : `pack.matter.${matter}`),
    requester: k.requester,
    team: k.team,
    teamName: k.team ? (extras.teamNameOf?.(k.team) ?? k.team) : null,
    analyst: k.analyst,
    people: { requester: person(k.requester)!, teamLead: person(k.teamLead), analyst: person(k.analyst) },
    summary: k.summary,
    triage: {
      outcome: k.triage.outcome,
      title: outcomeTitle(lang, k.triage.outcome),
      decidedOn: Number.isNaN(created.getTime()) ? k.createdAt : shanghaiDate(created),
      decidedBy: name(k.requester),
      answers: Object.entries(k.triage.answers).flatMap(([id, v]) => {
        // An answer today's check does not ask, or a choice it no longer has, has no true label: left out, not printed as an id.
        const step = Object.hasOwn(triageFlow.steps, id) ? triageFlow.steps[id]! : null;
        if (!step || (step.choices && !step.choices.some((c) => c.id === v))) return [];
        return [{ id, label: asLabel(t(lang, step.label)), value: renderAnswer(lang, triageFlow, id, v), raw: String(v), missing: false, choice: String(v) }];
      }),
      reasons: k.triage.reasons.map((r) => ({ text: reasonText(lang, r.id), citation: renderCitation(lang, r.citation) })),
      warnings,
    },
    countersign: k.countersign
      ? { by: k.countersign.by, byName: name(k.countersign.by), at: k.countersign.at, on: shanghaiDate(new Date(k.countersign.at)) }
      : null,
    measures2020: differences2020(k.triage.answers as Facts).map((d) => ({
      text: t(lang, `measures2020.${d.id}` as MessageKey),
      citations: d.citations.map((c) => renderCitation(lang, c)),
    })),
    submittedOn: submitted,
    authorityOutcome: k.authorityOutcome,
    sections,
    items,
    itemsTotal,
    risk: { level: summary.level, levelLabel, factors: factorRows, conclusion },
    commitments,
    commitmentsReference: purchase && given(k.intake.commitments?.reference) ? String(k.intake.commitments!.reference) : null,
    securityAgreement,
    materials,
    attachments,
    comments,
    warnings,
    deadlines: (clock?.items ?? []).map((d, i) => ({
      kind: d.kind,
      label: clockWords.items[i]!.label,
      due: d.due,
      dueText: clockWords.items[i]!.due,
      stateText: clockWords.items[i]!.state,
      basis: describeBasis(lang, d),
      provisional: d.provisional,
      outerBound: d.outerBound,
      state: d.state,
      usedWorkingDays: d.used,
      leftWorkingDays: d.left,
    })),
    clock: clock ? describeCaseClock(lang, clock) : [],
    clockHeader: clockWords.header,
    clockNotes: clockWords.notes,
    // A risk-prediction record files nothing, so nothing is missing.
    missingItems: record ? [] : describeGaps(lang, gaps),
  };
}

export const packJsonSchema = () => z.toJSONSchema(PackSchema);
