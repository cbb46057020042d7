import { z } from 'zod';
import { COMMITMENTS, INTAKE_FLOWS, MATERIALS, triageFlow } from '../../flows/index.js';
import {
  CASE_STATUSES, describeCaseClock, differences2020, OUTCOMES, outcomeTitle, RISK_FACTORS, riskSummary, statusLabel, warningText,
  type CaseClock, type CaseRecord, type Facts,
} from '../domain/index.js';
import { formOf, renderAnswer, renderCitation } from '../engine/index.js';
import { hasMessage, t, type Lang, type MessageKey } from '../i18n/index.js';

// The application pack (申报材料): what an analyst files with the Cybersecurity Review Office.
// Built here, where the case (domain) and the intake forms (flows, engine) are both visible.
// The JSON form follows PackSchema; schema/application-pack.schema.json is generated from it.

const Field = z.object({ id: z.string(), label: z.string(), value: z.union([z.string(), z.number(), z.null()]) });

export const PackSchema = z.object({
  schemaVersion: z.literal(1),
  caseId: z.string(),
  /** `prediction_record`: a `not_required` risk-prediction record (预判记录), kept and closed; nothing is filed. */
  kind: z.enum(['application', 'prediction_record']),
  generatedAt: z.string().datetime(),
  lang: z.enum(['en', 'zh-CN']),
  status: z.enum(CASE_STATUSES),
  requester: z.string(),
  team: z.string().nullable(),
  analyst: z.string().nullable(),
  summary: z.string(),
  triage: z.object({
    outcome: z.enum(OUTCOMES),
    title: z.string(),
    /** `value`: the answer as shown to people; `choice`: the answer's id. */
    answers: z.array(Field.extend({ choice: z.string() })),
    reasons: z.array(z.object({ text: z.string(), citation: z.string() })),
  }),
  /** Watchlist matches (published review decisions about the supplier or product), each with its official source. */
  warnings: z.array(z.object({ text: z.string(), source: z.string(), date: z.string() })),
  /** Who countersigned the risk-prediction record, and when (null: not yet, or not a record). */
  countersign: z.object({ by: z.string(), at: z.string() }).nullable(),
  /** How the repealed 2020 Measures differed for this matter; the decision follows the 2022 Measures. */
  measures2020: z.array(z.object({ text: z.string(), citations: z.array(z.string()) })),
  declaration: z.object({ fields: z.array(Field), missing: z.array(z.string()) }),
  risk: z.object({
    level: z.enum(['low', 'medium', 'high', 'incomplete']),
    levelLabel: z.string(),
    factors: z.array(z.object({
      id: z.enum(RISK_FACTORS), item: z.number().int(), label: z.string(),
      rating: z.enum(['low', 'medium', 'high', 'unknown']).nullable(), note: z.string().nullable(),
    })),
  }),
  impactReportOutline: z.array(z.object({ heading: z.string(), points: z.array(z.string()) })),
  commitments: z.array(z.object({ id: z.enum(COMMITMENTS), label: z.string(), reference: z.string().nullable(), missing: z.boolean() })),
  materials: z.array(z.object({
    id: z.enum(MATERIALS), label: z.string(), state: z.enum(['ready', 'missing', 'not_applicable']).nullable(), missing: z.boolean(),
  })),
  // The review clock on the day the pack was made, as the case view shows it (review-clock.ts).
  deadlines: z.array(z.object({
    kind: z.string(), label: z.string(), due: z.string().nullable(), basis: z.string(),
    provisional: z.boolean(), outerBound: z.boolean(), state: z.string(),
    usedWorkingDays: z.number().int().nullable(), leftWorkingDays: z.number().int().nullable(),
  })),
  clock: z.array(z.string()),
  missingItems: z.array(z.string()),
});
export type ApplicationPack = z.infer<typeof PackSchema>;

const fieldsOf = (form: string, lang: Lang, k: CaseRecord) => {
  const flow = INTAKE_FLOWS.find((f) => f.form === form)!;
  return formOf(flow, lang, k.intake[form] ?? {}).fields;
};
const str = (v: unknown): string | null => (v === undefined || v === null || v === '' ? null : String(v));

/** A stored reason id in the reader's language (the id itself if this version no longer has its text). */
function reasonText(lang: Lang, id: string): string {
  const key = `reason.${id}`;
  return hasMessage(key) ? t(lang, key) : id;
}

