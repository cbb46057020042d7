import { pino } from 'pino';

/** Structured, quiet by default: one JSON line per event on stderr. */
export type Logger = {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
};

export type LogLevel = 'info' | 'warn' | 'silent';

const CENSOR = '[redacted]';

/** Secrets and tokens, and what people typed or are called: their values never reach a log line. */
const REDACTED_KEYS = [
  'authorization',
  'cookie',
  'token',
  'botToken',
  'appToken',
  'accessToken',
  'signingSecret',
  'secret',
  'clientSecret',
  'password',
  'appPassword',
  'text',
  'answer',
  'answers',
  'values',
  'comment',
  'displayName',
  'display_name',
  'realName',
  'real_name',
  'fullName',
  'username',
  'email',
  'phone',
];
/** pino redacts by path: each key at the top and two levels down (`err` and `headers` objects included). */
const REDACT_PATHS = [
  ...REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
  // `name` is a person's name only inside these (an error's name stays).
  ...['from', 'user', 'person', 'recipient', 'profile'].map((k) => `${k}.name`),
];

/** Credentials that turn up inside messages (an SDK's error text, a URL): masked wherever they appear. */
const CREDENTIALS: [RegExp, string][] = [
  [/\bxox[abposre]-[A-Za-z0-9-]+/g, `xox?-${CENSOR}`],
  [/\bxapp-[A-Za-z0-9-]+/g, `xapp-${CENSOR}`],
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, `Bearer ${CENSOR}`],
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, CENSOR], // a JWT
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:)[^@\s]+@/gi, `$1${CENSOR}@`], // a password in a URL
];

export function scrub(text: string): string {
  return CREDENTIALS.reduce((s, [pattern, mask]) => s.replace(pattern, mask), text);
}

/** A copy with every string scrubbed (the caller's objects are left alone). */
function scrubAll(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (depth > 6 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => scrubAll(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubAll(v, depth + 1)]));
}

/** An error as a log field: what it is and says, not its stack (install paths) or its attached request. */
const errorField = (err: Error) => ({ name: err.name, message: err.message, code: (err as { code?: unknown }).code });

export function createLogger(stream: NodeJS.WritableStream = process.stderr, level: LogLevel = 'info'): Logger {
  const out = pino(
    {
      level,
      base: null,
      messageKey: 'event',
      timestamp: () => `,"at":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }), log: (fields) => scrubAll(fields) as Record<string, unknown> },
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      // `err` is already errorField(): pino's own serializer would add the stack back.
      serializers: { err: (e: unknown) => e },
    },
    stream as pino.DestinationStream,
  );
  const write = (lvl: 'info' | 'warn' | 'error') => (event: string, fields?: Record<string, unknown>) => {
    const f = fields?.err instanceof Error ? { ...fields, err: errorField(fields.err) } : (fields ?? {});
    out[lvl](f, event);
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

const CONSOLE_LEVEL = { log: 'info', info: 'info', debug: 'info', warn: 'warn', error: 'error', trace: 'error' } as const;

/**
 * SDKs that print (the Bot Framework writes refusals and errors with console.error) go through the
 * logger instead: one structured line each, its first line only and cut short (no stack, no echoed
 * request). Returns the undo. For the process that serves; tests capture the console themselves.
 */
export function routeConsole(log: Logger): () => void {
  const saved = Object.fromEntries(Object.keys(CONSOLE_LEVEL).map((m) => [m, console[m as keyof typeof CONSOLE_LEVEL]]));
  for (const [method, lvl] of Object.entries(CONSOLE_LEVEL)) {
    (console as unknown as Record<string, (...args: unknown[]) => void>)[method] = (...args: unknown[]) => {
      // Objects are named, never printed: they may be the request that was refused.
      const first = args
        .map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : typeof a === 'string' ? a : `[${typeof a}]`))
        .join(' ')
        .split('\n')[0]!;
      log[lvl]('sdk.console', { method, message: first.length > 300 ? `${first.slice(0, 300)}…` : first });
    };
  }
  return () => {
    Object.assign(console, saved);
  };
}
