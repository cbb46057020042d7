import { chineseNumeral, t, type Lang } from '../i18n/index.js';
import type { ApplicationPack, PackField } from './application-pack.js';

// The pack as one document outline, the same for Markdown and Word: headings, paragraphs,
// key/value tables, lists, signature lines. Both renderers only lay this out; every word is here
// (and in the catalogue), in the pack's language.

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'para'; text: string; bold?: boolean }
  | { type: 'fields'; rows: { label: string; value: string; missing: boolean }[] }
  | { type: 'table'; header: string[]; rows: string[][] }
  | { type: 'list'; items: string[]; numbered?: boolean }
  | { type: 'checklist'; items: { text: string; done: boolean; note?: string }[] }
  | { type: 'signature'; lines: string[] }
  | { type: 'pagebreak' };

const value = (L: Lang, f: PackField) => f.value ?? (f.missing ? t(L, 'pack.missing') : t(L, 'pack.not_given'));
const fieldRows = (L: Lang, fields: readonly PackField[]) => fields.map((f) => ({ label: f.label, value: value(L, f), missing: f.missing }));
const kv = (L: Lang, k: string, v: string) => t(L, 'pack.kv', { k, v });

function field(p: ApplicationPack, section: string, id: string): string | null {
  return p.sections.find((s) => s.id === section)?.fields.find((f) => f.id === id)?.value ?? null;
}

/** The declaration (申报书): applicant, the matter's sections, line items, commitments, the risk-prediction record, the statement. */
function declaration(p: ApplicationPack): Block[] {
  const L = p.lang;
  const out: Block[] = [{ type: 'heading', level: 1, text: t(L, 'pack.declaration') }];
  out.push({ type: 'para', text: [kv(L, t(L, 'pack.matter'), p.matterLabel), kv(L, t(L, 'pack.status'), p.statusLabel)].join(L === 'zh-CN' ? '；' : ' · ') });
  for (const s of p.sections) {
    // The line items come where the intake asks them: before the purchase's own details.
    if (s.id === 'purchase') out.push(...items(p));
    out.push({ type: 'heading', level: 2, text: s.title }, { type: 'fields', rows: fieldRows(L, s.fields) });
  }
  if (p.matter === 'purchase') {
    out.push({ type: 'heading', level: 2, text: t(L, 'pack.commitments') });
    out.push({
      type: 'fields',
      rows: [
        ...p.commitments.map((c) => ({ label: c.label, value: c.stateLabel ?? t(L, 'pack.missing'), missing: c.missing })),
        { label: t(L, 'pack.commitments.reference'), value: p.commitmentsReference ?? t(L, 'pack.not_given'), missing: false },
        {
          label: t(L, 'intake.commitments.security_agreement.label'),
          value: p.securityAgreement?.stateLabel ?? t(L, 'pack.missing'),
          missing: p.securityAgreement?.missing ?? false,
        },
      ],
    });
  }
  out.push(...record(p));
  const applicant = field(p, 'applicant', 'legal_name') ?? t(L, 'pack.not_given');
  const confirmed = p.sections.find((s) => s.id === 'applicant')?.fields.find((f) => f.id === 'truthful')?.raw === 'confirmed';
  out.push({ type: 'para', text: confirmed ? t(L, 'pack.declaration.statement', { applicant }) : t(L, 'pack.declaration.not_confirmed'), bold: !confirmed });
  out.push({ type: 'signature', lines: [t(L, 'pack.signature.applicant_seal'), t(L, 'pack.signature.legal_rep'), t(L, 'pack.signature.date')] });
  return out;
}

function items(p: ApplicationPack): Block[] {
  const L = p.lang;
  const labels = ['product', 'model_version', 'quantity', 'unit_price', 'total_amount'] as const;
  const header = [t(L, 'pack.items.n'), ...labels.map((id) => t(L, `intake.item.${id}.label`))];
  const rows = p.items.map((i) => [String(i.n), ...labels.map((id) => value(L, i.fields.find((x) => x.id === id)!))]);
  if (p.itemsTotal) rows.push([t(L, 'pack.items.total'), '', '', '', '', p.itemsTotal]); // under the total amount column
  return [
    { type: 'heading', level: 2, text: t(L, 'pack.items') },
    rows.length ? { type: 'table', header, rows } : { type: 'para', text: t(L, 'intake.gap.no_items', { section: t(L, 'pack.items') }), bold: true },
  ];
}

