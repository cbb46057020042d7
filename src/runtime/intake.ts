import { describeGaps, formTitle, intakeFlowId, intakeGaps, matterOf, nextOpenForm } from '../../flows/index.js';
import {
  applyCaseAction,
  auditEntry,
  can,
  declaresWhatIsBought,
  describeLifecycleError,
  INTAKE_EDITABLE,
  ITEM_FORM,
  itemNumber,
  lineItemKeys,
  mayEditIntake,
  nextItemKey,
  outcomeTitle,
  resolveLang,
  reviewNormalEnd,
  rewatchCase,
  shanghaiDate,
  warningText,
  type AuditEntry,
  type CaseRecord,
  type Person,
  type Warning,
} from '../domain/index.js';
import { applyForm, formOf, latestFlow, notOneValue, renderCitation, type CheckContext, type Effect, type Flow, type Form } from '../engine/index.js';
import { hasMessage, t, type Lang, type MessageKey } from '../i18n/index.js';
import type { NewReminder } from '../store/index.js';
import type { BotDeps, FormRequest, FormSubmission, OpenFormResult, SubmitFormResult } from './contract.js';
import { noticeRows } from './notices.js';
import { retryOnConflict } from './retry.js';
import { getVisibleCase, noVisibleCase } from './visible-cases.js';

/** The field an existing line item's form adds, to remove the item. */
export const REMOVE_FIELD = 'remove';

/** The flow that asks a form of this case: by the case's matter; a line item (`item-2`) by the item section. */
export const flowFor = (deps: BotDeps, k: CaseRecord, form: string): Flow | undefined => {
  const id = intakeFlowId(matterOf(k), form);
  return id ? latestFlow(deps.registry, id) : undefined;
};

/** `item` (the item section as such) means the first unfinished line item, or a new one. */
export function concreteForm(k: CaseRecord, form: string): string {
  if (form !== ITEM_FORM) return form;
  const open = intakeGaps(k).find((g) => itemNumber(g.form) !== null);
  return open?.form ?? nextItemKey(k.intake);
}

/** The first form (in the matter's order) with something missing, or null when the intake is complete. */
export const nextIncompleteForm = (_deps: BotDeps, k: CaseRecord): string | null => nextOpenForm(k);

/** What the checks of a case's forms see: today, the form's saved values, the review clock. */
export const checkContextFor = (deps: BotDeps, saved: Record<string, unknown>, now: Date): CheckContext => ({
  today: shanghaiDate(now),
  answers: saved,
  reviewEnd: (from) => reviewNormalEnd(deps.deadlines, from),
});

/** Where the intake stands, for the person: complete (and how to mark it ready), or the list of what is missing. */
export function intakeStatus(lang: Lang, k: CaseRecord): string {
  const gaps = intakeGaps(k);
  if (gaps.length === 0) return t(lang, 'intake.complete', { caseId: k.id });
  return t(lang, 'intake.still_missing', {
    caseId: k.id,
    n: gaps.length,
    missing: describeGaps(lang, gaps)
      .map((l) => `\n- ${l}`)
      .join(''),
  });
}

type ShowIntake = Extract<Effect, { type: 'showIntake' }>;

/**
 * `status` or `why` typed during an intake: where the intake stands, and for `why` what the case
 * is and why it needs the intake (the check's outcome and reasons); for `status` what is still
 * missing, by section.
 */
export function describeIntakeFor(lang: Lang, k: CaseRecord, e: ShowIntake): string {
  const where = t(lang, 'intake.where', { caseId: k.id, progress: t(lang, 'engine.intake_progress', { ...e.progress }) });
  if (e.why) {
    const reasons = k.triage.reasons.map((r) => {
      const key = `reason.${r.id}`;
      return t(lang, 'intake.why_reason', { text: hasMessage(key) ? t(lang, key as MessageKey) : r.id, citation: renderCitation(lang, r.citation) });
    });
    return [t(lang, 'intake.why_case', { caseId: k.id, outcome: outcomeTitle(lang, k.triage.outcome) }), ...reasons, t(lang, 'intake.why_purpose'), where].join(
      '\n',
    );
  }
  const gaps = intakeGaps(k);
  if (gaps.length === 0) return [where, t(lang, 'intake.complete', { caseId: k.id })].join('\n');
  const bySection = new Map<string, number>();
  for (const g of gaps) bySection.set(formTitle(lang, g.form), (bySection.get(formTitle(lang, g.form)) ?? 0) + 1);
  const sections = [...bySection].map(([section, n]) => t(lang, 'intake.section_count', { section, n })).join(t(lang, 'engine.list_separator'));
  return [where, t(lang, 'intake.missing_by_section', { n: gaps.length, sections })].join('\n');
}

