/**
 * What the running bot reports for operations. `serve` passes a Prometheus implementation
 * (src/prometheus.ts); everything else gets `noMetrics`. Passed in deps: no global registry.
 */
export type Metrics = {
  /** A turn through Bot.handle finished ('ok'), was a repeated platform event ('duplicate') or threw ('failed'), after `seconds`. */
  turn(platform: string, outcome: 'ok' | 'duplicate' | 'failed', seconds: number): void;
  /** A platform request was answered: for Slack that is the ack, for Teams the turn's response. */
  ack(platform: string, status: number, seconds: number): void;
  /**
   * A reminder was delivered, failed (retried later), deferred (nobody here can reach the person)
   * or skipped (no longer true, e.g. acknowledged, or unreadable: retired without a message).
   */
  reminder(outcome: 'sent' | 'failed' | 'deferred' | 'skipped'): void;
  /** A store call failed with this StoreError code. */
  storeError(code: string): void;
  /** A write was turned away: a repeated platform event ('duplicate') or a concurrent writer ('conflict'). */
  storeRejected(result: 'duplicate' | 'conflict'): void;
};

export const noMetrics: Metrics = {
  turn: () => {},
  ack: () => {},
  reminder: () => {},
  storeError: () => {},
  storeRejected: () => {},
};
