import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { startFakeSocketMode, type FakeSocketMode } from './fake-socket-mode.js';
import { startHarness, type Harness } from './harness.js';

// Slack over Socket Mode (SLACK_APP_TOKEN): the real app and Bolt's SocketModeReceiver, offline.
// apps.connections.open is answered by the fake Web API with the URL of a loopback WebSocket
// server, which plays Slack: it says hello, delivers envelopes (events, slash commands,
// interactivity) and receives the acks. Everything after the ack is the HTTP mode's code.

const APP_TOKEN = 'xapp-1-A1-1-test';
let h: Harness | undefined;
let sock: FakeSocketMode;
afterEach(async () => {
  await h?.close();
  await sock?.close();
  h = undefined;
});

async function start() {
  sock = await startFakeSocketMode();
  h = await startHarness({ appToken: APP_TOKEN, beforeStart: (fake) => fake.setSocketUrl(sock.url) });
  return { h, sock };
}

let n = 0;
const dmEvent = (user: string, text: string, eventId = `EvS${++n}`) => ({
  type: 'events_api' as const,
  payload: {
    type: 'event_callback',
    team_id: 'T1',
    api_app_id: 'A1',
    event_id: eventId,
    event_time: 1,
    event: { type: 'message', channel_type: 'im', channel: `D${user.slice(1)}`, user, text, ts: `${++n}.0001` },
  },
});
const CASE_ID = /RB-[0-9A-Z]{6}/;

