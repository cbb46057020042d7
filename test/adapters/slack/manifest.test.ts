import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The manifest must ask Slack for exactly what the adapter listens to.
const m = parse(readFileSync(new URL('../../../adapters/slack/manifest.yaml', import.meta.url), 'utf8'));
const adapter = readFileSync(new URL('../../../adapters/slack/index.ts', import.meta.url), 'utf8');

describe('Slack app manifest', () => {
  it('subscribes to the events the adapter handles', () => {
    expect(m.settings.event_subscriptions.bot_events.sort()).toEqual(['app_home_opened', 'app_mention', 'message.im']);
    for (const e of ["a.event('message'", "a.event('app_mention'", "a.event('app_home_opened'"]) expect(adapter).toContain(e);
  });
  it('declares the /review command and the message shortcut the adapter registers', () => {
    expect(m.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(['/review']);
    expect(adapter).toContain("a.command('/review'");
    expect(m.features.shortcuts[0]).toMatchObject({ type: 'message', callback_id: 'check_review' });
    expect(adapter).toContain("a.shortcut('check_review'");
  });
  it('sends events, commands and interactivity to the one route, with the scopes used', () => {
    const urls = [m.settings.event_subscriptions.request_url, m.settings.interactivity.request_url, m.features.slash_commands[0].url];
    expect(new Set(urls)).toEqual(new Set(['https://HOST/slack/events']));
    expect(m.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['chat:write', 'commands', 'app_mentions:read', 'im:history']));
    expect(m.features.app_home.home_tab_enabled).toBe(true);
  });
});
