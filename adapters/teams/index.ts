import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { Express } from 'express';
import type { Outbound } from '../../src/engine/index.js';
import { parseLang, t, type Lang } from '../../src/i18n/index.js';
import { createBodyGate, createWork, PlatformError, refuse, type Bot, type EdgeLimits, type Logger, type PlatformAdapter } from '../../src/runtime/index.js';
import type { PersonRecord } from '../../src/store/index.js';
import { reachable } from './address.js';
import { ReusingAuthentication } from './clients.js';
import { ANSWER_COMMITTED, ReviewBotHandler, send } from './handler.js';
import { readActivity } from './received.js';

// The Bot Framework SDK (botbuilder) is at end of support. Every botbuilder import lives in this
// folder, so a move to the Microsoft 365 Agents SDK changes adapters/teams/ and nothing else.

export type TeamsConfig = { appId: string | null; appPassword: string | null; tenantId: string | null; appType: string | null; insecureLocal: boolean };
export type TeamsAdapter = PlatformAdapter & {
  /** Resolves once every activity received so far has been handled, the replies sent after its answer included. */
  settled(): Promise<void>;
  close(): Promise<void>;
};

export type TeamsAdapterOptions = {
  config: TeamsConfig;
  bot: Bot;
  log: Logger;
  /** What an unauthenticated request may cost (body size, body deadline, bodies read at once); TEAMS_LIMITS by default. */
  limits?: Partial<EdgeLimits>;
};

/**
 * Activities are small: Teams caps a message at about 28 KB, and a dialog submission of our largest
 * intake section with every answer at its 2,000-character maximum in Chinese is under 100 KB.
 */
export const TEAMS_LIMITS: EdgeLimits = { maxBytes: 256 * 1024, bodyTimeoutMs: 10_000, maxPending: 32 };

/** A Bot Connector token is a JWT: three base64url parts (the signature is checked inside the SDK). */
const BEARER_JWT = /^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * CloudAdapter with the activity run directly: `process()` would answer refusals as plain text
 * (an error's message, sometimes a stack) and print each one to the console; here the route
 * answers every outcome itself, in the server's JSON shape.
 */
class RouteAdapter extends CloudAdapter {
  run(authHeader: string, activity: Activity, logic: (ctx: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/** Bot Framework authentication from MICROSOFT_APP_*; none at all only for REVIEW_BOT_INSECURE_LOCAL=1 without an app id. */
function authentication(config: TeamsConfig): ReusingAuthentication {
  if (!config.appId) {
    if (!config.insecureLocal)
      throw new Error('Teams needs MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (REVIEW_BOT_INSECURE_LOCAL=1 turns authentication off for local tests only)');
    return new ReusingAuthentication({});
  }
  return new ReusingAuthentication({
    MicrosoftAppId: config.appId,
    MicrosoftAppType: config.appType ?? 'MultiTenant',
    ...(config.appPassword ? { MicrosoftAppPassword: config.appPassword } : {}),
    ...(config.tenantId ? { MicrosoftAppTenantId: config.tenantId } : {}),
  });
}

/** Teams on the shared server: POST /api/messages into a CloudAdapter; proactive delivery for the scheduler. */
export function createTeamsAdapter(opts: TeamsAdapterOptions): TeamsAdapter {
  const { config, log } = opts;
  const adapter = new RouteAdapter(authentication(config));
  const authOn = !!config.appId;
  const gate = createBodyGate({ ...TEAMS_LIMITS, ...opts.limits });
  const appId = config.appId ?? '';

  // Nothing thrown in a turn escapes it: log, and tell the person in neutral words from the catalogue.
  adapter.onTurnError = async (ctx: TurnContext, err: Error) => {
    log.error('teams.turn_failed', { err });
    try {
      await ctx.sendActivity({ type: 'message', text: t(parseLang(ctx.activity.locale) ?? 'en', 'platform.something_wrong'), textFormat: 'plain' });
    } catch (sendErr) {
      log.warn('teams.error_notice_failed', { err: sendErr }); // the connector itself may be what failed
    }
  };
  const handler = new ReviewBotHandler({ bot: opts.bot, log, appId });
  const work = createWork();

  return {
    platform: 'teams',
    settled: () => work.drain(),
    close: () => work.drain(),
    mount: (web: Express) => {
      web.post('/api/messages', async (req, res) => {
        const refused = (status: number, error: Parameters<typeof refuse>[2], close = true) => {
          log.warn('teams.request_refused', { reason: error, status });
          refuse(res, status, error, { close, ...(error === 'busy' ? { retryAfterS: 1 } : {}) });
        };
        // What needs no body: the content type, and (authentication on) a bearer token of the JWT shape.
        if ((req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() !== 'application/json') return refused(415, 'unsupported_media_type');
        const authHeader = req.headers.authorization ?? '';
        if (authOn && !BEARER_JWT.test(authHeader)) return refused(401, 'unauthorized');
        const read = await gate.read(req);
        if (!read.ok) return refused(read.status, read.error);
        const received = readActivity(read.body);
        if (!received.ok) return refused(400, received.error, false);
        // A message is answered once its turn is committed (the handler calls ANSWER_COMMITTED), not
        // after its replies went out: those are connector calls that may be slow or throttled, and
        // an answer held past the connector's timeout makes it deliver the message again. Invokes
        // carry their result in the answer, and `expectReplies` the replies themselves: those wait.
        let answered = false;
        const answerCommitted = () => {
          if (answered || res.headersSent) return;
          answered = true;
          res.status(200).end();
        };
        const early = received.activity.type === 'message' && received.activity.deliveryMode !== 'expectReplies';
        try {
          // Authentication (the Bot Connector's JWT) happens here, ignored activities too: a bad token is an AuthenticationError (401).
          const logic = received.ignored
            ? async () => {}
            : (ctx: TurnContext) => {
                if (early) ctx.turnState.set(ANSWER_COMMITTED, answerCommitted);
                return handler.run(ctx);
              };
          // Counted until the replies are out, so settled() and close() wait for them.
          const invoke = await work.track(adapter.run(authHeader, received.activity, logic));
          if (answered) return;
          res.status(invoke?.status ?? 200);
          if (invoke?.body === undefined) res.end();
          else res.json(invoke.body);
        } catch (err) {
          if (answered) {
            // The connector has its 200 already; onTurnError told the person.
            log.error('teams.request_failed', { err });
            return;
          }
          const status = (err as { statusCode?: unknown }).statusCode;
          if (status === 401 || status === 403) return refused(401, 'unauthorized', false);
          if (typeof status === 'number' && status >= 400 && status < 500) return refused(400, 'bad_request', false);
          log.error('teams.request_failed', { err });
          refuse(res, 500, 'internal_error');
        }
      });
    },
    deliver: async (person: PersonRecord, messages: Outbound[], lang: Lang) => {
      const target = reachable(person.address);
      const logic = async (ctx: TurnContext) => {
        await send(ctx, messages, lang);
      };
      switch (target.type) {
        case 'none':
          throw new PlatformError('teams', 'no_address', `no Teams conversation reference for ${person.key}`); // the scheduler retries later
        case 'continue':
          await adapter.continueConversationAsync(appId, target.reference, logic);
          return;
        case 'create':
          await adapter.createConversationAsync(appId, target.channelId, target.serviceUrl, undefined as unknown as string, target.parameters, logic);
          return;
      }
    },
  };
}