/** The risk-prediction record: who decided what, on which facts and reasons, with the warnings. */
function record(p: ApplicationPack): Block[] {
  const L = p.lang;
  const out: Block[] = [
    { type: 'heading', level: 2, text: t(L, 'pack.record') },
    { type: 'para', text: t(L, 'pack.record.decided', { date: p.triage.decidedOn, by: p.triage.decidedBy, outcome: p.triage.title }) },
    { type: 'fields', rows: p.triage.answers.map((a) => ({ label: a.label, value: a.value ?? '—', missing: false })) },
    { type: 'para', text: t(L, 'pack.record.reasons'), bold: true },
    { type: 'list', items: p.triage.reasons.map((r) => t(L, 'pack.paren', { text: r.text, note: r.citation })) },
  ];
  if (p.warnings.length) {
    out.push(
      { type: 'para', text: t(L, 'watchlist.label'), bold: true },
      { type: 'list', items: p.warnings.map((w) => t(L, 'pack.paren', { text: w.text, note: t(L, 'pack.warning_source', { source: w.source }) })) },
    );
  }
  return out;
}

/** The fields of `section` named in `ids`, in that order (those the matter asks). */
function sectionRows(p: ApplicationPack, section: string, ids?: readonly string[]) {
  const fields = p.sections.find((s) => s.id === section)?.fields ?? [];
  const picked = ids ? ids.flatMap((id) => fields.filter((f) => f.id === id)) : fields;
  return fieldRows(p.lang, picked);
}

/**
 * The national-security impact analysis report in the outline filing teams use (domain.md §10):
 * background, supplier profile, architecture and data flows, the Art. 10 factors, business
 * continuity, the signed conclusion. Every part is drawn from the intake; nothing is asked twice.
 */
function impactReport(p: ApplicationPack): Block[] {
  const L = p.lang;
  const sep = L === 'zh-CN' ? '；' : '; ';
  const background = [
    ...(p.summary ? [kv(L, t(L, 'pack.summary'), p.summary)] : []),
    kv(L, t(L, 'pack.matter'), p.matterLabel),
    ...p.items.map((i) =>
      t(L, 'pack.report.item', {
        n: String(i.n),
        fields: i.fields
          .filter((f) => f.value)
          .map((f) => kv(L, f.label, f.value!))
          .join(sep),
      }),
    ),
    ...['legal_name', 'venue', 'description'].flatMap((id) =>
      p.sections.flatMap((s) => s.fields.filter((f) => f.id === id && f.value).map((f) => kv(L, f.label, f.value!))),
    ),
  ];
  const out: Block[] = [
    { type: 'heading', level: 1, text: t(L, 'pack.impact_report') },
    { type: 'heading', level: 2, text: t(L, 'pack.report.background') },
    { type: 'list', items: background },
  ];
  if (p.matter === 'purchase')
    out.push({ type: 'heading', level: 2, text: t(L, 'pack.report.supplier') }, { type: 'fields', rows: sectionRows(p, 'supplier') });
  const architecture = [
    ...sectionRows(p, 'cii', ['cii_system']),
    ...sectionRows(p, 'purchase', ['deployment', 'remote_maintenance_abroad']),
    ...sectionRows(p, 'data'),
  ];
  if (architecture.length) out.push({ type: 'heading', level: 2, text: t(L, 'pack.report.architecture') }, { type: 'fields', rows: architecture });
  out.push({ type: 'heading', level: 2, text: t(L, 'pack.report.factors') });
  for (const f of p.risk.factors) {
    out.push(
      { type: 'heading', level: 3, text: f.heading },
      {
        type: 'fields',
        rows: [
          { label: t(L, 'pack.rating'), value: f.ratingLabel, missing: f.rating === null || f.rating === 'unknown' },
          { label: t(L, 'pack.analysis'), value: f.analysis ?? t(L, 'pack.to_write'), missing: false },
          { label: t(L, 'pack.mitigation'), value: f.mitigation ?? t(L, 'pack.to_write'), missing: false },
        ],
      },
    );
  }
  out.push(...continuity(p));
  out.push(
    { type: 'heading', level: 2, text: t(L, 'pack.report.conclusion') },
    ...p.risk.conclusion.map((text, i): Block => ({ type: 'para', text, bold: i === 0 })),
  );
  out.push({ type: 'signature', lines: [t(L, 'pack.signature.responsible'), t(L, 'pack.signature.date')] });
  return out;
}

/**
 * Business continuity: how the service goes on if supply, maintenance or updates stop. For a
 * purchase that is the mitigation written for Art. 10 factor 2 (supply interrupted) and the
 * supplier's commitment not to cut supply; the intake has no separate field for it.
 */
