import type { Express } from 'express';
import type { Outbound } from '../engine/index.js';
import type { PersonRecord } from '../store/index.js';
import type { Platform } from './actor.js';

/**
 * What the shared HTTP server needs from a platform adapter (Slack, Teams). Adapters
 * translate only: payload -> Envelope / form submission, Outbound -> platform rendering.
 */
export type PlatformAdapter = {
  platform: Platform;
  /** Add this adapter's routes to the shared express app (DESIGN.md routes). */
  mount(app: Express): void | Promise<void>;
  /** Proactive delivery (reminders, status notices) to where the person was last seen. */
  deliver(person: PersonRecord, messages: Outbound[]): Promise<void>;
  close?(): Promise<void>;
};
