import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { formModal } from '../../../adapters/slack/outbound.js';
import { SLACK_LIMITS } from '../../../adapters/slack/request-guard.js';
import { answerWithin, openRequest, type OpenRequest } from '../../support/raw-http.js';
import { startHarness, type Harness, type HarnessOptions } from './harness.js';
import { intakeGaps } from '../../../flows/index.js';

// POST /slack/events is on the internet: what a request that is not Slack's may cost. Real HTTP
// into the real server and Bolt; requests are held open by hand to see what is answered before,
// during and instead of their body. Every refusal is the same short JSON, and reaches no handler.

let h: Harness;
const start = async (opts?: HarnessOptions) => (h = await startHarness(opts));
afterEach(async () => {
  await h?.close();
});

const nowS = () => Math.floor(Date.now() / 1000);
const FAKE_SIGNATURE = `v0=${'0'.repeat(64)}`;
const refusal = (error: string) => JSON.stringify({ ok: false, error });
const open = (headers: Record<string, string>) => openRequest(h.server.port, '/slack/events', headers);
const slackHeaders = (o: { ts?: number; length?: number; type?: string } = {}) => ({
  'content-type': o.type ?? 'application/json',
  'x-slack-request-timestamp': String(o.ts ?? nowS()),
  'x-slack-signature': FAKE_SIGNATURE,
  ...(o.length !== undefined ? { 'content-length': String(o.length) } : {}),
});
/** Nothing a refused request carried reached the bot: no reply, nobody recorded. */
async function nothingHandled() {
  await h.adapter.settled();
  expect(h.fake.of('chat.postMessage')).toHaveLength(0);
  expect(await h.app.store.getPerson('slack:U1')).toBeNull();
}
/** The server still serves Slack afterwards. */
async function stillServes(user = 'U7') {
  expect((await h.dm('review', user)).status).toBe(200);
  await h.fake.until(() => h.posts(h.dmChannel(user)).length === 1);
}

describe('refused before the body is read', () => {
  const body = JSON.stringify({
    type: 'event_callback',
    event_id: 'Ev1',
    event: { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: 'review' },
  });
  it.each<[string, Record<string, string>, number, string]>([
    ['no signature headers', { 'content-type': 'application/json' }, 401, 'unauthorized'],
    ['a signature that is not v0 + 64 hex digits', { ...slackHeaders(), 'x-slack-signature': 'v1=abc' }, 401, 'unauthorized'],
    ['a timestamp 6 minutes old (a replay)', slackHeaders({ ts: nowS() - 360 }), 401, 'unauthorized'],
    ['a timestamp 6 minutes in the future', slackHeaders({ ts: nowS() + 360 }), 401, 'unauthorized'],
    ['a timestamp that is not a number', { ...slackHeaders(), 'x-slack-request-timestamp': '17e8' }, 401, 'unauthorized'],
    ['a content type Slack never sends', slackHeaders({ type: 'text/plain' }), 415, 'unsupported_media_type'],
    ['a declared size over the limit', slackHeaders({ length: SLACK_LIMITS.maxBytes + 1 }), 413, 'payload_too_large'],
  ])('%s: refused with the JSON error, the body never sent', async (_name, headers, status, error) => {
    await start();
    const r = open({ 'content-length': String(body.length), ...headers });
    const a = await answerWithin(r, 3000);
    r.destroy();
    expect(a).toMatchObject({ status, body: refusal(error) });
    expect(a!.headers['content-type']).toMatch(/^application\/json/);
    await nothingHandled();
  });

  it('a correctly signed request dated 4 minutes ahead (clock skew) is still served', async () => {
    await start();
    const ts = nowS() + 240;
    const b = JSON.stringify({
      type: 'event_callback',
      team_id: 'T1',
      event_id: 'EvSkew',
      event: { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: 'review', ts: '1.1' },
    });
    expect((await h.send(b, 'json', { ts })).status).toBe(200);
    await h.fake.until(() => h.posts('D1').length === 1);
  });
});

