import {
  acknowledgeDeadline,
  auditEntry,
  can,
  caseDeadlines,
  deadlineShortLabel,
  describeLifecycleError,
  describeWorkingDayErrorIn,
  INTAKE_EDITABLE,
  isAcknowledged,
  mayActOnReminder,
  mayEditIntake,
  nextWorkingDayAt,
  PLATFORMS,
  reminderRecipients,
  remindedDeadlines,
  resolveLang,
  shanghaiClock,
  shanghaiDate,
  type AuditEntry,
  type CaseRecord,
  type DueWhen,
  type Person,
  type Platform,
  type RemindedDeadline,
} from '../domain/index.js';
import { REMINDER_ACTIONS, type Outbound, type ReminderAction, type ReminderActionId } from '../engine/index.js';
import { formTitle } from '../../flows/index.js';
import { t, type Lang } from '../i18n/index.js';
import type { Reminder } from '../store/index.js';
import { caseView } from './case-view.js';
import type { ActReply, ActRequest, BotDeps, PendingReminders, PresentedReminder } from './contract.js';
import { caseForm, nextIncompleteForm } from './intake.js';
import { deadlineReminder, deadlineSnoozed, readReminder, reminderText, type ReminderOf, type ReminderTextContext, type TypedReminder } from './reminders.js';
import { retryOnConflict } from './retry.js';
import { getVisibleCase, noVisibleCase } from './visible-cases.js';

// Reminders as their recipients get them, and what their buttons do. Every decision is made here
// against the stored reminder and case, when the message is delivered and again when a button is
// clicked: which buttons a person gets (open the case if they may see it, the next intake form if
// they may edit it, acknowledge and snooze on their own deadline reminders), whether a deadline
// reminder is still true (the deadline still runs on that date, the person is still reminded of
// it, they have not acknowledged it), and when a snoozed reminder comes back.

/**
 * The person behind a key stored on a case or a reminder: the directory's entry; without one (or
 * for someone it does not list), the person the platform id in the key resolves to. Someone no
 * source knows holds no role.
 */
export function personByKey(deps: BotDeps, key: string): Person {
  const listed = deps.findPerson?.(key);
  if (listed) return listed;
  const colon = key.indexOf(':');
  const platform = PLATFORMS.find((p) => p === key.slice(0, colon));
  const candidates = platform ? [deps.resolvePerson(platform, key.slice(colon + 1))] : PLATFORMS.map((p) => deps.resolvePerson(p, key));
  return candidates.find((p) => p.key === key) ?? { key, name: key, team: null, teamLead: null, roles: [], lang: null };
}

const textContext = (deps: BotDeps, lang: Lang, now: Date): ReminderTextContext => ({
  lang,
  today: shanghaiDate(now),
  calendar: deps.deadlines.calendar,
  nameOf: (key) => personByKey(deps, key).name,
});

/** A deadline reminder that is no longer true is not delivered: why, or null when it still is. */
function staleness(deps: BotDeps, r: ReminderOf<'deadline'>, k: CaseRecord, today: string): Exclude<PresentedReminder, { type: 'send' }>['reason'] | null {
  if (!reminderRecipients(k).includes(r.recipient)) return 'not_recipient'; // reassigned, or the case got its lead
  const current = caseDeadlines(k, deps.deadlines);
  const p = r.payload;
  if (!current.ok || !current.value.some((d) => d.kind === p.kind && d.due === p.due)) return 'not_current'; // moved, ended, case closed
  if (p.outerBound && p.due < today) return 'not_current'; // an outer bound that passed is not overdue
  if (isAcknowledged(k, p, r.recipient)) return 'acknowledged';
  return null;
}

function actionsFor(deps: BotDeps, r: TypedReminder, person: Person, k: CaseRecord | null, lang: Lang): ReminderAction[] {
  if (r.kind === 'digest') {
    // The first few cases named, most urgent first; the rest are a `show RB-…` away.
    const ids = [...new Set([...r.payload.overdue, ...r.payload.dueThisWeek].map((i) => i.caseId))].slice(0, 5);
    return ids.map((caseId) => ({ id: 'open_case', label: t(lang, 'reminder.action.open_case_id', { caseId }), caseId, reminderId: r.id }));
  }
  if (!k) return [];
  const out: ReminderAction[] = [];
  const on = (id: ReminderActionId, label: string) => out.push({ id, label, caseId: k.id, reminderId: r.id });
  if (can(person, 'view', k)) on('open_case', t(lang, 'reminder.action.open_case'));
  const form = can(person, 'edit_intake', k) && mayEditIntake(person, k) ? nextIncompleteForm(deps, k) : null;
  if (form) on('open_form', t(lang, 'reminder.action.open_form', { form: formTitle(lang, form) }));
  if (r.kind === 'deadline' && mayActOnReminder(person, r.recipient, k)) {
    on('acknowledge', t(lang, 'reminder.action.acknowledge'));
    on('snooze', t(lang, 'reminder.action.snooze'));
  }
  return out;
}

