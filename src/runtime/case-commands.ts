import type { CaseRecord } from '../domain/case.js';
import type { CaseCommand } from '../domain/case-commands.js';
import { caseDeadlines } from '../domain/deadlines.js';
import { applyCaseAction, describeLifecycleError } from '../domain/lifecycle.js';
import { can } from '../domain/permissions.js';
import { begin, formOf, latestFlow, type Outbound } from '../engine/index.js';
import { t, type MessageKey } from '../i18n/index.js';
import type { Lang } from '../i18n/lang.js';
import type { NewReminder } from '../store/index.js';
import type { Actor } from './actor.js';
import type { BotDeps, Envelope } from './bot.js';
import { nextIncompleteForm } from './intake.js';

const status = (lang: Lang, s: string) => t(lang, `status.${s}` as MessageKey);
const info = (text: string): Outbound => ({ type: 'info', text });
const err = (text: string): Outbound => ({ type: 'error', step: '', text });

/** The requester hears about every status change, through the scheduler (row, not timer). */
const statusNotice = (k: CaseRecord, at: string): NewReminder => ({
  dedupeKey: `status:${k.id}:${k.status}:${at}`, caseId: k.id, recipient: k.requester, kind: 'status_changed', dueAt: at, payload: { status: k.status },
});

/** Run a case command ("assign RB-… ann", "submitted RB-… 2026-03-02", "intake RB-…"): domain decides, store records. */
export async function runCaseCommand(deps: BotDeps & { intakeTargetWorkingDays?: number }, env: Envelope, actor: Actor, cmd: CaseCommand, lang: Lang, conversation: string): Promise<Outbound[]> {
  const k = await deps.store.getCase(cmd.caseId);
  if (!k) return [err(t(lang, 'cases.unknown', { caseId: cmd.caseId }))];
  const now = deps.clock();
  const action = cmd.action;
  if (action.type === 'show') {
    if (!can(actor, 'view', k)) return [err(t(lang, 'cases.not_allowed', { caseId: k.id }))];
    const lines = [t(lang, 'cases.show', {
      id: k.id, outcome: t(lang, `decision.${k.triage.outcome}.title` as MessageKey), status: status(lang, k.status),
      requester: k.requester, team: k.team ?? '—', analyst: k.analyst ?? '—', summary: k.summary || '—',
    })];
    const d = caseDeadlines(k, { intakeTargetWorkingDays: deps.intakeTargetWorkingDays ?? 5 });
    if (d.ok) for (const x of d.value) lines.push(t(lang, 'cases.deadline', { due: x.due, kind: t(lang, `pack.deadline.${x.kind}` as MessageKey), basis: x.basis }));
    return [info(lines.join('\n'))];
  }
  if (action.type === 'intake') {
    if (!can(actor, 'edit_intake', k)) return [err(t(lang, 'cases.not_allowed', { caseId: k.id }))];
    const form = nextIncompleteForm(deps, k);
    if (!form) return [info(t(lang, 'cases.intake_complete', { caseId: k.id }))];
    const flow = latestFlow(deps.registry, `intake.${form}`)!;
    if (env.forms) return [{ type: 'form', form: formOf(flow, lang, k.intake[form] ?? {}, k.id) }];
    // Field by field in chat: an intake conversation on the case, resuming at the first empty field.
    const stored = await deps.store.loadConversation(conversation);
    const started = begin({ now, registry: deps.registry, nlu: deps.nlu, startFlow: 'triage', newCaseId: deps.newCaseId, preferredLang: lang },
      flow, { lang, caseId: k.id, answers: k.intake[form] ?? {}, savedFor: k.intake });
    const moved = k.status === 'open' ? applyCaseAction(k, { type: 'start_intake' }, actor, now) : null;
    const r = await deps.store.commitTurn({
      conversation, expectedRev: stored.rev, state: started.state,
      ...(moved?.ok ? { caseUpdates: [{ case: moved.value.case, expectedUpdatedAt: k.updatedAt }], audit: moved.value.audit, reminders: [statusNotice(moved.value.case, now.toISOString())] } : {}),
      ...(env.eventId ? { eventId: env.eventId } : {}),
    });
    if (r !== 'ok') return r === 'duplicate' ? [] : [err(t(lang, 'cases.conflict', { caseId: k.id }))];
    return started.out;
  }
  const analyst = action.type === 'assign' && ['me', '我', 'self'].includes(action.analyst.toLowerCase()) ? actor.key : undefined;
  const r = applyCaseAction(k, analyst ? { type: 'assign', analyst } : action, actor, now);
  if (!r.ok) return [err(describeLifecycleError(lang, k.id, r.error))];
  const next = r.value.case;
  const notices = next.status !== k.status ? [statusNotice(next, now.toISOString())] : [];
  const saved = await deps.store.saveCases([{ case: next, expectedUpdatedAt: k.updatedAt }], r.value.audit, notices, env.eventId);
  if (saved === 'duplicate') return [];
  if (saved === 'conflict') return [err(t(lang, 'cases.conflict', { caseId: k.id }))];
  const what = action.type === 'comment' ? t(lang, 'cases.done.comment')
    : next.status !== k.status ? t(lang, 'cases.done.status', { from: status(lang, k.status), to: status(lang, next.status) })
    : t(lang, 'cases.done.assign', { analyst: next.analyst ?? '—' });
  return [info(t(lang, 'cases.done', { caseId: k.id, what }))];
}
