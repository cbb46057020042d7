import { parseArgs } from 'node:util';
import { createApp, NO_NLU } from './app.js';
import type { Config } from './config.js';
import { can, caseClock, shanghaiDate } from './domain/index.js';
import { t } from './i18n/index.js';
import { buildPack, packToMarkdown } from './pack/index.js';

type Io = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; env: Record<string, string | undefined> };

/** `review-bot export <caseId> [--format md|json] [--user ID] [--db PATH]`: the application pack. */
export async function exportCommand(argv: string[], io: Io, config: (db?: string) => Config): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: { format: { type: 'string', default: 'md' }, user: { type: 'string' }, db: { type: 'string' }, lang: { type: 'string' } },
  });
  const [caseId] = positionals;
  if (!caseId || positionals.length > 1) return usage(io, 'export needs exactly one case id, e.g. review-bot export RB-4K7Q2M');
  if (values.format !== 'md' && values.format !== 'json') return usage(io, `unknown format "${values.format}"; use md or json`);
  const app = await createApp(config(values.db), { nlu: NO_NLU });
  try {
    const person = app.resolvePerson('terminal', values.user ?? io.env.USER ?? 'local');
    const lang = values.lang === 'zh-CN' || values.lang === 'zh' ? 'zh-CN' : values.lang === 'en' ? 'en' : null;
    const record = await app.store.getCase(caseId);
    const l = lang ?? record?.lang ?? 'en';
    if (!record) return usage(io, t(l, 'pack.unknown_case', { caseId }));
    if (!can(person, 'export', record)) return usage(io, t(l, 'pack.not_allowed', { caseId }));
    const now = new Date();
    const clock = caseClock(record, app.deadlines, shanghaiDate(now));
    const pack = buildPack(record, l, clock.ok ? clock.value : null, now);
    io.stdout.write(values.format === 'json' ? `${JSON.stringify(pack, null, 2)}\n` : packToMarkdown(pack));
    return 0;
  } finally {
    await app.close();
  }
}

function usage(io: Io, message: string): number {
  io.stderr.write(`review-bot: ${message}\n`);
  return 2;
}
