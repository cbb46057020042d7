import { createHmac, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { createBodyGate, refuse, type EdgeLimits, type Logger } from '../../src/runtime/index.js';

// In front of Bolt on POST /slack/events: what can be refused without the body is refused before
// it is read (no or malformed signature headers, a timestamp outside ±5 minutes either way, a
// wrong content type, a declared size over the limit); the body is then read within the gate's
// limits, its signature checked, and only an object of the shape Bolt reads goes on. Bolt checks
// the signature again on the same bytes (req.rawBody) and never reads the stream itself.

/**
 * Slack's payloads are small: a view_submission of our largest intake section, every field at
 * Slack's 3,000-character maximum in Chinese, is about 0.3 MB form-encoded (a test pins it).
 */
export const SLACK_LIMITS: EdgeLimits = { maxBytes: 1024 * 1024, bodyTimeoutMs: 10_000, maxPending: 32 };
/** Slack's replay window, both ways: a request dated more than 5 minutes off is not Slack's. */
const WINDOW_S = 5 * 60;

type Refusal = 'unauthorized' | 'unsupported_media_type' | 'malformed_json' | 'invalid_payload';

const FORM = 'application/x-www-form-urlencoded';
/** The two bodies Slack sends; Bolt reads a form only under exactly this content type. */
const kindOf = (contentType: string | undefined): 'json' | 'form' | null => {
  if (contentType === FORM) return 'form';
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json' ? 'json' : null;
};

/** The headers alone: present, `v0=` + 64 hex digits, a whole-second timestamp within the window of `nowS`. */
export function headerRefusal(headers: Record<string, string | string[] | undefined>, nowS: number): Refusal | null {
  if (!kindOf(headers['content-type'] as string | undefined)) return 'unsupported_media_type';
  const signature = headers['x-slack-signature'];
  const ts = headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || !/^v0=[0-9a-f]{64}$/.test(signature)) return 'unauthorized';
  if (typeof ts !== 'string' || !/^\d{1,12}$/.test(ts) || Math.abs(nowS - Number(ts)) > WINDOW_S) return 'unauthorized';
  return null;
}

export function signatureMatches(secret: string, ts: string, signature: string, body: Buffer): boolean {
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${ts}:`).update(body).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasUser = (p: Record<string, unknown>) => isObject(p.user) && typeof p.user.id === 'string' && p.user.id !== '';
/** Interactivity payloads Bolt routes by their user (it reads `body.user.id` before any listener). */
const NEEDS_USER = new Set(['block_actions', 'block_suggestion', 'view_submission', 'view_closed', 'message_action', 'shortcut']);
/** Routing fields Bolt reads without checking their kind: present, they must be objects (null is not). */
const OBJECT_FIELDS = ['user', 'channel', 'team', 'container', 'message', 'view'] as const;
const presentButNot = (v: unknown, ok: (v: unknown) => boolean) => v !== undefined && !ok(v);
const isString = (v: unknown) => typeof v === 'string';

/** The verified body: an object of the shape Bolt reads, or why not. */
export function payloadRefusal(contentType: string | undefined, body: string): Refusal | null {
  if (kindOf(contentType) === 'form') {
    const form = new URLSearchParams(body);
    const raw = form.get('payload');
    if (raw === null) {
      if (form.has('command')) return form.get('user_id') ? null : 'invalid_payload';
      return form.has('ssl_check') ? null : 'invalid_payload';
    }
    const payload = parseJson(raw);
    if (payload === undefined) return 'malformed_json';
    if (!isObject(payload) || typeof payload.type !== 'string') return 'invalid_payload';
    const interaction = NEEDS_USER.has(payload.type) || payload.actions !== undefined;
    if (interaction && !hasUser(payload)) return 'invalid_payload';
    if (interaction && OBJECT_FIELDS.some((k) => presentButNot(payload[k], isObject))) return 'invalid_payload';
    if ((payload.type === 'view_submission' || payload.type === 'view_closed') && !isObject(payload.view)) return 'invalid_payload';
    if (payload.type === 'block_actions' && !Array.isArray(payload.actions)) return 'invalid_payload';
    return null;
  }
  const payload = parseJson(body);
  if (payload === undefined) return 'malformed_json';
  if (!isObject(payload) || typeof payload.type !== 'string') return 'invalid_payload';
  if (payload.type === 'event_callback' && !(isObject(payload.event) && typeof payload.event.type === 'string')) return 'invalid_payload';
  // Bolt routes an event by its user and channel before any listener: a null user or a channel that is no string is refused here.
  if (
    isObject(payload.event) &&
    (payload.event.user === null || presentButNot(payload.event.user, isString) || presentButNot(payload.event.channel, isString))
  ) {
    return 'invalid_payload';
  }
  return null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const STATUS: Record<Refusal, number> = { unauthorized: 401, unsupported_media_type: 415, malformed_json: 400, invalid_payload: 400 };

export type GuardOptions = { signingSecret: string; limits: EdgeLimits; log: Logger; nowMs: () => number };

export function slackRequestGuard(opts: GuardOptions): RequestHandler {
  const gate = createBodyGate(opts.limits);
  const refused = (res: Parameters<RequestHandler>[1], why: Refusal | 'payload_too_large' | 'request_timeout' | 'busy' | 'bad_request', status: number) => {
    opts.log.warn('slack.request_refused', { reason: why, status });
    refuse(res, status, why, { close: true, ...(why === 'busy' ? { retryAfterS: 1 } : {}) });
  };
  return async (req, res, next) => {
    const early = headerRefusal(req.headers, Math.floor(opts.nowMs() / 1000));
    if (early) return refused(res, early, STATUS[early]);
    const read = await gate.read(req);
    if (!read.ok) return refused(res, read.error as 'payload_too_large' | 'request_timeout' | 'busy' | 'bad_request', read.status);
    const ts = req.headers['x-slack-request-timestamp'] as string;
    if (!signatureMatches(opts.signingSecret, ts, req.headers['x-slack-signature'] as string, read.body)) return refused(res, 'unauthorized', 401);
    const text = read.body.toString('utf8');
    const bad = payloadRefusal(req.headers['content-type'], text);
    if (bad) return refused(res, bad, STATUS[bad]);
    // Bolt takes the bytes read here instead of reading the stream again.
    (req as typeof req & { rawBody: Buffer }).rawBody = read.body;
    next();
  };
}
