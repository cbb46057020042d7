import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';

// The server runs exposed to the internet: what any request may cost before it is authenticated.
// A platform route reads its body through one `BodyGate` (a size limit, a deadline for the whole
// body, a cap on bodies being read at once) and refuses with one short JSON shape.

/** Every refusal the server writes: `{"ok":false,"error":"<code>"}`, never HTML or a stack trace. */
export type EdgeErrorCode =
  | 'bad_request'
  | 'malformed_json'
  | 'invalid_payload'
  | 'unauthorized'
  | 'not_found'
  | 'method_not_allowed'
  | 'request_timeout'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'busy'
  | 'internal_error';

export type EdgeLimits = {
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** The whole body must arrive within this (a slow client holds memory and a slot). */
  bodyTimeoutMs: number;
  /** Bodies read at once before authentication; beyond it: 503 with Retry-After. */
  maxPending: number;
};

/** Answer `status` with the stable JSON shape; `close` also ends the connection (the client may still be uploading). */
export function refuse(res: ServerResponse, status: number, error: EdgeErrorCode, opts: { close?: boolean; retryAfterS?: number } = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ ok: false, error });
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) };
  if (opts.retryAfterS !== undefined) headers['retry-after'] = String(opts.retryAfterS);
  if (opts.close) headers.connection = 'close';
  res.writeHead(status, headers).end(body);
  // Whatever the client is still sending is not read: drop the socket once the answer is out.
  if (opts.close) res.once('finish', () => res.req.socket.destroy());
}

export type BodyResult = { ok: true; body: Buffer } | { ok: false; status: number; error: EdgeErrorCode };

export type BodyGate = {
  /** Read the whole body within the limits, or say why not (nothing is answered: the caller refuses). */
  read(req: IncomingMessage): Promise<BodyResult>;
  /** Bodies being read right now. */
  pending(): number;
  limits: EdgeLimits;
};

export function createBodyGate(limits: EdgeLimits): BodyGate {
  let pending = 0;
  const read = (req: IncomingMessage): Promise<BodyResult> => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limits.maxBytes) return Promise.resolve({ ok: false, status: 413, error: 'payload_too_large' });
    if (pending >= limits.maxPending) return Promise.resolve({ ok: false, status: 503, error: 'busy' });
    pending++;
    return new Promise<BodyResult>((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      const finish = (r: BodyResult) => {
        if (settled) return;
        settled = true;
        pending--;
        clearTimeout(timer);
        req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
        // An abandoned body is neither buffered nor read any further.
        if (!r.ok) req.pause();
        resolve(r);
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxBytes) return finish({ ok: false, status: 413, error: 'payload_too_large' });
        chunks.push(chunk);
      };
      const onEnd = () => finish({ ok: true, body: Buffer.concat(chunks, size) });
      const onError = () => finish({ ok: false, status: 400, error: 'bad_request' });
      const onClose = () => finish({ ok: false, status: 400, error: 'bad_request' });
      const timer = setTimeout(() => finish({ ok: false, status: 408, error: 'request_timeout' }), limits.bodyTimeoutMs);
      req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
    });
  };
  return { read, pending: () => pending, limits };
}

/** After every route: unknown paths and anything a route threw become the JSON shape (Express would answer HTML with a stack). */
export const notFound: RequestHandler = (_req, res) => refuse(res, 404, 'not_found');

export function jsonErrors(onError: (err: unknown, status: number) => void): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 600 ? err.status : 500;
    onError(err, status);
    const error: EdgeErrorCode = status === 413 ? 'payload_too_large' : status === 400 ? 'bad_request' : status < 500 ? 'bad_request' : 'internal_error';
    refuse(res, status, error, { close: status === 413 });
  };
}
