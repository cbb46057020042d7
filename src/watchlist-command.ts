import { parseArgs } from 'node:util';
import { SHIPPED_WATCHLIST } from './domain/index.js';
import { t } from './i18n/index.js';
import { loadWatchlist, readWatchlistFile } from './runtime/index.js';

type Io = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };

const parseOptions = (argv: string[]) =>
  parseArgs({ args: argv, allowPositionals: true, strict: true, options: { json: { type: 'boolean', default: false } } });

/**
 * `review-bot watchlist [--json]`: the entries in use (shipped, then REVIEW_BOT_WATCHLIST's), each with its source.
 * `review-bot watchlist check FILE`: check an operator watchlist file; each problem is one
 * `file:line: field: message` line on stderr, exit code 2.
 */
export async function watchlistCommand(argv: string[], io: Io, operatorFile: string | null): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (err) {
    return fail(io, [`review-bot: ${(err as Error).message}`]);
  }
  const { values, positionals } = parsed;
  if (positionals[0] === 'check') {
    const file = positionals[1];
    if (!file || positionals.length > 2)
      return fail(io, ['review-bot: watchlist check needs exactly one file, e.g. review-bot watchlist check watchlist.yaml']);
    const r = readWatchlistFile(file);
    if (!r.ok) return fail(io, r.error);
    io.stdout.write(`${t('en', 'watchlist.check.ok', { file, n: r.value.length, ids: r.value.map((e) => e.id).join(', ') })}\n`);
    return 0;
  }
  if (positionals.length > 0)
    return fail(io, [`review-bot: unknown watchlist command "${positionals[0]}"; use "watchlist", "watchlist --json" or "watchlist check FILE"`]);
  const list = loadWatchlist(operatorFile);
  if (!list.ok) return fail(io, list.error);
  const shipped = new Set(SHIPPED_WATCHLIST.map((e) => e.id));
  if (values.json) {
    const entries = list.value.map((e) => ({ ...e, from: shipped.has(e.id) ? 'shipped' : 'file', ...(shipped.has(e.id) ? {} : { file: operatorFile }) }));
    io.stdout.write(`${JSON.stringify({ entries })}\n`);
    return 0;
  }
  const lines = list.value.map((e) => {
    const params = { id: e.id, date: e.date, names: e.names.join(', '), source: e.source, file: operatorFile ?? '' };
    return shipped.has(e.id) ? t('en', 'watchlist.list.shipped', params) : t('en', 'watchlist.list.file', params);
  });
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

function fail(io: Io, lines: string[]): number {
  io.stderr.write(`${lines.join('\n')}\n`);
  return 2;
}
