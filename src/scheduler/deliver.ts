import type { Logger, Metrics, PlatformAdapter, PresentedReminder } from '../runtime/index.js';
import type { Reminder, Store } from '../store/index.js';

export type SchedulerDeps = {
  store: Store;
  adapters: readonly PlatformAdapter[];
  clock: () => Date;
  log: Logger;
  /** Identifies this process in row claims; two schedulers on one database never deliver the same row. */
  owner: string;
  /** A reminder row as the messages its recipient gets now, in their language, or why it is not delivered (Bot.presentReminder). */
  present: (reminder: Reminder) => Promise<PresentedReminder>;
  leaseMs?: number;
  batch?: number;
  metrics?: Pick<Metrics, 'reminder'>;
};

export type TickResult = { claimed: number; sent: number; skipped: number; deferred: number; failed: number };

const RETRY_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000];

/**
 * One scan: claim due rows, deliver each through the adapter where the person was last seen,
 * then mark it sent. A row that is no longer true or cannot be read (the runtime says why) is
 * retired without a message, and the log says so. A failed delivery is released for a later retry
 * with backoff; a person with no reachable platform in this process (terminal users) keeps the
 * row for `review-bot cases`.
 */
export async function deliverDue(deps: SchedulerDeps): Promise<TickResult> {
  const now = deps.clock();
  const claimed = await deps.store.claimDueReminders(now.toISOString(), deps.owner, deps.leaseMs ?? 60_000, deps.batch ?? 100);
  const result: TickResult = { claimed: claimed.length, sent: 0, skipped: 0, deferred: 0, failed: 0 };
  const retryLater = async (reminder: Reminder) => {
    const wait = RETRY_MS[Math.min(reminder.attempts - 1, RETRY_MS.length - 1)] ?? RETRY_MS[0]!;
    await deps.store.releaseReminder(reminder.id, deps.owner, new Date(now.getTime() + wait).toISOString());
  };
  for (const reminder of claimed) {
    // Deliveries before this one took longer than the lease: the row may be another instance's now.
    if (reminder.claimedUntil && deps.clock().toISOString() >= reminder.claimedUntil) continue;
    try {
      const shown = await deps.present(reminder);
      if (shown.type === 'skip') {
        if (await deps.store.markReminderSent(reminder.id, deps.owner, deps.clock().toISOString())) result.skipped++;
        deps.metrics?.reminder('skipped');
        deps.log.info('reminder.skipped', { id: reminder.id, kind: reminder.kind, recipient: reminder.recipient, reason: shown.reason });
        continue;
      }
      const person = await deps.store.getPerson(reminder.recipient);
      const adapter = person?.platform ? deps.adapters.find((a) => a.platform === person.platform) : undefined;
      if (!person || !adapter) {
        // Not reachable from here (e.g. a terminal user): look again in an hour; `review-bot cases` shows it meanwhile.
        await deps.store.releaseReminder(reminder.id, deps.owner, new Date(now.getTime() + 3_600_000).toISOString());
        result.deferred++;
        deps.metrics?.reminder('deferred');
        continue;
      }
      await adapter.deliver(person, shown.messages, shown.lang);
      if (await deps.store.markReminderSent(reminder.id, deps.owner, deps.clock().toISOString())) result.sent++;
      deps.metrics?.reminder('sent');
    } catch (err) {
      await retryLater(reminder);
      deps.log.warn('reminder.delivery_failed', { id: reminder.id, recipient: reminder.recipient, attempts: reminder.attempts, err });
      result.failed++;
      deps.metrics?.reminder('failed');
    }
  }
  return result;
}
