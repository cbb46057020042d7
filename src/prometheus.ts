import client from 'prom-client';
import { CASE_STATUSES, type CaseStatus } from './domain/index.js';
import type { Metrics } from './runtime/index.js';

// GET /metrics for `serve`: one registry per server (no prom-client global), the Metrics the
// runtime reports into, and the open-case gauge read from the store at scrape time.

export type Prometheus = {
  metrics: Metrics;
  /** Where the open-case gauge reads its numbers at each scrape (the store, once it is open). */
  countCasesWith(count: () => Promise<Partial<Record<CaseStatus, number>>>): void;
  contentType: string;
  render(): Promise<string>;
};

const OPEN: readonly CaseStatus[] = CASE_STATUSES.filter((s) => s !== 'closed' && s !== 'withdrawn');
// Turns take about a millisecond on SQLite and a few on PostgreSQL; acks must stay far below Slack's 3 s.
const SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function createPrometheus(): Prometheus {
  const registry = new client.Registry();
  const registers = [registry];
  client.collectDefaultMetrics({ register: registry, prefix: 'review_bot_process_' });

  const turns = new client.Counter({
    name: 'review_bot_turns_total',
    help: 'Turns handled, by platform and outcome',
    labelNames: ['platform', 'outcome'],
    registers,
  });
  const turnSeconds = new client.Histogram({
    name: 'review_bot_turn_duration_seconds',
    help: 'Time for one turn (engine and store, before sending)',
    labelNames: ['platform'],
    buckets: SECONDS,
    registers,
  });
  const acks = new client.Counter({
    name: 'review_bot_acks_total',
    help: 'Platform requests answered, by platform and HTTP status',
    labelNames: ['platform', 'status'],
    registers,
  });
  const ackSeconds = new client.Histogram({
    name: 'review_bot_ack_duration_seconds',
    help: 'Time to answer a platform request (Slack: the ack)',
    labelNames: ['platform'],
    buckets: SECONDS,
    registers,
  });
  const reminders = new client.Counter({
    name: 'review_bot_reminders_total',
    help: 'Reminder deliveries: sent, failed (retried later), deferred (not reachable here), skipped (no longer true or unreadable)',
    labelNames: ['outcome'],
    registers,
  });
  const storeErrors = new client.Counter({
    name: 'review_bot_store_errors_total',
    help: 'Failed store calls, by StoreError code',
    labelNames: ['code'],
    registers,
  });
  const rejected = new client.Counter({
    name: 'review_bot_store_rejected_writes_total',
    help: 'Writes turned away: duplicate platform events, conflicting concurrent writers',
    labelNames: ['result'],
    registers,
  });
  // Every label exists from the start, so a rate over it is defined before the first event.
  for (const outcome of ['sent', 'failed', 'deferred', 'skipped']) reminders.inc({ outcome }, 0);
  for (const result of ['duplicate', 'conflict']) rejected.inc({ result }, 0);

  let count: (() => Promise<Partial<Record<CaseStatus, number>>>) | null = null;
  new client.Gauge({
    name: 'review_bot_open_cases',
    help: 'Cases not closed or withdrawn, by status (read from the store at scrape time)',
    labelNames: ['status'],
    registers,
    async collect() {
      if (!count) return;
      try {
        const counts = await count();
        for (const status of OPEN) this.set({ status }, counts[status] ?? 0);
      } catch {
        // The store is down: the failed read is already counted in review_bot_store_errors_total.
        this.reset();
      }
    },
  });

  return {
    metrics: {
      turn: (platform, outcome, seconds) => {
        turns.inc({ platform, outcome });
        turnSeconds.observe({ platform }, seconds);
      },
      ack: (platform, status, seconds) => {
        acks.inc({ platform, status: String(status) });
        ackSeconds.observe({ platform }, seconds);
      },
      reminder: (outcome) => reminders.inc({ outcome }),
      storeError: (code) => storeErrors.inc({ code }),
      storeRejected: (result) => rejected.inc({ result }),
    },
    countCasesWith: (fn) => {
      count = fn;
    },
    contentType: registry.contentType,
    render: () => registry.metrics(),
  };
}
