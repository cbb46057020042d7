import { randomUUID } from 'node:crypto';
import { shanghaiDate, type DeadlineSettings } from '../domain/index.js';
import type { Logger, PlatformAdapter } from '../runtime/index.js';
import type { Store } from '../store/index.js';
import { deliverDue } from './deliver.js';
import { planDueReminders } from './plan.js';
import { renderReminder } from './render.js';

export { deliverDue, type SchedulerDeps, type TickResult } from './deliver.js';
export { planCaseReminders, planDueReminders, sweepCase, type CaseSweep, type PlanDeps } from './plan.js';
export { renderReminder } from './render.js';

export type Scheduler = { tick(): Promise<void>; stop(): void };

/**
 * The reminder loop of a serving process. The interval only wakes it up: what is due and who
 * sent what lives in the store, so restarts and a second instance change nothing.
 */
export function startScheduler(deps: { store: Store; adapters: readonly PlatformAdapter[]; clock: () => Date; log: Logger; deadlines: DeadlineSettings; everyMs?: number }): Scheduler {
  const owner = `scheduler-${randomUUID()}`;
  let plannedFor = '';
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const now = deps.clock();
      const today = shanghaiDate(now);
      if (today !== plannedFor) {
        const added = await planDueReminders(deps, now);
        plannedFor = today;
        if (added) deps.log.info('reminders.planned', { added, day: today });
      }
      const r = await deliverDue({ store: deps.store, adapters: deps.adapters, clock: deps.clock, log: deps.log, owner, render: renderReminder });
      if (r.claimed) deps.log.info('reminders.delivered', { ...r });
    } catch (err) {
      deps.log.error('reminders.tick_failed', { err });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), deps.everyMs ?? 30_000);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
