import { z } from 'zod';
import type { StoreLocation } from './store/index.js';

/** Environment -> typed configuration (DESIGN.md, Configuration and routes). */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  REVIEW_BOT_DB: z.string().min(1).default('./data/review-bot.sqlite'),
  REVIEW_BOT_DURABILITY: z.enum(['normal', 'full']).default('normal'),
  DATABASE_URL: z.string().refine(isPostgresUrl, { message: 'expected postgres://user:password@host:port/database' }).optional(),
  REVIEW_BOT_PG_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  REVIEW_BOT_SHUTDOWN_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  REVIEW_BOT_REMINDER_SCAN_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  REVIEW_BOT_REMINDER_LEASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  REVIEW_BOT_DIRECTORY: z.string().min(1).optional(),
  REVIEW_BOT_CALENDAR: z.string().min(1).optional(),
  REVIEW_BOT_WATCHLIST: z.string().min(1).optional(),
  REVIEW_BOT_INTAKE_TARGET_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  REVIEW_BOT_INSECURE_LOCAL: z.string().optional(),
  REVIEW_BOT_LOG: z.enum(['info', 'warn', 'silent']).default('info'),
  SLACK_BOT_TOKEN: z.string().min(1).optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_API_URL: z.string().url().optional(),
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', { message: 'expected an app-level token (xapp-…)' }).optional(),
  MICROSOFT_APP_ID: z.string().min(1).optional(),
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
  MICROSOFT_APP_TENANT_ID: z.string().min(1).optional(),
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
});

/** postgres:// or postgresql:// with a host; the message never echoes the URL (it may hold a password). */
function isPostgresUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname !== '';
  } catch {
    return false;
  }
}

export type Config = {
  port: number;
  /** SQLite at REVIEW_BOT_DB unless DATABASE_URL names a PostgreSQL database. */
  store: StoreLocation;
  /** How long SIGTERM waits for in-flight turns and reminder deliveries before giving up. */
  shutdownMs: number;
  reminders: { scanMs: number; leaseMs: number };
  directoryPath: string | null;
  /** The operator's holiday calendar file (REVIEW_BOT_CALENDAR), for years the package does not cover yet. */
  calendarPath: string | null;
  /** The operator's own watchlist entries (REVIEW_BOT_WATCHLIST), added to the ones the project ships. */
  watchlistPath: string | null;
  intakeTargetWorkingDays: number;
  logLevel: 'info' | 'warn' | 'silent';
  /**
   * Over HTTP (POST /slack/events, requests signed with the signing secret), or over Socket Mode
   * when an app-level token is set (Slack is reached by an outgoing WebSocket: no public endpoint).
   */
  slack: { botToken: string; signingSecret: string | null; appToken: string | null; apiUrl: string | null } | null;
  teams: { appId: string | null; appPassword: string | null; tenantId: string | null; appType: string | null; insecureLocal: boolean } | null;
};

export type ConfigResult = { ok: true; value: Config } | { ok: false; error: string };

export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  // Empty variables count as unset, the way shells and .env files usually mean them.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `invalid configuration: ${issue.path.join('.')}: ${issue.message}` };
  }
  const e = parsed.data;
  const slackReceives = !!e.SLACK_SIGNING_SECRET || !!e.SLACK_APP_TOKEN;
  if (!!e.SLACK_BOT_TOKEN !== slackReceives) {
    return { ok: false, error: 'invalid configuration: Slack needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)' };
  }
  const insecureLocal = e.REVIEW_BOT_INSECURE_LOCAL === '1';
  const teamsWanted = !!e.MICROSOFT_APP_ID || insecureLocal;
  if (e.MICROSOFT_APP_ID && !e.MICROSOFT_APP_PASSWORD && e.MICROSOFT_APP_TYPE !== 'UserAssignedMSI') {
    return { ok: false, error: 'invalid configuration: MICROSOFT_APP_ID is set but MICROSOFT_APP_PASSWORD is missing' };
  }
  return {
    ok: true,
    value: {
      port: e.PORT,
      store: e.DATABASE_URL
        ? { type: 'postgres', url: e.DATABASE_URL, poolSize: e.REVIEW_BOT_PG_POOL_SIZE }
        : { type: 'sqlite', path: e.REVIEW_BOT_DB, durability: e.REVIEW_BOT_DURABILITY },
      shutdownMs: e.REVIEW_BOT_SHUTDOWN_MS,
      reminders: { scanMs: e.REVIEW_BOT_REMINDER_SCAN_MS, leaseMs: e.REVIEW_BOT_REMINDER_LEASE_MS },
      directoryPath: e.REVIEW_BOT_DIRECTORY ?? null,
      calendarPath: e.REVIEW_BOT_CALENDAR ?? null,
      watchlistPath: e.REVIEW_BOT_WATCHLIST ?? null,
      intakeTargetWorkingDays: e.REVIEW_BOT_INTAKE_TARGET_DAYS,
      logLevel: e.REVIEW_BOT_LOG,
      slack:
        e.SLACK_BOT_TOKEN && slackReceives
          ? { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET ?? null, appToken: e.SLACK_APP_TOKEN ?? null, apiUrl: e.SLACK_API_URL ?? null }
          : null,
      teams: teamsWanted
        ? {
            appId: e.MICROSOFT_APP_ID ?? null,
            appPassword: e.MICROSOFT_APP_PASSWORD ?? null,
            tenantId: e.MICROSOFT_APP_TENANT_ID ?? null,
            appType: e.MICROSOFT_APP_TYPE ?? null,
            insecureLocal,
          }
        : null,
    },
  };
}
