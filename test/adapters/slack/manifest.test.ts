import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLACK_APP } from '../../../adapters/slack/index.js';

// The manifest must ask Slack for exactly what the adapter listens to, on the one route it serves.

const m = parse(readFileSync(new URL('../../../adapters/slack/manifest.yaml', import.meta.url), 'utf8'));
const socket = parse(readFileSync(new URL('../../../adapters/slack/manifest.socket-mode.yaml', import.meta.url), 'utf8'));
const install = readFileSync(new URL('../../../adapters/slack/INSTALL.md', import.meta.url), 'utf8');
const url = `https://HOST${SLACK_APP.route}`;

describe('Slack app manifest', () => {
  it('subscribes to the events the adapter handles, no more', () => {
    expect([...m.settings.event_subscriptions.bot_events].sort()).toEqual([...SLACK_APP.botEvents].sort());
  });

  it('declares the slash command and the message shortcut the adapter registers', () => {
    expect(m.features.slash_commands).toHaveLength(1);
    expect(m.features.slash_commands[0]).toMatchObject({ command: SLACK_APP.command, url });
    expect(m.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'message', callback_id: SLACK_APP.shortcutCallbackId, name: 'Check if this needs review' }),
    ]);
  });

  it('sends events, the command and interactivity to the one route', () => {
    expect(m.settings.event_subscriptions.request_url).toBe(url);
    expect(m.settings.interactivity).toEqual({ is_enabled: true, request_url: url });
    expect(m.settings.socket_mode_enabled).toBe(false);
  });

  it('asks for the scopes the adapter uses', () => {
    expect([...m.oauth_config.scopes.bot].sort()).toEqual([...SLACK_APP.scopes].sort());
  });

  it('has an App Home with the home tab and a messages tab people can write in', () => {
    expect(m.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    expect(m.features.bot_user.display_name).toBe('review-bot');
  });

  // Limits as documented in @slack/web-api's manifest types and Slack's manifest reference.
  it.each([
    ['app name', () => m.display_information.name, 1, 35],
    ['short description', () => m.display_information.description, 1, 140],
    ['long description', () => m.display_information.long_description, 174, 4000],
    ['command', () => m.features.slash_commands[0].command, 2, 32],
    ['command description', () => m.features.slash_commands[0].description, 1, 2000],
    ['shortcut description', () => m.features.shortcuts[0].description, 1, 150],
    ['bot display name', () => m.features.bot_user.display_name, 1, 80],
  ] as const)("%s fits Slack's length limits", (_name, get, min, max) => {
    const value = get() as string;
    expect(value.length).toBeGreaterThanOrEqual(min);
    expect(value.length).toBeLessThanOrEqual(max);
  });

  it('the bot display name uses only the characters Slack allows', () => {
    expect(m.features.bot_user.display_name).toMatch(/^[a-z0-9._-]+$/);
  });

  it('the install guide names the same command, route and environment variables, for both modes', () => {
    for (const s of [
      SLACK_APP.command,
      SLACK_APP.route,
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
      'SLACK_APP_TOKEN',
      'connections:write',
      'npm start',
      'manifest.yaml',
      'manifest.socket-mode.yaml',
    ]) {
      expect(install).toContain(s);
    }
  });
});

describe('Slack app manifest for Socket Mode', () => {
  it('is the same app (events, command, shortcut, scopes, App Home) with Socket Mode on and no request URL anywhere', () => {
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socket)).not.toMatch(/https:\/\/|request_url|"url"/);
    const withoutUrls = structuredClone(m);
    delete withoutUrls.features.slash_commands[0].url;
    delete withoutUrls.settings.event_subscriptions.request_url;
    delete withoutUrls.settings.interactivity.request_url;
    withoutUrls.settings.socket_mode_enabled = true;
    expect(socket).toEqual(withoutUrls);
  });
});