/** A reminder row as its recipient gets it now, or why it is not delivered (logged here). */
export async function presentReminder(deps: BotDeps, row: Reminder): Promise<PresentedReminder> {
  const read = readReminder(row);
  if (!read.ok) {
    deps.log.warn('reminder.unreadable', { ...read.error, recipient: row.recipient });
    return { type: 'skip', reason: 'unreadable' };
  }
  const r = read.value;
  const now = deps.clock();
  const k = r.caseId ? await deps.store.getCase(r.caseId) : null;
  if (r.caseId && !k) return { type: 'skip', reason: 'no_case' };
  if (r.kind === 'deadline') {
    const why = staleness(deps, r, k!, shanghaiDate(now));
    if (why) return { type: 'skip', reason: why };
  }
  const person = personByKey(deps, r.recipient);
  const stored = await deps.store.getPerson(r.recipient);
  const lang = resolveLang({ chosen: stored?.lang, directory: person.lang, conversation: k && k.requester === r.recipient ? k.lang : null });
  const text = reminderText(r, textContext(deps, lang, now));
  return { type: 'send', lang, messages: [{ type: 'reminder', text, actions: actionsFor(deps, r, person, k, lang) }] };
}

/** What is waiting for a person (terminal users have no platform to deliver to), worded as the platforms show it. */
export async function pendingReminders(deps: BotDeps, platform: Platform, userId: string): Promise<PendingReminders> {
  const person = deps.resolvePerson(platform, userId);
  const lang = resolveLang({ chosen: (await deps.store.getPerson(person.key))?.lang, directory: person.lang });
  const now = deps.clock();
  const rows = await deps.store.pendingReminders(person.key, new Date(now.getTime() + 86_400_000).toISOString());
  const items: PendingReminders['items'] = [];
  for (const row of rows) {
    const shown = await presentReminder(deps, row);
    if (shown.type !== 'send') continue;
    const text = shown.messages.map((m) => ('text' in m ? m.text : '')).join('\n');
    items.push({ id: row.id, kind: row.kind, caseId: row.caseId, dueAt: row.dueAt, text });
  }
  return { lang, items };
}

const isAction = (a: string): a is ReminderActionId => (REMINDER_ACTIONS as readonly string[]).includes(a);

/**
 * A click on a reminder's button. Bad input (an unknown action, a reminder that does not exist)
 * is refused with a message and changes nothing; a repeated click (same event id) is a no-op;
 * rights are checked against the case as stored when the change is committed.
 */