function continuity(p: ApplicationPack): Block[] {
  const L = p.lang;
  const supply = p.risk.factors.find((f) => f.id === 'supply_interruption');
  if (p.matter !== 'purchase' || !supply) return [];
  const cutoff = p.commitments.find((c) => c.id === 'no_supply_cutoff');
  return [
    { type: 'heading', level: 2, text: t(L, 'pack.report.continuity') },
    { type: 'para', text: t(L, 'pack.report.continuity_note', { n: L === 'zh-CN' ? chineseNumeral(supply.item) : String(supply.item) }) },
    {
      type: 'fields',
      rows: [
        { label: t(L, 'pack.mitigation'), value: supply.mitigation ?? t(L, 'pack.to_write'), missing: false },
        ...(cutoff ? [{ label: cutoff.label, value: cutoff.stateLabel ?? t(L, 'pack.missing'), missing: cutoff.missing }] : []),
      ],
    },
  ];
}

/** Annexes of a purchase: the supplier's commitment letter (Art. 6) and the Art. 20 agreement checklist. */
function annexes(p: ApplicationPack): Block[] {
  const L = p.lang;
  if (p.matter !== 'purchase') return [];
  const applicant = field(p, 'applicant', 'legal_name') ?? '________';
  const supplier = field(p, 'supplier', 'name') ?? '________';
  const products =
    p.items
      .map((i) => i.fields.find((f) => f.id === 'product')?.value)
      .filter((x): x is string => !!x)
      .join(t(L, 'pack.list_sep')) || '________';
  const states = p.commitments.map((c) => `${c.label}${L === 'zh-CN' ? '：' : ': '}${c.stateLabel ?? t(L, 'pack.missing')}`);
  return [
    { type: 'pagebreak' },
    { type: 'heading', level: 1, text: t(L, 'pack.annex', { n: L === 'zh-CN' ? '一' : '1', title: t(L, 'pack.letter.title') }) },
    { type: 'para', text: t(L, 'pack.letter.to', { applicant }) },
    { type: 'para', text: t(L, 'pack.letter.basis') },
    { type: 'para', text: t(L, 'pack.letter.intro', { supplier, applicant, products }) },
    { type: 'list', numbered: true, items: [t(L, 'pack.letter.c1'), t(L, 'pack.letter.c2'), t(L, 'pack.letter.c3'), t(L, 'pack.letter.c4')] },
    { type: 'signature', lines: [t(L, 'pack.signature.supplier_seal'), t(L, 'pack.signature.supplier_rep'), t(L, 'pack.signature.date')] },
    { type: 'para', text: t(L, 'pack.letter.status', { state: states.join(L === 'zh-CN' ? '；' : '; ') }) },
    { type: 'pagebreak' },
    { type: 'heading', level: 1, text: t(L, 'pack.annex', { n: L === 'zh-CN' ? '二' : '2', title: t(L, 'pack.agreement.title') }) },
    { type: 'para', text: t(L, 'pack.agreement.basis') },
    { type: 'checklist', items: ([1, 2, 3, 4, 5, 6, 7, 8] as const).map((n) => ({ text: t(L, `pack.agreement.${n}`), done: false })) },
    { type: 'para', text: t(L, 'pack.agreement.status', { state: p.securityAgreement?.stateLabel ?? t(L, 'pack.missing') }) },
  ];
}

