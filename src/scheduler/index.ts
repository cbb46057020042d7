import { createHash, randomUUID } from 'node:crypto';
import { shanghaiDate, type DeadlineSettings } from '../domain/index.js';
import type { Logger, Metrics, PlatformAdapter, PresentedReminder } from '../runtime/index.js';
import type { Reminder, Store } from '../store/index.js';
import { deliverDue } from './deliver.js';
import { planDueReminders } from './plan.js';

export { deliverDue, type SchedulerDeps, type TickResult } from './deliver.js';
export { planCaseReminders, planDueReminders, SWEEP_PAGE, sweepCase, type CaseSweep, type DigestPart, type PlanDeps } from './plan.js';

export type Scheduler = {
  tick(): Promise<void>;
  /** No more ticks; resolves once the tick in progress (its deliveries included) has finished. */
  stop(): Promise<void>;
};

export type SchedulerOptions = {
  store: Store;
  adapters: readonly PlatformAdapter[];
  clock: () => Date;
  log: Logger;
  deadlines: DeadlineSettings;
  /** A row as the messages its recipient gets (Bot.presentReminder). */
  present: (reminder: Reminder) => Promise<PresentedReminder>;
  everyMs?: number;
  /** Reminder claims last this long; a crashed instance's rows go to another after it. */
  leaseMs?: number;
  metrics?: Pick<Metrics, 'reminder'>;
  /** Identifies this process in row claims (default: a fresh id per scheduler). */
  owner?: string;
};

/** A planning sweep that has not finished by then is taken over by another instance. */
const PLAN_LEASE_MS = 15 * 60_000;

/**
 * Which deadline settings a sweep ran with. The day's run is claimed per settings: an instance
 * restarted with a new operator calendar sweeps again that day (re-dating the cases once), while
 * the instances still on the old one find their run done.
 */
function settingsFingerprint(d: DeadlineSettings): string {
  const c = d.calendar;
  return createHash('sha256')
    .update(JSON.stringify({ years: c.years, first: c.first, last: c.last, intake: d.intakeTargetWorkingDays }))
    .update(Buffer.from(c.table.workdays.buffer, c.table.workdays.byteOffset, c.table.workdays.byteLength))
    .digest('hex')
    .slice(0, 12);
}

/** The store key of one day's planning sweep with these settings. */
export const dailyPlanKey = (day: string, deadlines: DeadlineSettings): string => `plan:${day}:${settingsFingerprint(deadlines)}`;

/**
 * The reminder loop of a serving process. The interval only wakes it up: what is due, who sent
 * what and whether today's planning sweep was done live in the store, so restarts and any number
 * of instances on one database change nothing: one of them plans each day, each row is sent once.
 */
export function startScheduler(deps: SchedulerOptions): Scheduler {
  const owner = deps.owner ?? `scheduler-${randomUUID()}`;
  let plannedFor = ''; // a shortcut only: set once the store says today's run is done
  let running: Promise<void> | null = null;
  let stopped = false;

  const plan = async (now: Date) => {
    const today = shanghaiDate(now);
    if (today === plannedFor) return;
    const key = dailyPlanKey(today, deps.deadlines);
    const claim = await deps.store.claimRun(key, owner, now.toISOString(), PLAN_LEASE_MS);
    if (claim === 'done') plannedFor = today;
    if (claim !== 'claimed') return; // done, or another instance is on it
    const added = await planDueReminders(deps, now);
    await deps.store.finishRun(key, owner, deps.clock().toISOString());
    plannedFor = today;
    deps.log.info('reminders.planned', { added, day: today });
  };

  const once = async () => {
    try {
      await plan(deps.clock());
      const r = await deliverDue({
        store: deps.store,
        adapters: deps.adapters,
        clock: deps.clock,
        log: deps.log,
        owner,
        present: deps.present,
        ...(deps.leaseMs ? { leaseMs: deps.leaseMs } : {}),
        ...(deps.metrics ? { metrics: deps.metrics } : {}),
      });
      if (r.claimed) deps.log.info('reminders.delivered', { ...r });
    } catch (err) {
      deps.log.error('reminders.tick_failed', { err });
    }
  };
  const tick = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    running ??= once().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => void tick(), deps.everyMs ?? 30_000);
  timer.unref();
  return {
    tick,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