export async function act(deps: BotDeps, req: ActRequest): Promise<ActReply> {
  const person = deps.resolvePerson(req.platform, req.userId);
  const lang = resolveLang({ chosen: (await deps.store.getPerson(person.key))?.lang, directory: person.lang, platform: req.lang });
  const recipient = { key: person.key, name: person.name, lang };
  const reply = (messages: Outbound[], settled: ActReply['settled'] = null): ActReply => ({ messages, lang, duplicate: false, settled, recipient });
  const refuse = (text: string) => reply([{ type: 'error', step: '', text }]);
  const duplicate: ActReply = { messages: [], lang, duplicate: true, settled: null, recipient };
  /** Reads record the click too, so a repeated one shows nothing twice. */
  const recordClick = async () => (req.eventId ? deps.store.saveCases({ eventId: req.eventId }) : ('ok' as const));

  if (!isAction(req.action)) return refuse(t(lang, 'reminder.unknown_action'));
  if (req.eventId && (await deps.store.hasEvent(req.eventId))) return duplicate;

  let reminder: TypedReminder | null = null;
  if (req.reminderId !== undefined) {
    const row = Number.isSafeInteger(req.reminderId) ? await deps.store.getReminder(req.reminderId) : null;
    const read = row ? readReminder(row) : null;
    if (read && !read.ok) deps.log.warn('reminder.unreadable', { ...read.error });
    if (!read?.ok) return refuse(t(lang, 'reminder.unknown'));
    reminder = read.value;
  }
  // Someone else's reminder about a case this person may not see is, to them, a reminder that does
  // not exist: neither it nor its case id is told (reminder ids are counted, so they can be guessed).
  if (reminder?.caseId && reminder.recipient !== person.key && !(await getVisibleCase(deps.store, person, reminder.caseId))) {
    return refuse(t(lang, 'reminder.unknown'));
  }
  // A case reminder acts on its own case, whatever the click says; a digest's button names one of its cases.
  const caseId = reminder?.caseId ?? req.caseId;
  if (!caseId) return refuse(t(lang, 'reminder.unknown'));
  const now = deps.clock();

  if (req.action === 'open_case' || req.action === 'open_form') {
    const k = await getVisibleCase(deps.store, person, caseId);
    if (!k) return refuse(noVisibleCase(lang, caseId));
    let shown: Outbound;
    if (req.action === 'open_case') {
      shown = caseView(deps, k, lang, now, req.platform, await deps.store.listAttachments(k.id));
    } else {
      if (!can(person, 'edit_intake', k)) return refuse(t(lang, 'cases.not_allowed', { caseId }));
      if (!mayEditIntake(person, k)) return refuse(describeLifecycleError(lang, k.id, { type: 'wrong_status', status: k.status, allowed: INTAKE_EDITABLE }));
      const form = nextIncompleteForm(deps, k);
      const next = form ? caseForm(deps, k, form, lang) : null;
      shown = next ? { type: 'form', form: next } : { type: 'info', text: t(lang, 'cases.intake_complete', { caseId }) };
    }
    return (await recordClick()) === 'duplicate' ? duplicate : reply([shown]);
  }

  if (reminder?.kind !== 'deadline') return refuse(t(lang, 'reminder.not_a_deadline'));
  const r = reminder;
  const p = r.payload;
  const text = () => reminderText(r, textContext(deps, lang, now));
  const named = { caseId, kind: deadlineShortLabel(lang, p.kind), due: p.due };
  const acknowledged = () => ({ text: text(), note: t(lang, 'reminder.settled.acknowledged') });

  const outcome = await retryOnConflict(async (): Promise<ActReply | 'conflict'> => {
    const k = await getVisibleCase(deps.store, person, caseId);
    if (!k) return refuse(noVisibleCase(lang, caseId));
    // The case is theirs to see: what is left to refuse is a reminder sent to someone else.
    if (!mayActOnReminder(person, r.recipient, k)) return refuse(t(lang, 'reminder.not_yours'));
    const at = now.toISOString();
    if (isAcknowledged(k, p, person.key)) {
      return (await recordClick()) === 'duplicate'
        ? duplicate
        : reply([{ type: 'info', text: t(lang, 'reminder.already_acknowledged', named) }], acknowledged());
    }
    if (req.action === 'acknowledge') {
      const done = acknowledgeDeadline(k, p, person.key, now)!;
      const saved = await deps.store.saveCases({
        updates: [{ case: done.case, expectedUpdatedAt: k.updatedAt }],
        audit: done.audit,
        ...(req.eventId ? { eventId: req.eventId } : {}),
      });
      if (saved !== 'ok') return saved === 'duplicate' ? duplicate : saved;
      return reply([{ type: 'info', text: t(lang, 'reminder.acknowledged', named) }], acknowledged());
    }
    // Snooze: the same reminder again on the next working day, at this time of day.
    const current = caseDeadlines(k, deps.deadlines);
    if (!current.ok || !current.value.some((d) => d.kind === p.kind && d.due === p.due)) return refuse(t(lang, 'reminder.no_longer_due', named));
    const next = nextWorkingDayAt(deps.deadlines.calendar, now);
    if (!next.ok) return refuse(describeWorkingDayErrorIn(lang, next.error));
    const until = next.value.at.toISOString();
    const audit = auditEntry(k.id, at, person.key, 'reminder.snoozed', null, { kind: p.kind, due: p.due, until });
    const saved = await deps.store.saveCases({
      audit: [audit],
      reminders: [deadlineSnoozed(r, next.value.date, until)],
      ...(req.eventId ? { eventId: req.eventId } : {}),
    });
    if (saved !== 'ok') return saved === 'duplicate' ? duplicate : saved;
    const when = {
      date: next.value.provisional ? t(lang, 'clock.provisional_date', { date: next.value.date }) : next.value.date,
      time: shanghaiClock(next.value.at),
    };
    return reply([{ type: 'info', text: t(lang, 'reminder.snoozed', when) }], { text: text(), note: t(lang, 'reminder.settled.snoozed', when) });
  });
  return outcome === 'conflict' ? refuse(t(lang, 'cases.conflict', { caseId })) : outcome;
}