/** `clock`: the case's deadlines on the day (domain caseClock); null when they cannot be counted. */
export function buildPack(k: CaseRecord, lang: Lang, clock: CaseClock | null, now: Date): ApplicationPack {
  const declarationFields = fieldsOf('declaration', lang, k);
  const declaration = {
    fields: declarationFields.map((f) => ({ id: f.id, label: f.label, value: (f.value as string | number | undefined) ?? null })),
    missing: declarationFields.filter((f) => f.required && f.value === undefined).map((f) => f.label),
  };
  const risk = k.intake.risk ?? {};
  const summary = riskSummary(k);
  const factors = RISK_FACTORS.map((id, i) => ({
    id,
    item: i + 1,
    label: t(lang, `intake.risk.${id}_rating.label` as MessageKey).replace(/^\d+\.\s*/, '').replace(/: [^:]*$|：[^：]*$/, ''),
    rating: (risk[`${id}_rating`] as 'low' | 'medium' | 'high' | 'unknown' | undefined) ?? null,
    note: str(risk[`${id}_note`]),
  }));
  const commitments = COMMITMENTS.map((id) => {
    const reference = str(k.intake.commitments?.[id]);
    return { id, label: t(lang, `intake.commitments.${id}.label` as MessageKey), reference, missing: reference === null };
  });
  const listing = k.triage.answers.matter === 'listing';
  const record = k.triage.outcome === 'not_required';
  const materials = MATERIALS.map((id) => {
    const state = (k.intake.materials?.[id] as 'ready' | 'missing' | 'not_applicable' | undefined) ?? null;
    // Listing documents are only owed by a listing; procurement documents only by a purchase.
    const owed = id === 'listing_documents' ? listing : true;
    return { id, label: t(lang, `intake.materials.${id}.label` as MessageKey), state, missing: owed && state !== 'ready' && state !== 'not_applicable' };
  });
  const rating = (r: string | null) => (r ? t(lang, `intake.rating.${r}` as MessageKey) : t(lang, 'pack.unrated'));
  const impactReportOutline = [
    { heading: t(lang, 'pack.outline.scope'), points: [k.summary || '—', ...declaration.fields.filter((f) => ['product', 'supplier', 'cii_system'].includes(f.id)).map((f) => `${f.label}: ${f.value ?? '—'}`)] },
    ...factors.map((f) => ({
      heading: t(lang, 'pack.outline.factor', { n: f.item, label: f.label }),
      points: [`${t(lang, 'pack.rating')}: ${rating(f.rating)}`, ...(f.note ? [f.note] : [t(lang, 'pack.outline.needs_analysis')])],
    })),
    { heading: t(lang, 'pack.outline.mitigation'), points: commitments.map((c) => `${c.label}: ${c.reference ?? t(lang, 'pack.missing')}`) },
    { heading: t(lang, 'pack.outline.conclusion'), points: [t(lang, `pack.level.${summary.level}` as MessageKey)] },
  ];
  // A risk-prediction record files nothing, so nothing is missing.
  const missingItems = record ? [] : [
    ...declaration.missing.map((m) => `${t(lang, 'intake.declaration.title')}: ${m}`),
    ...factors.filter((f) => f.rating === null).map((f) => `${t(lang, 'intake.risk.title')}: ${f.label}`),
    ...commitments.filter((c) => c.missing).map((c) => `${t(lang, 'intake.commitments.title')}: ${c.label}`),
    ...materials.filter((m) => m.missing).map((m) => `${t(lang, 'intake.materials.title')}: ${m.label}`),
  ];
  return {
    schemaVersion: 1,
    caseId: k.id,
    kind: record ? 'prediction_record' : 'application',
    generatedAt: now.toISOString(),
    lang,
    status: k.status,
    requester: k.requester,
    team: k.team,
    analyst: k.analyst,
    summary: k.summary,
    triage: {
      outcome: k.triage.outcome,
      title: outcomeTitle(lang, k.triage.outcome),
      answers: Object.entries(k.triage.answers).map(([id, v]) => ({
        id, label: hasMessage(`triage.${id}.label`) ? t(lang, `triage.${id}.label` as MessageKey) : id, value: renderAnswer(lang, triageFlow, id, v), choice: v,
      })),
      reasons: k.triage.reasons.map((r) => ({ text: reasonText(lang, r.id), citation: renderCitation(lang, r.citation) })),
    },
    warnings: k.warnings.map((w) => ({ text: warningText(lang, w), source: w.source, date: w.date })),
    countersign: k.countersign,
    measures2020: differences2020(k.triage.answers as Facts).map((d) => ({
      text: t(lang, `measures2020.${d.id}` as MessageKey), citations: d.citations.map((c) => renderCitation(lang, c)),
    })),
    declaration,
    risk: { level: summary.level, levelLabel: t(lang, `pack.level.${summary.level}` as MessageKey), factors },
    impactReportOutline,
    commitments,
    materials,
    deadlines: (clock?.items ?? []).map((d) => ({
      kind: d.kind, label: t(lang, `pack.deadline.${d.kind}`), due: d.due, basis: d.basis, provisional: d.provisional, outerBound: d.outerBound,
      state: d.state, usedWorkingDays: d.used, leftWorkingDays: d.left,
    })),
    clock: clock ? describeCaseClock(lang, clock) : [],
    missingItems,
  };
}

