import { INTAKE_FORMS } from '../../flows/index.js';
import {
  applyCaseAction, auditEntry, can, DECLARED_FIELDS, describeLifecycleError, INTAKE_EDITABLE, mayEditIntake, resolveLang, rewatchCase, warningText,
  type AuditEntry, type CaseRecord, type Person, type Warning,
} from '../domain/index.js';
import { applyForm, formOf, latestFlow, missingFields, type Flow } from '../engine/index.js';
import { t, type Lang } from '../i18n/index.js';
import type { NewReminder } from '../store/index.js';
import type { BotDeps, FormRequest, FormSubmission, OpenFormResult, SubmitFormResult } from './contract.js';
import { noticeRows } from './notices.js';
import { retryOnConflict } from './retry.js';

const flowFor = (deps: BotDeps, form: string): Flow | undefined => latestFlow(deps.registry, `intake.${form}`);

/** The first intake section (in the flows' order) with a required field still empty, or null when intake is complete. */
export function nextIncompleteForm(deps: BotDeps, k: CaseRecord): string | null {
  for (const form of INTAKE_FORMS) {
    const flow = flowFor(deps, form);
    if (flow && missingFields(flow, k.intake[form] ?? {}).length > 0) return form;
  }
  return null;
}

/** An intake section's title in the reader's language (its id when no flow has it). */
export function intakeFormTitle(deps: BotDeps, lang: Lang, form: string): string {
  const flow = flowFor(deps, form);
  return flow ? t(lang, flow.title) : form;
}

type Loaded = { ok: true; person: Person; record: CaseRecord; flow: Flow; lang: Lang } | { ok: false; message: string; lang: Lang };

async function load(deps: BotDeps, req: FormRequest): Promise<Loaded> {
  const person = deps.resolvePerson(req.platform, req.userId);
  const stored = await deps.store.getPerson(person.key);
  const record = await deps.store.getCase(req.caseId);
  const lang = resolveLang({ chosen: stored?.lang, directory: person.lang, conversation: record?.lang });
  if (!record) return { ok: false, message: t(lang, 'platform.unknown_case', { caseId: req.caseId }), lang };
  const flow = flowFor(deps, req.form);
  if (!flow) return { ok: false, message: t(lang, 'platform.unknown_case', { caseId: `${req.caseId}/${req.form}` }), lang };
  if (!can(person, 'edit_intake', record)) return { ok: false, message: t(lang, 'platform.not_allowed'), lang };
  if (!mayEditIntake(person, record)) {
    return { ok: false, message: describeLifecycleError(lang, record.id, { type: 'wrong_status', status: record.status, allowed: INTAKE_EDITABLE }), lang };
  }
  return { ok: true, person, record, flow, lang };
}

export async function openForm(deps: BotDeps, req: FormRequest): Promise<OpenFormResult> {
  const l = await load(deps, req);
  if (!l.ok) return l;
  return { ok: true, form: formOf(l.flow, l.lang, l.record.intake[req.form] ?? {}, l.record.id), lang: l.lang };
}

/** Valid fields are saved (with an audit row each) even when others need a fix. */
export async function submitForm(deps: BotDeps, req: FormSubmission): Promise<SubmitFormResult> {
  const r = await retryOnConflict(async (): Promise<SubmitFormResult | 'conflict'> => {
    const l = await load(deps, req);
    if (!l.ok) return { ok: false, message: l.message, lang: l.lang, errors: {} };
    const { person, flow, lang } = l;
    let record = l.record;
    let added: Warning[] = [];
    const { values, errors } = applyForm(flow, lang, req.values, deps.nlu);
    const before = record.intake[req.form] ?? {};
    const changed = Object.entries(values).filter(([k, v]) => JSON.stringify(before[k] ?? null) !== JSON.stringify(v ?? null));
    const now = deps.clock();
    const at = now.toISOString();
    if (changed.length > 0 || req.eventId) {
      let next: CaseRecord = { ...record, intake: { ...record.intake, [req.form]: { ...before, ...Object.fromEntries(changed) } }, updatedAt: at };
      const audit: AuditEntry[] = changed.map(([field, value]) => auditEntry(record.id, at, person.key, `intake.${req.form}.${field}`, before[field] ?? null, value));
      let reminders: NewReminder[] = [];
      // A declared supplier or product on the watchlist adds its warning to the case.
      if (req.form === 'declaration' && deps.watchlist && changed.some(([field]) => (DECLARED_FIELDS as readonly string[]).includes(field))) {
        const watched = rewatchCase(next, deps.watchlist, person.key, at);
        next = watched.case;
        audit.push(...watched.audit);
        added = watched.added;
      }
      // The first saved field starts the intake: the lifecycle moves the case and tells the requester.
      if (changed.length > 0 && next.status === 'open') {
        const started = applyCaseAction(next, { type: 'start_intake' }, person, now);
        if (started.ok) {
          next = started.value.case;
          audit.push(...started.value.audit);
          reminders = noticeRows(started.value.notices);
        }
      }
      const saved = await deps.store.saveCases({ updates: changed.length ? [{ case: next, expectedUpdatedAt: record.updatedAt }] : [], audit, reminders, ...(req.eventId ? { eventId: req.eventId } : {}) });
      if (saved === 'conflict') return 'conflict';
      if (saved === 'duplicate') return { ok: true, message: t(lang, 'intake.saved', { n: 0, form: t(lang, flow.title), caseId: record.id }), lang };
      record = next;
    }
    const warned = added.length
      ? ` ${[t(lang, 'watchlist.added', { caseId: record.id }), ...added.map((w) => t(lang, 'engine.why_warning', { text: warningText(lang, w), source: w.source }))].join('\n')}`
      : '';
    const saved = `${t(lang, 'intake.saved', { n: changed.length, form: t(lang, flow.title), caseId: record.id })}${warned}`;
    if (Object.keys(errors).length > 0) return { ok: false, message: `${saved} ${t(lang, 'intake.fix_fields')}`, lang, errors };
    const following = nextIncompleteForm(deps, record);
    const nextFlow = following && following !== req.form ? flowFor(deps, following) : undefined;
    return nextFlow ? { ok: true, message: saved, lang, next: formOf(nextFlow, lang, record.intake[following!] ?? {}, record.id) } : { ok: true, message: saved, lang };
  });
  if (r !== 'conflict') return r;
  const lang = resolveLang({ directory: deps.resolvePerson(req.platform, req.userId).lang });
  return { ok: false, message: t(lang, 'platform.something_wrong'), lang, errors: {} };
}