/** A form of the case with what it has saved; an existing line item's form can also remove the item. */
export function caseForm(deps: BotDeps, k: CaseRecord, form: string, lang: Lang): Form | null {
  const key = concreteForm(k, form);
  const flow = flowFor(deps, k, key);
  if (!flow) return null;
  const shown = formOf(flow, lang, k.intake[key] ?? {}, k.id, key);
  if (itemNumber(key) === null) return shown;
  const fields =
    k.intake[key] && lineItemKeys(k.intake).includes(key)
      ? [
          ...shown.fields,
          {
            id: REMOVE_FIELD,
            label: t(lang, 'intake.item.remove.label'),
            shownLabel: t(lang, 'intake.item.remove.label'),
            input: 'choice' as const,
            required: false,
            choices: [{ id: REMOVE_FIELD, label: t(lang, 'intake.item.remove.choice') }],
          },
        ]
      : shown.fields;
  // The item's number in the Slack title too ("Line item 2 · RB-XXXXXX" fits its 24 characters).
  return { ...shown, title: formTitle(lang, key), shortTitle: t(lang, 'intake.short_title', { title: formTitle(lang, key), caseId: k.id }), fields };
}

type Loaded = { ok: true; person: Person; record: CaseRecord; flow: Flow; form: string; lang: Lang } | { ok: false; message: string; lang: Lang };

async function load(deps: BotDeps, req: FormRequest): Promise<Loaded> {
  const person = deps.resolvePerson(req.platform, req.userId);
  const stored = await deps.store.getPerson(person.key);
  // A case the person may not see is no case: not even its language may show in the answer.
  const record = await getVisibleCase(deps.store, person, req.caseId);
  const lang = resolveLang({ chosen: stored?.lang, directory: person.lang, conversation: record?.lang });
  if (!record) return { ok: false, message: noVisibleCase(lang, req.caseId), lang };
  const form = concreteForm(record, req.form);
  const flow = flowFor(deps, record, form);
  if (!flow) return { ok: false, message: t(lang, 'platform.unknown_form', { caseId: req.caseId, form: req.form }), lang };
  if (!can(person, 'edit_intake', record)) return { ok: false, message: t(lang, 'platform.not_allowed'), lang };
  if (!mayEditIntake(person, record)) {
    return { ok: false, message: describeLifecycleError(lang, record.id, { type: 'wrong_status', status: record.status, allowed: INTAKE_EDITABLE }), lang };
  }
  return { ok: true, person, record, flow, form, lang };
}

export async function openForm(deps: BotDeps, req: FormRequest): Promise<OpenFormResult> {
  const l = await load(deps, req);
  if (!l.ok) return l;
  return { ok: true, form: caseForm(deps, l.record, l.form, l.lang)!, lang: l.lang };
}