/** The pack as Markdown, for people. */
export function packToMarkdown(p: ApplicationPack): string {
  const L = p.lang;
  const record = p.kind === 'prediction_record';
  const title = t(L, record ? 'pack.record_title' : 'pack.title', { caseId: p.caseId });
  const out: string[] = [`# ${title}`, '', `${t(L, 'pack.status')}: ${statusLabel(L, p.status)} · ${p.triage.title}`, ''];
  if (p.summary) out.push(`> ${p.summary}`, '');
  out.push(`## ${t(L, 'pack.triage')}`, '');
  for (const a of p.triage.answers) out.push(`- ${t(L, 'pack.label_value', { label: a.label, value: a.value ?? '—' })}`);
  out.push('');
  for (const r of p.triage.reasons) out.push(`- ${r.text} (${r.citation})`);
  if (p.warnings.length) {
    out.push('', `## ${t(L, 'watchlist.label')}`, '');
    for (const w of p.warnings) out.push(`- ${w.text}`, `  ${t(L, 'pack.label_value', { label: t(L, 'watchlist.source'), value: w.source })}`);
  }
  if (record) {
    out.push('', `## ${t(L, 'pack.record')}`, '', t(L, 'pack.record_note'), '');
    out.push(p.countersign ? t(L, 'pack.countersigned', { by: p.countersign.by, at: p.countersign.at }) : t(L, 'pack.not_countersigned', { caseId: p.caseId }));
    out.push(...measures2020Section(p));
    return `${out.join('\n')}\n`;
  }
  out.push('', `## ${t(L, 'intake.declaration.title')}`, '', `| ${t(L, 'pack.field')} | ${t(L, 'pack.value')} |`, '| --- | --- |');
  for (const f of p.declaration.fields) out.push(`| ${f.label} | ${f.value ?? `**${t(L, 'pack.missing')}**`} |`);
  out.push('', `## ${t(L, 'pack.impact_report')}`, '', `${t(L, 'pack.overall_risk')}: **${p.risk.levelLabel}**`, '');
  for (const s of p.impactReportOutline) {
    out.push(`### ${s.heading}`, '');
    for (const pt of s.points) out.push(`- ${pt}`);
    out.push('');
  }
  out.push(`## ${t(L, 'intake.commitments.title')}`, '');
  for (const c of p.commitments) out.push(`- ${c.label}: ${c.reference ?? `**${t(L, 'pack.missing')}**`}`);
  out.push('', `## ${t(L, 'intake.materials.title')}`, '');
  for (const m of p.materials) out.push(`- [${m.state === 'ready' ? 'x' : ' '}] ${m.label}${m.missing ? ` — **${t(L, 'pack.missing')}**` : ''}`);
  out.push('', `## ${t(L, 'pack.deadlines')}`, '');
  if (p.deadlines.length === 0) out.push(`- ${t(L, 'pack.no_deadlines')}`);
  // The same lines as the case view: a header, one bullet per deadline, the provisional note.
  p.clock.forEach((line, i) => {
    const bullet = line.startsWith('- ');
    const prevBullet = i > 0 && p.clock[i - 1]!.startsWith('- ');
    if (i > 0 && bullet !== prevBullet) out.push('');
    out.push(line);
  });
  if (p.missingItems.length) {
    out.push('', `## ${t(L, 'pack.missing_items')}`, '');
    for (const m of p.missingItems) out.push(`- ${m}`);
  }
  out.push(...measures2020Section(p));
  return `${out.join('\n')}\n`;
}

/** The appendix on the 2020 Measures: informative, after everything that is filed. */
function measures2020Section(p: ApplicationPack): string[] {
  const L = p.lang;
  const out = ['', `## ${t(L, 'measures2020.title')}`, '', t(L, 'measures2020.header'), ''];
  for (const d of p.measures2020) out.push(`- ${d.text}${d.citations.length ? ` (${d.citations.join(t(L, 'engine.citation_separator'))})` : ''}`);
  out.push('', t(L, 'measures2020.unchanged'));
  return out;
}

export const packJsonSchema = () => z.toJSONSchema(PackSchema);
