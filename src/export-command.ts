import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createApp, NO_NLU } from './app.js';
import type { Config } from './config.js';
import { can, caseClock, shanghaiDate } from './domain/index.js';
import { t } from './i18n/index.js';
import { buildPack, packToDocx, packToMarkdown, packToZip } from './pack/index.js';
import { getVisibleCase, noVisibleCase, personName, teamName } from './runtime/index.js';

type Io = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; env: Record<string, string | undefined> };

const FORMATS = ['md', 'json', 'docx', 'zip'] as const;
type Format = (typeof FORMATS)[number];

/**
 * `review-bot export <caseId> [--format md|json|docx|zip] [--out FILE] [--user ID] [--lang en|zh-CN] [--db PATH]`:
 * the application pack, in the case's language unless `--lang` says otherwise. md and json go to
 * stdout without `--out`; docx and zip are files and need it.
 */
export async function exportCommand(argv: string[], io: Io, config: (db?: string) => Config): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    return usage(io, (e as Error).message);
  }
  const { values, positionals } = parsed;
  const [caseId] = positionals;
  if (!caseId || positionals.length > 1) return usage(io, 'export needs exactly one case id, e.g. review-bot export RB-4K7Q2M');
  const format = values.format as Format;
  if (!FORMATS.includes(format)) return usage(io, `unknown format "${values.format}"; use md, json, docx or zip`);
  if ((format === 'docx' || format === 'zip') && !values.out) return usage(io, `--format ${format} writes a file: add --out FILE`);
  if (values.lang !== undefined && !['en', 'zh', 'zh-CN'].includes(values.lang)) return usage(io, `unknown language "${values.lang}"; use en or zh-CN`);
  const app = await createApp(config(values.db), { nlu: NO_NLU });
  try {
    const person = app.resolvePerson('terminal', values.user ?? io.env.USER ?? 'local');
    const lang = values.lang === 'zh-CN' || values.lang === 'zh' ? 'zh-CN' : values.lang === 'en' ? 'en' : null;
    // A case the person may not see is answered as one that does not exist, in no language of its own.
    const record = await getVisibleCase(app.store, person, caseId);
    const l = lang ?? record?.lang ?? 'en';
    if (!record) return usage(io, noVisibleCase(l, caseId));
    if (!can(person, 'export', record)) return usage(io, t(l, 'pack.not_allowed', { caseId }));
    const now = new Date();
    const clock = caseClock(record, app.deadlines, shanghaiDate(now));
    const [audit, attachments] = await Promise.all([app.store.auditOf(record.id), app.store.listAttachments(record.id)]);
    const extras = { nameOf: (key: string) => personName(app, key), teamNameOf: (id: string) => teamName(app, id), audit, attachments };
    const pack = buildPack(record, l, clock.ok ? clock.value : null, now, extras);
    let bytes: Uint8Array | string;
    switch (format) {
      case 'json':
        bytes = `${JSON.stringify(pack, null, 2)}\n`;
        break;
      case 'md':
        bytes = packToMarkdown(pack);
        break;
      case 'docx':
        bytes = await packToDocx(pack);
        break;
      case 'zip': {
        // One file at a time: each may be up to 20 MB, and only the zip needs them all at once.
        const files = [];
        for (const a of attachments) {
          const stored = await app.store.getAttachment(a.id);
          if (stored) files.push({ name: a.name, bytes: stored.bytes });
        }
        bytes = await packToZip(pack, files);
        break;
      }
    }
    if (values.out) await writeFile(values.out, bytes);
    else io.stdout.write(bytes);
    return 0;
  } finally {
    await app.close();
  }
}

const parse = (argv: string[]) =>
  parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', default: 'md' },
      out: { type: 'string' },
      user: { type: 'string' },
      db: { type: 'string' },
      lang: { type: 'string' },
    },
  });

function usage(io: Io, message: string): number {
  io.stderr.write(`review-bot: ${message}\n`);
  return 2;
}
