import type { AuditEntry, CaseRecord } from '../domain/case.js';
import { applyForm, findFlow, formOf, latestFlow, missingFields, type Flow } from '../engine/index.js';
import { t } from '../i18n/index.js';
import type { Actor } from './actor.js';
import type { BotDeps, FormRequest, FormSubmission, OpenFormResult, SubmitFormResult } from './bot.js';
import { mayEditIntake } from './access.js';

const INTAKE_ORDER = ['declaration', 'risk', 'commitments', 'materials'] as const;
const flowFor = (deps: BotDeps, form: string): Flow | undefined => latestFlow(deps.registry, `intake.${form}`);

/** The first intake section with a required field still empty, or null when intake is complete. */
export function nextIncompleteForm(deps: BotDeps, k: CaseRecord): string | null {
  for (const form of INTAKE_ORDER) {
    const flow = flowFor(deps, form);
    if (flow && missingFields(flow, k.intake[form] ?? {}).length > 0) return form;
  }
  return null;
}

type Loaded = { ok: true; actor: Actor; record: CaseRecord; flow: Flow } | { ok: false; message: string };

async function load(deps: BotDeps, req: FormRequest): Promise<Loaded> {
  const actor = deps.resolveActor(req.platform, req.userId);
  const person = await deps.store.getPerson(actor.key);
  const lang = person?.lang ?? actor.lang ?? 'en';
  const record = await deps.store.getCase(req.caseId);
  if (!record) return { ok: false, message: t(lang, 'platform.unknown_case', { caseId: req.caseId }) };
  const flow = flowFor(deps, req.form);
  if (!flow) return { ok: false, message: t(lang, 'platform.unknown_case', { caseId: `${req.caseId}/${req.form}` }) };
  if (!mayEditIntake(actor, record)) return { ok: false, message: t(lang, 'platform.not_allowed') };
  return { ok: true, actor, record, flow };
}

export async function openForm(deps: BotDeps, req: FormRequest): Promise<OpenFormResult> {
  const l = await load(deps, req);
  if (!l.ok) return l;
  const lang = (await deps.store.getPerson(l.actor.key))?.lang ?? l.record.lang;
  return { ok: true, form: formOf(l.flow, lang, l.record.intake[req.form] ?? {}, l.record.id) };
}

const MAX_RETRIES = 5;

/** Valid fields are saved (with an audit row each) even when others need a fix. */
export async function submitForm(deps: BotDeps, req: FormSubmission): Promise<SubmitFormResult> {
  for (let attempt = 0; ; attempt++) {
    const l = await load(deps, req);
    if (!l.ok) return { ok: false, message: l.message, errors: {} };
    const { actor, record, flow } = l;
    const lang = (await deps.store.getPerson(actor.key))?.lang ?? record.lang;
    const { values, errors } = applyForm(flow, lang, req.values, deps.nlu);
    const before = record.intake[req.form] ?? {};
    const changed = Object.entries(values).filter(([k, v]) => JSON.stringify(before[k] ?? null) !== JSON.stringify(v ?? null));
    const at = deps.clock().toISOString();
    if (changed.length > 0 || req.eventId) {
      const after = { ...before, ...Object.fromEntries(changed) };
      const next: CaseRecord = {
        ...record,
        intake: { ...record.intake, [req.form]: after },
        // Intake starts with the first saved field.
        status: record.status === 'open' ? 'intake' : record.status,
        updatedAt: at,
      };
      const audit: AuditEntry[] = changed.map(([field, value]) => ({
        caseId: record.id, at, actor: actor.key, action: `intake.${req.form}.${field}`, before: before[field] ?? null, after: value,
      }));
      if (record.status !== next.status) audit.push({ caseId: record.id, at, actor: actor.key, action: 'case.status', before: record.status, after: next.status });
      const r = await deps.store.saveCases(changed.length ? [{ case: next, expectedUpdatedAt: record.updatedAt }] : [], audit, [], req.eventId);
      if (r === 'conflict' && attempt < MAX_RETRIES) continue;
      if (r === 'duplicate') return { ok: true, message: t(lang, 'intake.saved', { n: 0, form: t(lang, flow.title), caseId: record.id }) };
      if (r === 'conflict') return { ok: false, message: t(lang, 'platform.something_wrong'), errors: {} };
      record.intake = next.intake;
    }
    const saved = t(lang, 'intake.saved', { n: changed.length, form: t(lang, flow.title), caseId: record.id });
    if (Object.keys(errors).length > 0) return { ok: false, message: `${saved} ${t(lang, 'intake.fix_fields')}`, errors };
    const following = nextIncompleteForm(deps, record);
    const nextFlow = following && following !== req.form ? findFlow(deps.registry, `intake.${following}`, flowFor(deps, following)!.version) : undefined;
    return nextFlow ? { ok: true, message: saved, next: formOf(nextFlow, lang, record.intake[following!] ?? {}, record.id) } : { ok: true, message: saved };
  }
}
