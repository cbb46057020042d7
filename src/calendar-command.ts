import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';
import {
  formatCalendarIssue,
  officialUntil,
  overlayCalendarFile,
  packageCalendarYears,
  parseCalendarFile,
  type CalendarSource,
  type DeadlineSettings,
} from './domain/index.js';
import { t } from './i18n/index.js';

type Io = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };

const describeSource = (s: CalendarSource) => (s.type === 'package' ? `${s.name}@${s.version}` : `${s.file}: ${s.source}`);

const parseOptions = (argv: string[]) =>
  parseArgs({ args: argv, allowPositionals: true, strict: true, options: { json: { type: 'boolean', default: false } } });

/**
 * `review-bot calendar [--json]`: every year with an official calendar and where it comes from.
 * `review-bot calendar check FILE`: check an operator calendar file; each problem is one
 * `file:line: field: message` line on stderr, exit code 2.
 */
export async function calendarCommand(argv: string[], io: Io, settings: () => DeadlineSettings): Promise<number> {
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
      return fail(io, ['review-bot: calendar check needs exactly one file, e.g. review-bot calendar check holidays-2027.yaml']);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      return fail(io, [t('en', 'calendar.cannot_read', { file, detail: (err as Error).message })]);
    }
    const r = parseCalendarFile(text, file);
    if (!r.ok)
      return fail(
        io,
        r.error.map((i) => formatCalendarIssue(i)),
      );
    const { disagreements } = overlayCalendarFile(packageCalendarYears(), r.value);
    io.stdout.write(`${t('en', 'calendar.check.ok', { file, n: r.value.length, years: r.value.map((y) => y.year).join(', ') })}\n`);
    for (const d of disagreements) {
      io.stdout.write(`${t('en', 'calendar.disagrees', { year: d.year, package: describeSource(d.package), dates: d.dates.join(', ') })}\n`);
    }
    return 0;
  }
  if (positionals.length > 0)
    return fail(io, [`review-bot: unknown calendar command "${positionals[0]}"; use "calendar", "calendar --json" or "calendar check FILE"`]);
  const { calendar } = settings();
  const until = officialUntil(calendar);
  if (values.json) {
    const years = calendar.years.map((y) =>
      y.source.type === 'package'
        ? { year: y.year, from: 'package', package: `${y.source.name}@${y.source.version}` }
        : { year: y.year, from: 'file', file: y.source.file, source: y.source.source },
    );
    io.stdout.write(`${JSON.stringify({ years, officialUntil: until, provisionalUntil: calendar.last })}\n`);
    return 0;
  }
  const lines = [t('en', 'calendar.list.header', { until: until ?? '—' })];
  for (const y of calendar.years) {
    lines.push(
      y.source.type === 'package'
        ? t('en', 'calendar.list.package', { year: y.year, package: `${y.source.name}@${y.source.version}` })
        : t('en', 'calendar.list.file', { year: y.year, file: y.source.file, source: y.source.source }),
    );
  }
  lines.push(t('en', 'calendar.list.provisional', { last: calendar.last }));
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

function fail(io: Io, lines: string[]): number {
  io.stderr.write(`${lines.join('\n')}\n`);
  return 2;
}