describe('bodies that are too big, too slow or too many', () => {
  it('a chunked body (no declared size) that grows past the limit: 413 once it crosses it, and the connection is dropped', async () => {
    await start({ limits: { maxBytes: 10_000 } });
    const r = open(slackHeaders());
    for (let i = 0; i < 5; i++) r.write('x'.repeat(4000));
    const a = await answerWithin(r, 3000);
    expect(a).toMatchObject({ status: 413, body: refusal('payload_too_large') });
    expect(a!.headers.connection).toBe('close');
    r.destroy();
    await nothingHandled();
  });

  it('headers that never finish: the server answers 408 and closes the connection', async () => {
    await start({ timeouts: { headersMs: 300, requestMs: 1000 } });
    const socket = connect(h.server.port, '127.0.0.1');
    socket.write('POST /slack/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n');
    let received = '';
    socket.on('data', (d: Buffer) => {
      received += d.toString('utf8');
    });
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('a body that does not arrive within the deadline: 408, the connection is dropped', async () => {
    await start({ limits: { bodyTimeoutMs: 300 } });
    const r = open(slackHeaders({ length: 1000 }));
    r.write('{"type":"event_callback",');
    const a = await answerWithin(r, 3000);
    expect(a).toMatchObject({ status: 408, body: refusal('request_timeout') });
    await nothingHandled();
  });

  it('beyond the cap of bodies read at once: 503 busy with Retry-After; once those end, requests are served again', async () => {
    await start({ limits: { maxPending: 2, bodyTimeoutMs: 20_000 } });
    const slow: OpenRequest[] = [open(slackHeaders({ length: 1000 })), open(slackHeaders({ length: 1000 }))];
    for (const s of slow) s.write('{"type":');
    // Both are being read (the server has their first bytes) before the third comes.
    await expect
      .poll(async () => {
        const third = open(slackHeaders({ length: 1000 }));
        const a = await answerWithin(third, 300);
        third.destroy();
        return a && { status: a.status, body: a.body, retryAfter: a.headers['retry-after'] };
      })
      .toEqual({ status: 503, body: refusal('busy'), retryAfter: '1' });
    expect(slow.some((s) => s.answered())).toBe(false);
    for (const s of slow) s.destroy();
    // The slots come back when the slow clients go away: a signed DM is served (retried while the server notices).
    await expect.poll(async () => (await h.dm('review', 'U7', { eventId: 'EvAfterBusy' })).status).toBe(200);
    await h.fake.until(() => h.posts('D7').length === 1);
  });

  it("the limit fits Slack's real payloads: our largest intake section submitted full (3,000 Chinese characters per text field) is served", async () => {
    await start();
    await h.dm('lang zh-CN', 'U3');
    for (const a of ['review', 'purchase', 'hpc_servers', 'yes', 'yes']) {
      await h.dm(a, 'U3');
      await h.adapter.settled();
    }
    const caseId = /RB-[0-9A-Z]{6}/.exec(h.posts('D3').map(h.textOf).join(' '))![0];
    const sizes: { form: string; bytes: number }[] = [];
    let largest: { body: string; bytes: number } | null = null;
    // Every section this case's matter asks (all have gaps on a new case), line item 1 included.
    const forms = [...new Set(intakeGaps((await h.app.store.getCase(caseId))!).map((g) => g.form))];
    expect(forms.length).toBeGreaterThan(3);
    for (const form of forms) {
      const opened = await h.app.bot.openForm({ platform: 'slack', userId: 'U3', caseId, form });
      if (!opened.ok) throw new Error(opened.message);
      const view = formModal(opened.form) as { blocks: { block_id: string; element: { type: string; options?: { value: string }[] } }[] };
      const values = Object.fromEntries(
        view.blocks.map((b) => [
          b.block_id,
          {
            value:
              b.element.type === 'static_select'
                ? { type: 'static_select', selected_option: b.element.options![0] }
                : { type: b.element.type, value: '审'.repeat(3000) },
          },
        ]),
      );
      const payload = {
        type: 'view_submission',
        token: 'x'.repeat(24),
        team: { id: 'T1', domain: 'example' },
        user: { id: 'U3', username: 'u3', name: 'u3', team_id: 'T1' },
        api_app_id: 'A1',
        trigger_id: `trig-big-${form}`,
        view: { id: 'VBIG', team_id: 'T1', type: 'modal', hash: 'h', ...view, state: { values } },
        response_urls: [],
        is_enterprise_install: false,
        enterprise: null,
      };
      const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
      const bytes = Buffer.byteLength(body);
      sizes.push({ form, bytes });
      if (!largest || bytes > largest.bytes) largest = { body, bytes };
    }
    expect(Math.max(...sizes.map((s) => s.bytes)), JSON.stringify(sizes)).toBeLessThan(SLACK_LIMITS.maxBytes / 2); // room to spare
    const r = await h.send(largest!.body, 'form');
    expect(r.status).toBe(200); // answered by the form handler (field errors), not refused by the edge
    expect(((await r.json()) as { response_action?: string }).response_action).toBe('errors');
  });
});

describe('signed, but not a payload Bolt can use: 400, nothing reaches a handler', () => {
  const form = (payload: unknown) => `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  it.each<[string, string, 'json' | 'form', string]>([
    ['a JSON null', 'null', 'json', 'invalid_payload'],
    ['a JSON array', '[]', 'json', 'invalid_payload'],
    ['a JSON string', '"review"', 'json', 'invalid_payload'],
    ['malformed JSON', '{oops', 'json', 'malformed_json'],
    ['an event callback without its event', JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: 'Ev9' }), 'json', 'invalid_payload'],
    ['payload=null', form(null), 'form', 'invalid_payload'],
    ['a payload that is not JSON', 'payload=%7Boops', 'form', 'malformed_json'],
    [
      'block_actions without a user',
      form({ type: 'block_actions', team: { id: 'T1' }, trigger_id: 't', actions: [{ action_id: 'start_review', value: 'start', action_ts: '1.1' }] }),
      'form',
      'invalid_payload',
    ],
    [
      'view_submission without a user',
      form({
        type: 'view_submission',
        team: { id: 'T1' },
        trigger_id: 't',
        view: { id: 'V1', callback_id: 'intake_form', private_metadata: '{}', blocks: [], state: { values: {} } },
      }),
      'form',
      'invalid_payload',
    ],
    ['view_submission without a view', form({ type: 'view_submission', user: { id: 'U1' }, team: { id: 'T1' }, trigger_id: 't' }), 'form', 'invalid_payload'],
    [
      'a slash command without a user',
      new URLSearchParams({ command: '/review', text: 'hi', channel_id: 'C1', team_id: 'T1', trigger_id: 't' }).toString(),
      'form',
      'invalid_payload',
    ],
  ])('%s', async (_name, body, type, error) => {
    await start();
    const r = await h.send(body, type);
    expect({ status: r.status, body: await r.text() }).toEqual({ status: 400, body: refusal(error) });
    await nothingHandled();
    expect(h.logs.filter((l) => l.event === 'slack.handler_failed' || l.event === 'slack.error')).toEqual([]);
    expect(h.logs).toContainEqual(expect.objectContaining({ level: 'warn', event: 'slack.request_refused', fields: { reason: error, status: 400 } }));
    await stillServes();
  });

  it('a forged signature over a full body: 401 with the JSON error', async () => {
    await start();
    const r = await h.send(JSON.stringify({ type: 'event_callback', event: { type: 'message' } }), 'json', { secret: 'not-the-secret' });
    expect({ status: r.status, body: await r.text() }).toEqual({ status: 401, body: refusal('unauthorized') });
    await nothingHandled();
  });
});