/** Valid fields are saved (with an audit row each) even when others need a fix. */
export async function submitForm(deps: BotDeps, req: FormSubmission): Promise<SubmitFormResult> {
  const r = await retryOnConflict(async (): Promise<SubmitFormResult | 'conflict'> => {
    const l = await load(deps, req);
    if (!l.ok) return { ok: false, message: l.message, lang: l.lang, errors: {} };
    const { person, flow, lang, form } = l;
    let record = l.record;
    let added: Warning[] = [];
    const now = deps.clock();
    const at = now.toISOString();
    const before = record.intake[form] ?? {};
    const title = formTitle(lang, form);
    const savedItem = itemNumber(form) !== null && record.intake[form] !== undefined;
    const removing = savedItem && req.values[REMOVE_FIELD] === REMOVE_FIELD;
    const { values, errors, warnings, refused } = removing
      ? { values: {}, errors: {}, warnings: [], refused: false }
      : applyForm(flow, lang, req.values, deps.nlu, checkContextFor(deps, before, now));
    // A list or an object in any field (the remove choice of a saved item too): nothing of the submission is kept, not even its event id.
    const removeShape = savedItem ? notOneValue(lang, req.values[REMOVE_FIELD]) : null;
    if (refused || removeShape) {
      const all = removeShape ? { ...errors, [REMOVE_FIELD]: removeShape } : errors;
      return { ok: false, message: t(lang, 'intake.form_refused', { form: title, caseId: record.id }), lang, errors: all };
    }
    const changed = Object.entries(values).filter(([k]) => JSON.stringify(before[k] ?? null) !== JSON.stringify(values[k] ?? null));
    if (changed.length > 0 || removing || req.eventId) {
      const intake = { ...record.intake };
      if (removing) delete intake[form];
      else intake[form] = { ...before, ...Object.fromEntries(changed) };
      let next: CaseRecord = { ...record, intake, updatedAt: at };
      const audit: AuditEntry[] = removing
        ? [auditEntry(record.id, at, person.key, `intake.${form}.removed`, before, null)]
        : changed.map(([field, value]) => auditEntry(record.id, at, person.key, `intake.${form}.${field}`, before[field] ?? null, value));
      let reminders: NewReminder[] = [];
      // A declared supplier or product on the watchlist adds its warning to the case.
      if (deps.watchlist && changed.some(([field]) => declaresWhatIsBought(form, field))) {
        const watched = rewatchCase(next, deps.watchlist, person.key, at);
        next = watched.case;
        audit.push(...watched.audit);
        added = watched.added;
      }
      // The first saved field starts the intake: the lifecycle moves the case and tells the requester.
      if ((changed.length > 0 || removing) && next.status === 'open') {
        const started = applyCaseAction(next, { type: 'start_intake' }, person, now);
        if (started.ok) {
          next = started.value.case;
          audit.push(...started.value.audit);
          reminders = noticeRows(started.value.notices);
        }
      }
      const updates = changed.length || removing ? [{ case: next, expectedUpdatedAt: record.updatedAt }] : [];
      const saved = await deps.store.saveCases({ updates, audit, reminders, ...(req.eventId ? { eventId: req.eventId } : {}) });
      if (saved === 'conflict') return 'conflict';
      if (saved === 'duplicate') return { ok: true, message: t(lang, 'intake.saved', { n: 0, form: title, caseId: record.id }), lang };
      record = next;
    }
    const said = removing
      ? t(lang, 'intake.item.removed', { item: title, caseId: record.id })
      : t(lang, 'intake.saved', { n: changed.length, form: title, caseId: record.id });
    // A supplier or product the intake declares that is on the watchlist: told with its source.
    const watched = added.length
      ? [
          t(lang, 'watchlist.added', { caseId: record.id }),
          ...added.map((w) => t(lang, 'engine.why_warning', { text: warningText(lang, w), source: w.source })),
        ].join('\n')
      : '';
    const told = [said, ...warnings, ...(watched ? [watched] : [])].join(' ');
    if (Object.keys(errors).length > 0) return { ok: false, message: `${told} ${t(lang, 'intake.fix_fields')}`, lang, errors };
    const following = nextOpenForm(record);
    const nextForm = following && following !== form ? caseForm(deps, record, following, lang) : null;
    return nextForm ? { ok: true, message: told, lang, next: nextForm } : { ok: true, message: `${told} ${intakeStatus(lang, record)}`, lang };
  });
  if (r !== 'conflict') return r;
  const lang = resolveLang({ directory: deps.resolvePerson(req.platform, req.userId).lang });
  return { ok: false, message: t(lang, 'platform.something_wrong'), lang, errors: {} };
}