/** Where the case stands: materials, files, the clock, comments, what is missing. */
function standing(p: ApplicationPack): Block[] {
  const L = p.lang;
  const out: Block[] = [
    { type: 'pagebreak' },
    { type: 'heading', level: 1, text: t(L, 'pack.materials') },
    {
      type: 'checklist',
      items: p.materials.map((m) => ({
        text: `${m.label}${m.stateLabel ? (L === 'zh-CN' ? `（${m.stateLabel}）` : ` (${m.stateLabel})`) : ''}`,
        done: m.state === 'ready' || m.state === 'not_applicable',
        ...(m.attachments.length ? { note: m.attachments.join(t(L, 'pack.list_sep')) } : {}),
      })),
    },
    { type: 'heading', level: 2, text: t(L, 'pack.attachments') },
    p.attachments.length ? { type: 'list', items: p.attachments.map((a) => a.line) } : { type: 'para', text: t(L, 'pack.attachments.none') },
    { type: 'heading', level: 2, text: t(L, 'pack.deadlines') },
    {
      type: 'fields',
      rows: [
        { label: t(L, 'pack.submitted_on'), value: p.submittedOn ?? t(L, 'pack.not_submitted'), missing: false },
        ...(p.authorityOutcome ? [{ label: t(L, 'pack.outcome'), value: p.authorityOutcome, missing: false }] : []),
      ],
    },
  ];
  if (p.deadlines.length === 0) out.push({ type: 'para', text: t(L, 'pack.no_deadlines') });
  else
    out.push(
      ...p.clockHeader.map((text) => ({ type: 'para' as const, text })),
      {
        type: 'table',
        header: [t(L, 'pack.deadline.item'), t(L, 'pack.deadline.due'), t(L, 'pack.deadline.state'), t(L, 'pack.deadline.basis')],
        rows: p.deadlines.map((d) => [d.label, d.dueText, d.stateText, d.basis]),
      },
      ...p.clockNotes.map((text) => ({ type: 'para' as const, text })),
    );
  out.push(
    { type: 'heading', level: 2, text: t(L, 'pack.people') },
    {
      type: 'fields',
      rows: [
        { label: t(L, 'pack.requester'), value: p.people.requester.name, missing: false },
        { label: t(L, 'pack.team'), value: p.teamName ?? t(L, 'pack.not_given'), missing: false },
        { label: t(L, 'pack.team_lead'), value: p.people.teamLead?.name ?? t(L, 'pack.nobody'), missing: false },
        { label: t(L, 'pack.analyst'), value: p.people.analyst?.name ?? t(L, 'pack.nobody'), missing: false },
      ],
    },
  );
  out.push({ type: 'heading', level: 2, text: t(L, 'pack.comments') });
  out.push(p.comments.length ? { type: 'list', items: p.comments.map((c) => t(L, 'pack.comment', c)) } : { type: 'para', text: t(L, 'pack.comments.none') });
  out.push({ type: 'heading', level: 2, text: t(L, 'pack.missing_items') });
  out.push(p.missingItems.length ? { type: 'list', items: p.missingItems } : { type: 'para', text: t(L, 'pack.missing_items.none') });
  return out;
}

/** The appendix on the repealed 2020 Measures: informative, after everything that is filed. */
function measures2020(p: ApplicationPack): Block[] {
  const L = p.lang;
  return [
    { type: 'heading', level: 2, text: t(L, 'measures2020.title') },
    { type: 'para', text: t(L, 'measures2020.header') },
    {
      type: 'list',
      items: p.measures2020.map((d) =>
        d.citations.length ? t(L, 'pack.paren', { text: d.text, note: d.citations.join(t(L, 'engine.citation_separator')) }) : d.text,
      ),
    },
    { type: 'para', text: t(L, 'measures2020.unchanged') },
  ];
}

/** A risk-prediction record (`not_required`): nothing is filed; the record, its countersignature and the 2020 appendix. */
function predictionRecord(p: ApplicationPack): Block[] {
  const L = p.lang;
  return [
    { type: 'heading', level: 1, text: t(L, 'pack.record_title', { caseId: p.caseId }) },
    { type: 'para', text: `${p.triage.title} · ${p.statusLabel} · ${t(L, 'pack.generated', { date: p.generatedOn })}` },
    ...(p.summary ? [{ type: 'para' as const, text: kv(L, t(L, 'pack.summary'), p.summary) }] : []),
    ...record(p),
    { type: 'para', text: t(L, 'pack.record_note') },
    {
      type: 'para',
      text: p.countersign
        ? t(L, 'pack.countersigned', { by: p.countersign.byName, at: p.countersign.on })
        : t(L, 'pack.not_countersigned', { caseId: p.caseId }),
      bold: !p.countersign,
    },
    ...measures2020(p),
  ];
}

/** The whole pack as blocks, in the order a filing team reads it. */
export function packDocument(p: ApplicationPack): Block[] {
  const L = p.lang;
  if (p.kind === 'prediction_record') return predictionRecord(p);
  return [
    { type: 'heading', level: 1, text: t(L, 'pack.title', { caseId: p.caseId }) },
    { type: 'para', text: `${p.triage.title} · ${p.statusLabel} · ${t(L, 'pack.generated', { date: p.generatedOn })}` },
    ...(p.missingItems.length
      ? [{ type: 'para' as const, text: `${t(L, 'pack.missing_items')}${L === 'zh-CN' ? '：' : ': '}${p.missingItems.length}`, bold: true }]
      : []),
    { type: 'pagebreak' },
    ...declaration(p),
    { type: 'pagebreak' },
    ...impactReport(p),
    ...annexes(p),
    ...standing(p),
    ...measures2020(p),
  ];
}
