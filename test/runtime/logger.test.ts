import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, routeConsole } from '../../src/runtime/index.js';

// The process log (pino): one JSON line per event, and nothing secret or personal in it, however
// deep a field sits or whatever message a library put it in.

function capture(level: 'info' | 'warn' | 'silent' = 'info') {
  const stream = new PassThrough();
  let raw = '';
  stream.on('data', (d: Buffer) => {
    raw += d.toString('utf8');
  });
  const log = createLogger(stream, level);
  return {
    log,
    raw: () => raw,
    lines: () =>
      raw
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('writes one JSON line per event with level, time and event; the level filters', () => {
    const c = capture();
    c.log.info('server.listening', { port: 3978 });
    c.log.error('slack.turn_failed', { user: 'U1' });
    expect(c.raw().split('\n').filter(Boolean)).toHaveLength(2);
    expect(c.lines()).toEqual([
      { level: 'info', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), event: 'server.listening', port: 3978 },
      { level: 'error', at: expect.any(String), event: 'slack.turn_failed', user: 'U1' },
    ]);
    const w = capture('warn');
    w.log.info('dropped');
    w.log.warn('kept');
    expect(w.lines().map((l) => l.event)).toEqual(['kept']);
    const s = capture('silent');
    s.log.error('dropped');
    expect(s.raw()).toBe('');
  });

  it.each<[string, Record<string, unknown>, string, unknown]>([
    ['a token', { token: 'xoxb-1-2-abc' }, 'token', '[redacted]'],
    ['a signing secret', { signingSecret: 's3cr3t' }, 'signingSecret', '[redacted]'],
    ['an authorization header, nested', { headers: { authorization: 'Basic dXNlcjpwYXNz' } }, 'headers.authorization', '[redacted]'],
    ['a password two levels down', { config: { teams: { appPassword: 'pw' } } }, 'config.teams.appPassword', '[redacted]'],
    ['text a person typed', { input: { text: 'my salary is 100' } }, 'input.text', '[redacted]'],
    ['form values', { submission: { values: { applicant_org: 'Grid Co' } } }, 'submission.values', '[redacted]'],
    ["a person's name", { from: { id: '29:x', name: 'Li Wei' } }, 'from.name', '[redacted]'],
    ['a display name', { profile: { displayName: 'Li Wei' } }, 'profile.displayName', '[redacted]'],
    ['an email', { person: { email: 'li@example.com' } }, 'person.email', '[redacted]'],
    ["an error's name (kept)", { err: new TypeError('boom') }, 'err.name', 'TypeError'],
    ['a platform user id (kept: not secret, needed to follow a problem)', { user: 'U123' }, 'user', 'U123'],
  ])('%s', (_name, fields, path, expected) => {
    const c = capture();
    c.log.warn('e', fields);
    const line = c.lines()[0]!;
    expect(path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], line)).toEqual(expected);
  });

  it.each<[string, string, string]>([
    ['a Slack bot token', 'invalid_auth for xoxb-1234-5678-abcdEFGH', 'xoxb-1234'],
    ['a Slack app token', 'socket mode failed with xapp-1-A01-123-abcdef', 'xapp-1-A01'],
    ['a bearer JWT', 'rejected Bearer eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln', 'eyJhbGci'],
    ['a password in a database URL', 'connect failed: postgres://review:hunter2@db:5432/rb', 'hunter2'],
  ])('%s inside a message is masked', (_name, message, secret) => {
    const c = capture();
    c.log.error('e', { message, err: new Error(message) });
    expect(c.raw()).not.toContain(secret);
    expect(c.lines()[0]!.message).toMatch(/\[redacted\]/);
  });

  it('an error is its name, message and code: no stack, no attached request', () => {
    const c = capture();
    const err = Object.assign(new Error('refused'), { code: 'E_REFUSED', request: { body: 'attacker body' } });
    c.log.error('e', { err });
    expect(c.lines()[0]!.err).toEqual({ name: 'Error', message: 'refused', code: 'E_REFUSED' });
    expect(c.raw()).not.toMatch(/attacker body|at .*\.ts:\d+/);
  });
});

describe('routeConsole', () => {
  it('what an SDK prints becomes one structured line each: first line only, objects named not printed; undo restores', () => {
    const c = capture();
    const original = console.error;
    const undo = routeConsole(c.log);
    expect(console.error).not.toBe(original);
    try {
      console.error(new Error('Unauthorized Access. Request is not authorized\n    at JwtTokenExtractor (/work/node_modules/x.js:1:1)'));
      console.warn('BadRequest: Missing activity or activity type.');
      console.log('Activity Log:', { text: 'attacker text', type: 'message' });
    } finally {
      undo();
    }
    expect(c.lines()).toEqual([
      expect.objectContaining({ level: 'error', event: 'sdk.console', method: 'error', message: 'Error: Unauthorized Access. Request is not authorized' }),
      expect.objectContaining({ level: 'warn', event: 'sdk.console', method: 'warn', message: 'BadRequest: Missing activity or activity type.' }),
      expect.objectContaining({ level: 'info', event: 'sdk.console', method: 'log', message: 'Activity Log: [object]' }),
    ]);
    expect(c.raw()).not.toMatch(/attacker text|node_modules/);
    expect(console.error).toBe(original);
  });
});
