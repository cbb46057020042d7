import { webApi } from '@slack/bolt';
import { parseLang, type Lang } from '../../src/i18n/index.js';
import type { Logger } from '../../src/runtime/index.js';

// The one Slack Web API client of the adapter: base URL (SLACK_API_URL), retries with backoff for
// 429 (Retry-After) and 5xx/network failures, every retry logged, the bot identity asked once.

export type RetryPolicy = { retries: number; minTimeout: number; maxTimeout: number };
/** Rides out 429s and 5xx for about a minute (1 s, 2 s, 4 s, … capped at 30 s, plus any Retry-After). */
export const DEFAULT_RETRY: RetryPolicy = { retries: 5, minTimeout: 1000, maxTimeout: 30_000 };

export type BotIdentity = { botUserId?: string; botId?: string; teamId?: string };

export type SlackWeb = {
  client: webApi.WebClient;
  /** What auth.test said about the bot, once it has answered; `{}` before. Never waits on the network. */
  known(): BotIdentity;
  /** Ask auth.test (again, if it has not answered yet). Failures are logged, not thrown. */
  refreshIdentity(): Promise<BotIdentity>;
  /** The DM channel between the bot and a person (conversations.open). */
  openDm(user: string): Promise<string>;
  /** The language of the person's Slack client (users.info), when it is one of ours; failures are logged. */
  localeOf(user: string): Promise<Lang | undefined>;
  /** A shared file's bytes from its `url_private`, with the bot token; only from Slack's file host (or the configured API host). */
  download(url: string): Promise<Uint8Array>;
};

/** Slack answered, but with `ok: false` (e.g. channel_not_found): retrying will not help. */
export const platformError = (err: unknown): string | null => (err instanceof webApi.WebAPIPlatformError ? err.data.error : null);

export function createSlackWeb(config: { botToken: string; apiUrl: string | null }, log: Logger, retry: RetryPolicy = DEFAULT_RETRY): SlackWeb {
  const retryConfig = {
    retries: retry.retries,
    factor: 2,
    minTimeout: retry.minTimeout,
    maxTimeout: retry.maxTimeout,
    randomize: true,
    // p-retry (under WebClient) calls this after each failed attempt that it will retry or give up on.
    onFailedAttempt: (err: Error & { attemptNumber?: number; retriesLeft?: number }) => {
      log.warn('slack.api_retry', { attempt: err.attemptNumber, retriesLeft: err.retriesLeft, message: err.message });
    },
  };
  const client = new webApi.WebClient(config.botToken, {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/` } : {}),
    retryConfig,
    rejectRateLimitedCalls: false,
    // A hung connection is given up and retried (a retried post may rarely show twice; a lost one is worse).
    timeout: 15_000,
    logger: slackLogger(log, 'slack.web_api'),
  });
  client.on(webApi.WebClientEvent.RATE_LIMITED, (retryAfterSeconds: number, info: { url?: string }) => {
    log.warn('slack.rate_limited', {
      retryAfterSeconds,
      method: String(info?.url ?? '')
        .split('/')
        .pop(),
    });
  });

  let identity: BotIdentity = {};
  let asking: Promise<BotIdentity> | null = null;
  const refreshIdentity = () => {
    asking ??= client.auth
      .test()
      .then((r) => {
        identity = { ...(r.user_id ? { botUserId: r.user_id } : {}), ...(r.bot_id ? { botId: r.bot_id } : {}), ...(r.team_id ? { teamId: r.team_id } : {}) };
        return identity;
      })
      .catch((err: unknown) => {
        log.error('slack.auth_test_failed', { err, error: platformError(err) });
        asking = null; // ask again next time
        return identity;
      });
    return asking;
  };

  // The bot token goes only to Slack's own hosts: files.slack.com, or the API host configured (a proxy, the offline fake).
  const fileHosts = new Set(['files.slack.com', ...(config.apiUrl ? [new URL(config.apiUrl).host] : [])]);
  const download = async (url: string): Promise<Uint8Array> => {
    const u = new URL(url);
    if (!fileHosts.has(u.host)) throw new Error(`not a Slack file URL: ${u.host}`);
    const res = await fetch(u, { headers: { authorization: `Bearer ${config.botToken}` }, redirect: 'error', signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`file download answered ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };

  return {
    client,
    download,
    known: () => identity,
    refreshIdentity,
    localeOf: async (user) => {
      try {
        const r = await client.users.info({ user, include_locale: true });
        return parseLang((r.user as { locale?: string } | undefined)?.locale) ?? undefined;
      } catch (err) {
        log.warn('slack.locale_unknown', { user, error: platformError(err), err });
        return undefined;
      }
    },
    openDm: async (user) => {
      const r = await client.conversations.open({ users: user });
      const id = (r.channel as { id?: string } | undefined)?.id;
      if (!id) throw new Error(`conversations.open returned no channel for ${user}`);
      return id;
    },
  };
}

/** Bolt's and WebClient's own log lines, into ours at the levels that matter. */
export function slackLogger(log: Logger, event: string): webApi.Logger {
  let level = webApi.LogLevel.WARN;
  const text = (m: unknown[]) => m.map((x) => (x instanceof Error ? x.message : String(x))).join(' ');
  return {
    debug: () => {},
    info: () => {},
    warn: (...m: unknown[]) => log.warn(event, { message: text(m) }),
    error: (...m: unknown[]) => log.error(event, { message: text(m) }),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