describe('Slack over Socket Mode', () => {
  it('connects with the app token (no request URL on the server), and disconnects on close', async () => {
    const { h: running, sock } = await start();
    expect(running.fake.of('apps.connections.open')).toHaveLength(1);
    expect(running.fake.of('apps.connections.open')[0]!.auth).toBe(`Bearer ${APP_TOKEN}`);
    expect(sock.connections()).toBe(1);
    expect(running.logs).toContainEqual(expect.objectContaining({ event: 'slack.socket_mode_connected' }));
    // No public endpoint: /slack/events is not served at all.
    const r = await fetch(`http://127.0.0.1:${running.server.port}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect({ status: r.status, body: await r.text() }).toEqual({ status: 404, body: JSON.stringify({ ok: false, error: 'not_found' }) });
    h = undefined;
    await running.close();
    await expect.poll(() => sock.connections()).toBe(0);
  });

  it('an event envelope is acked with its envelope id; the turn runs and answers in the DM; a retried envelope is one turn', async () => {
    const { h, sock } = await start();
    const envelope = dmEvent('U1', 'review', 'EvSock1');
    const ack = await sock.deliver(envelope);
    expect(ack).toEqual({ envelope_id: 'env-1', payload: {} });
    await h.fake.until(() => h.posts('D1').length === 1);
    expect(h.textOf(h.posts('D1')[0]!)).toMatch(/What is this check about\?/);
    expect(await h.app.store.getPerson('slack:U1')).toMatchObject({ platform: 'slack', address: { user: 'U1', team: 'T1', dm: 'D1' } });
    // Slack re-sends an envelope it got no ack for in time: acked again, not a second turn.
    expect(await sock.deliver({ ...envelope, retry_attempt: 1, retry_reason: 'timeout' })).toMatchObject({ envelope_id: 'env-2' });
    await h.adapter.settled();
    expect(h.posts('D1')).toHaveLength(1);
    expect((await h.app.store.loadConversation('slack:U1')).rev).toBe(1);
  });

  it("/review arrives as a slash_commands envelope: acked, the check runs in the person's DM", async () => {
    const { h, sock } = await start();
    const ack = await sock.deliver({
      type: 'slash_commands',
      payload: {
        command: '/review',
        text: 'we want to buy 20 core routers',
        user_id: 'U2',
        channel_id: 'C1',
        team_id: 'T1',
        trigger_id: 'trig-sock-1',
        response_url: `${h.fake.url}respond`,
      },
    });
    expect(ack.envelope_id).toBe('env-1');
    await h.fake.until(() => h.posts('D2').length === 1);
    expect(h.textOf(h.posts('D2')[0]!)).toMatch(/Core network equipment/);
    expect(h.posts('C1')).toHaveLength(0);
  });

  it("interactivity: a button click is acked and opens the modal; a modal submission's ack carries the field errors", async () => {
    const { h, sock } = await start();
    for (const a of ['review', 'purchase', 'hpc_servers', 'yes', 'yes']) {
      await sock.deliver(dmEvent('U3', a));
      await h.adapter.settled();
    }
    const caseId = CASE_ID.exec(h.posts('D3').map(h.textOf).join(' '))![0];
    await sock.deliver(dmEvent('U3', `intake ${caseId}`));
    await h.adapter.settled();
    const formMessage = h.posts('D3').at(-1)!;
    const button = h
      .blocksOf(formMessage)
      .flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])])
      .find((e) => e.action_id?.startsWith('open_form'))!;
    const clicked = await sock.deliver({
      type: 'interactive',
      payload: {
        type: 'block_actions',
        user: { id: 'U3' },
        team: { id: 'T1' },
        trigger_id: 'trig-sock-form',
        channel: { id: 'D3' },
        container: { type: 'message', message_ts: formMessage.reply.ts, channel_id: 'D3' },
        actions: [{ type: 'button', action_id: button.action_id, value: button.value, action_ts: '900.1' }],
      },
    });
    expect(clicked).toEqual({ envelope_id: expect.any(String), payload: {} });
    await h.fake.until(() => h.fake.of('views.open').length === 1);
    expect(h.fake.of('views.open')[0]!.params.trigger_id).toBe('trig-sock-form');
    const view = h.fake.of('views.open')[0]!.params.view as {
      callback_id: string;
      private_metadata: string;
      blocks: { block_id?: string; element?: { type: string } }[];
    };
    const value = (field: string, v: string) => [field, { value: { type: view.blocks.find((b) => b.block_id === field)!.element!.type, value: v } }];
    const submitted = await sock.deliver({
      type: 'interactive',
      payload: {
        type: 'view_submission',
        user: { id: 'U3' },
        team: { id: 'T1' },
        trigger_id: 'trig-sock-submit',
        view: {
          id: 'VSOCK',
          hash: 'h',
          type: 'modal',
          callback_id: view.callback_id,
          private_metadata: view.private_metadata,
          blocks: view.blocks,
          state: { values: Object.fromEntries([value('legal_name', 'Grid Co'), value('uscc', 'not a code')]) },
        },
      },
    });
    expect(submitted.payload).toMatchObject({ response_action: 'errors', errors: { uscc: expect.any(String) } });
    expect(Object.keys((submitted.payload as { errors: object }).errors)).toEqual(['uscc']);
    expect((await h.app.store.getCase(caseId))?.intake.applicant).toEqual({ legal_name: 'Grid Co' }); // the valid field is kept
  });

  it('when Slack recycles the connection, the app reconnects (a fresh apps.connections.open) and events keep arriving', async () => {
    const { h, sock } = await start();
    sock.recycle();
    await h.fake.until(() => h.fake.of('apps.connections.open').length === 2, 15_000);
    await expect.poll(() => sock.connections(), { timeout: 15_000 }).toBe(1);
    await sock.deliver(dmEvent('U4', 'review'));
    await h.fake.until(() => h.posts('D4').length === 1);
  });
});

describe('configuration', () => {
  it.each<[string, Record<string, string>, string | null]>([
    ['bot token + app token: Socket Mode, no signing secret needed', { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: APP_TOKEN }, null],
    ['bot token + signing secret: HTTP', { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }, null],
    [
      'an app token that is not xapp-',
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' },
      'invalid configuration: SLACK_APP_TOKEN: expected an app-level token (xapp-…)',
    ],
    [
      'an app token without a bot token',
      { SLACK_APP_TOKEN: APP_TOKEN },
      'invalid configuration: Slack needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)',
    ],
    [
      'a bot token alone',
      { SLACK_BOT_TOKEN: 'xoxb-1' },
      'invalid configuration: Slack needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)',
    ],
  ])('%s', (_name, env, error) => {
    const c = loadConfig(env);
    if (error) expect(c).toEqual({ ok: false, error });
    else
      expect(c.ok && c.value.slack).toMatchObject({
        botToken: 'xoxb-1',
        appToken: env.SLACK_APP_TOKEN ?? null,
        signingSecret: env.SLACK_SIGNING_SECRET ?? null,
      });
  });
});
