import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import express, { type Express } from 'express';
import type { Outbound } from '../../src/engine/index.js';
import { parseLang, t, type Lang } from '../../src/i18n/index.js';
import { PlatformError, type Bot, type Logger, type PlatformAdapter } from '../../src/runtime/index.js';
import type { PersonRecord } from '../../src/store/index.js';
import { reachable } from './address.js';
import { ReviewBotHandler, send } from './handler.js';

// The Bot Framework SDK (botbuilder) is at end of support. Every botbuilder import lives in this
// folder, so a move to the Microsoft 365 Agents SDK changes adapters/teams/ and nothing else.

export type TeamsConfig = { appId: string | null; appPassword: string | null; tenantId: string | null; appType: string | null; insecureLocal: boolean };
export type TeamsAdapterOptions = { config: TeamsConfig; bot: Bot; log: Logger };

/** Bot Framework authentication from MICROSOFT_APP_*; none at all only for REVIEW_BOT_INSECURE_LOCAL=1 without an app id. */
function authentication(config: TeamsConfig): ConfigurationBotFrameworkAuthentication {
  if (!config.appId) {
    if (!config.insecureLocal) throw new Error('Teams needs MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (REVIEW_BOT_INSECURE_LOCAL=1 turns authentication off for local tests only)');
    return new ConfigurationBotFrameworkAuthentication({});
  }
  return new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.appId,
    MicrosoftAppType: config.appType ?? 'MultiTenant',
    ...(config.appPassword ? { MicrosoftAppPassword: config.appPassword } : {}),
    ...(config.tenantId ? { MicrosoftAppTenantId: config.tenantId } : {}),
  });
}

/** Teams on the shared server: POST /api/messages into a CloudAdapter; proactive delivery for the scheduler. */
export function createTeamsAdapter(opts: TeamsAdapterOptions): PlatformAdapter {
  const { config, log } = opts;
  const adapter = new CloudAdapter(authentication(config));
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

  return {
    platform: 'teams',
    mount: (web: Express) => {
      web.post('/api/messages', express.json({ limit: '1mb' }), async (req, res) => {
        try {
          // Authentication (JWT from the Bot Connector) happens inside process(): a bad or missing token is a 401.
          await adapter.process(req, res, (ctx) => handler.run(ctx));
        } catch (err) {
          // process() rejects only for a body that is not an activity.
          log.warn('teams.bad_request', { err });
          if (!res.headersSent) res.status(400).end();
        }
      });
    },
    deliver: async (person: PersonRecord, messages: Outbound[], lang: Lang) => {
      const target = reachable(person.address);
      const logic = async (ctx: TurnContext) => { await send(ctx, messages, lang); };
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
