import type { Platform } from '../domain/index.js';
import type { BotDeps } from './contract.js';

const PLATFORM_KEY = /^(terminal|slack|teams):(.+)$/;

/**
 * A person as people see them: their name from the people file; without one, the name the platform
 * gives them (never the key `slack:U…` / `terminal:…`). Read on Slack, a Slack user is a mention
 * (`<@U…>`, which the Slack adapter leaves as Slack markup), so Slack shows their display name.
 */
export function personName(deps: Pick<BotDeps, 'findPerson' | 'resolvePerson'>, key: string, reader?: Platform): string {
  const listed = deps.findPerson?.(key);
  if (listed) return listed.name;
  const m = PLATFORM_KEY.exec(key);
  if (!m) return key;
  const [, platform, id] = m as unknown as [string, Platform, string];
  if (platform === 'slack' && reader === 'slack' && /^[UW][A-Z0-9]+$/.test(id)) return `<@${id}>`;
  return deps.resolvePerson(platform, id).name;
}

/** A case's team as people know it: the people file's name for it, else its id (no file, no names). */
export function teamName(deps: Pick<BotDeps, 'teamName'>, id: string): string {
  return deps.teamName?.(id) ?? id;
}