/** When a reminder on a day `left` working days before the deadline says it is (its wording's fallback outside the calendar). */
const whenOf = (left: number): DueWhen => (left < 0 ? 'overdue' : left === 0 ? 'today' : left === 1 ? 'T-1' : 'T-3');

/**
 * "acknowledge RB-…" / "snooze RB-…" typed in chat: what the buttons do, without a reminder to
 * point at. Both act on the deadlines of the case a reminder to the person is about now
 * (reminder-rules.ts remindedDeadlines: overdue, or due within the reminder window), not on dates
 * months ahead; a snoozed one comes back on the next working day at this time. Checked against the
 * case as stored when the change is committed.
 */
export async function runReminderCommand(
  deps: BotDeps,
  person: Person,
  caseId: string,
  action: 'acknowledge' | 'snooze',
  lang: Lang,
  eventId?: string,
): Promise<Outbound[] | 'duplicate'> {
  const info = (text: string): Outbound => ({ type: 'info', text });
  const err = (text: string): Outbound => ({ type: 'error', step: '', text });
  const event = eventId ? { eventId } : {};
  const r = await retryOnConflict(async (): Promise<Outbound[] | 'duplicate' | 'conflict'> => {
    const k = await getVisibleCase(deps.store, person, caseId);
    if (!k) return [err(noVisibleCase(lang, caseId))];
    if (!reminderRecipients(k).includes(person.key)) return [err(t(lang, 'reminder.not_reminded', { caseId }))];
    const now = deps.clock();
    const current = caseDeadlines(k, deps.deadlines);
    const open = current.ok ? remindedDeadlines(deps.deadlines.calendar, k, current.value, person.key, shanghaiDate(now)) : current;
    if (!open.ok) return [err(describeWorkingDayErrorIn(lang, open.error))];
    const named = (o: RemindedDeadline) => ({ caseId, kind: deadlineShortLabel(lang, o.deadline.kind), due: o.deadline.due });
    const at = now.toISOString();
    const due = open.value.filter((o) => o.inReminderWindow);

    if (action === 'acknowledge') {
      if (!due.length) return [info(t(lang, 'reminder.nothing_to_acknowledge', { caseId }))];
      let next: CaseRecord = k;
      const audit: AuditEntry[] = [];
      for (const o of due) {
        const done = acknowledgeDeadline(next, o.deadline, person.key, now);
        if (done) {
          next = done.case;
          audit.push(...done.audit);
        }
      }
      const saved = await deps.store.saveCases({ updates: [{ case: next, expectedUpdatedAt: k.updatedAt }], audit, ...event });
      return saved === 'ok' ? due.map((o) => info(t(lang, 'reminder.acknowledged', named(o)))) : saved;
    }

    if (!due.length) return [info(t(lang, 'reminder.nothing_to_snooze', { caseId }))];
    const next = nextWorkingDayAt(deps.deadlines.calendar, now);
    if (!next.ok) return [err(describeWorkingDayErrorIn(lang, next.error))];
    const until = next.value.at.toISOString();
    // Under the key the next day's own reminder would have: where there is one, the two are one.
    const rows = due.map((o) =>
      deadlineReminder(k.id, person.key, { deadline: o.deadline, when: whenOf(o.left), overdueBy: Math.max(0, -o.left), day: next.value.date }, until),
    );
    const audit = due.map((o) => auditEntry(k.id, at, person.key, 'reminder.snoozed', null, { kind: o.deadline.kind, due: o.deadline.due, until }));
    const saved = await deps.store.saveCases({ audit, reminders: rows, ...event });
    if (saved !== 'ok') return saved;
    const when = {
      date: next.value.provisional ? t(lang, 'clock.provisional_date', { date: next.value.date }) : next.value.date,
      time: shanghaiClock(next.value.at),
    };
    return [info(t(lang, 'reminder.snoozed', when))];
  });
  return r === 'conflict' ? [err(t(lang, 'cases.conflict', { caseId }))] : r;
}
