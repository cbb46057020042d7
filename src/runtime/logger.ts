/** Structured, quiet by default: one JSON line per event on stderr. */
export type Logger = {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
};

export function createLogger(stream: NodeJS.WritableStream = process.stderr, level: 'info' | 'warn' | 'silent' = 'info'): Logger {
  const write = (lvl: string, event: string, fields?: Record<string, unknown>) => {
    if (level === 'silent' || (level === 'warn' && lvl === 'info')) return;
    const err = fields?.err instanceof Error ? { err: { name: fields.err.name, message: fields.err.message, code: (fields.err as { code?: unknown }).code } } : {};
    stream.write(`${JSON.stringify({ at: new Date().toISOString(), level: lvl, event, ...fields, ...err })}\n`);
  };
  return {
    info: (e, f) => write('info', e, f),
    warn: (e, f) => write('warn', e, f),
    error: (e, f) => write('error', e, f),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
