import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { runChat } from '../adapters/terminal/chat.js';
import { createApp, createNlu, deadlineSettings, NO_NLU } from './app.js';
import { loadConfig, type Config } from './config.js';
import { addWorkingDays, caseDeadlines, describeDue, describeWorkingDayError, MAX_WORKING_DAYS, preferredLang, resolveLang } from './domain/index.js';
import { LANGS, parseLang, t } from './i18n/index.js';
import { CalendarError, createLogger, DirectoryError, listVisibleCases, personName, renderCaseList, WatchlistError } from './runtime/index.js';
import { backupSqliteDatabase, describeStoreLocation, StoreError } from './store/index.js';

const USAGE = `review-bot: does this purchase need a cybersecurity review?

Usage:
  review-bot start                       serve Slack/Teams if configured, else the terminal chat
  review-bot chat [--json] [--user ID] [--lang en|zh-CN] [--db PATH]
  review-bot classify ["<text>"]         product category as JSON (no text: one per stdin line)
  review-bot deadline --from YYYY-MM-DD --working-days N
                                         {"due","provisional"}; provisional: no official calendar covers it yet
  review-bot calendar [--json]           the years with an official holiday calendar, and where each comes from
  review-bot calendar check FILE         check an operator calendar file (REVIEW_BOT_CALENDAR)
  review-bot watchlist [--json]          the supplier/product watchlist in use, each entry with its source
  review-bot watchlist check FILE        check an operator watchlist file (REVIEW_BOT_WATCHLIST)
  review-bot cases [--user ID] [--json] [--db PATH]
  review-bot serve                       HTTP server for Slack and Teams on PORT (default 3978)
  review-bot export <caseId> [--format md|json|docx|zip] [--out FILE] [--lang en|zh-CN] [--user ID] [--db PATH]
  review-bot backup FILE [--db PATH]     an online, consistent copy of the SQLite database (safe while the bot runs)
  review-bot migrate-store --from sqlite:PATH --to postgres://… [--merge]
                                         copy an SQLite database into PostgreSQL
  review-bot help | --version

Environment: REVIEW_BOT_DB, DATABASE_URL, REVIEW_BOT_DIRECTORY, REVIEW_BOT_CALENDAR, REVIEW_BOT_WATCHLIST, REVIEW_BOT_INTAKE_TARGET_DAYS, PORT, SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET,
SLACK_APP_TOKEN, SLACK_API_URL, MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD, MICROSOFT_APP_TENANT_ID, MICROSOFT_APP_TYPE.
`;

/**
 * One command's lines of USAGE (its entries and the lines that continue them), for
 * `review-bot COMMAND --help` and `review-bot help COMMAND`; null for a command it does not list.
 */
function usageOf(command: string): string | null {
  const lines: string[] = [];
  let mine = false;
  for (const line of USAGE.split('\n')) {
    const entry = /^ {2}review-bot (\S+)/.exec(line);
    if (entry) mine = entry[1] === command;
    else if (!/^ {3,}\S/.test(line)) mine = false;
    if (mine) lines.push(line);
  }
  return lines.length > 0 ? `Usage:\n${lines.join('\n')}\n\nRun "review-bot help" for every command and the environment it reads.\n` : null;
}

/** `--help` or `-h` among a command's arguments (before a `--`, after which everything is an operand). */
const asksForHelp = (argv: string[]) => {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
};

/** A failure the user can fix: one line on stderr, exit code 2, no stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code = 'usage';
}

type Io = { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; env: Record<string, string | undefined> };
const defaultIo = (): Io => ({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });

function args<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, positionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: positionals, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** The configuration from the environment; `--db PATH` means that SQLite file, whatever DATABASE_URL says. */
function config(io: Io, db?: string): Config {
  const c = loadConfig(db ? { ...io.env, REVIEW_BOT_DB: db, DATABASE_URL: undefined } : io.env);
  if (!c.ok) throw new UsageError(c.error);
  return c.value;
}

/**
 * For a command that only reads (`cases`, `export`): opening an SQLite path where no database is
 * would create one (and its folder) and migrate it, so a typo in --db or REVIEW_BOT_DB is refused
 * before anything is opened. PostgreSQL (DATABASE_URL) is left to the connection.
 */
function existingDatabase(c: Config): Config {
  if (c.store.type === 'sqlite' && c.store.path !== ':memory:' && !existsSync(c.store.path))
    throw new UsageError(`there is no database at ${c.store.path}; check --db or REVIEW_BOT_DB (nothing was created)`);
  return c;
}

const defaultUser = (io: Io) => io.env.USER || io.env.USERNAME || 'local';

/** `why`: the chat was chosen by `start` because no platform is configured (said on screen). */
async function chat(argv: string[], io: Io, why?: 'no_platforms'): Promise<number> {
  const { values } = args(argv, {
    json: { type: 'boolean', default: false },
    user: { type: 'string' },
    lang: { type: 'string' },
    db: { type: 'string' },
  });
  const lang = values.lang === undefined ? undefined : parseLang(values.lang);
  if (lang === null) throw new UsageError(`unknown language "${values.lang}"; use en or zh-CN`);
  const app = await createApp(config(io, values.db));
  try {
    const userId = values.user ?? defaultUser(io);
    const person = app.resolvePerson('terminal', userId);
    // Until the person's language is known, the chat introduces itself in both.
    const known = preferredLang({ chosen: (await app.store.getPerson(person.key))?.lang, directory: person.lang, platform: lang });
    const langs = known ? [known] : LANGS;
    const banner = [
      ...(why === 'no_platforms' ? langs.map((l) => t(l, 'terminal.no_platforms')) : []),
      ...langs.map((l) => t(l, 'terminal.who', { name: person.name, key: person.key, db: describeStoreLocation(app.config.store) })),
      ...langs.map((l) => t(l, 'terminal.leave')),
    ];
    await runChat({
      bot: app.bot,
      userId,
      json: values.json,
      input: io.stdin,
      output: io.stdout,
      ...(lang ? { lang } : {}),
      banner,
      greeting: langs.map((l) => t(l, 'engine.greeting')).join('\n'),
    });
  } finally {
    await app.close();
  }
  return 0;
}

async function classify(argv: string[], io: Io): Promise<number> {
  const { positionals } = args(argv, {}, true);
  const nlu = createNlu();
  const line = (text: string) => {
    const r = nlu.classify(text);
    return `${JSON.stringify({ category: r.category, confidence: Number(r.confidence.toFixed(4)), lang: r.lang })}\n`;
  };
  if (positionals.length > 0) {
    io.stdout.write(line(positionals.join(' ')));
    return 0;
  }
  const { createInterface } = await import('node:readline');
  for await (const text of createInterface({ input: io.stdin, crlfDelay: Infinity })) io.stdout.write(line(text));
  return 0;
}

/** The deadline settings of this process (calendar + intake target), for commands that open no database. */
const settingsOf = (io: Io) => {
  const c = config(io);
  return deadlineSettings(c, createLogger(io.stderr, c.logLevel));
};

async function deadline(argv: string[], io: Io): Promise<number> {
  const { values } = args(argv, { from: { type: 'string' }, 'working-days': { type: 'string' } });
  if (!values.from || values['working-days'] === undefined) throw new UsageError('deadline needs --from YYYY-MM-DD and --working-days N');
  const raw = values['working-days'];
  if (!/^\d+$/.test(raw)) throw new UsageError(`--working-days must be a whole number from 0 to ${MAX_WORKING_DAYS}, not "${raw}"`);
  const r = addWorkingDays(settingsOf(io).calendar, values.from, Number(raw));
  if (!r.ok) throw new UsageError(describeWorkingDayError(r.error));
  io.stdout.write(`${JSON.stringify({ due: r.value.date, provisional: r.value.provisional })}\n`);
  return 0;
}

async function calendar(argv: string[], io: Io): Promise<number> {
  const { calendarCommand } = await import('./calendar-command.js');
  return calendarCommand(argv, io, () => settingsOf(io));
}

async function cases(argv: string[], io: Io): Promise<number> {
  const { values } = args(argv, { user: { type: 'string' }, json: { type: 'boolean', default: false }, db: { type: 'string' } });
  const app = await createApp(existingDatabase(config(io, values.db)), { nlu: NO_NLU });
  try {
    const person = app.resolvePerson('terminal', values.user ?? defaultUser(io));
    const lang = resolveLang({ chosen: (await app.store.getPerson(person.key))?.lang, directory: person.lang });
    const list = await listVisibleCases(app.store, person);
    // The same wording the chat platforms deliver; rows that are no longer true or cannot be read are left out (and logged).
    const { items: reminders } = await app.bot.pendingReminders('terminal', values.user ?? defaultUser(io));
    const withDeadlines = list.map((k) => {
      const d = caseDeadlines(k, app.deadlines);
      return { ...k, deadlines: d.ok ? d.value : [] };
    });
    if (values.json) io.stdout.write(`${JSON.stringify({ cases: withDeadlines, reminders })}\n`);
    else {
      io.stdout.write(`${renderCaseList(lang, list, (key) => personName(app, key))}\n`);
      // In the reader's words (the JSON above keeps the ids): each deadline as the home view shows it, each pending notice as it will be sent.
      for (const k of withDeadlines) {
        for (const d of k.deadlines)
          io.stdout.write(`  ${k.id}: ${t(lang, 'platform.home_due', { kind: t(lang, `pack.deadline.${d.kind}`), due: describeDue(lang, d) })}\n`);
      }
      for (const r of reminders) io.stdout.write(`! ${r.text.split('\n').join('\n  ')}\n`);
    }
  } finally {
    await app.close();
  }
  return 0;
}

const COMMANDS: Record<string, (argv: string[], io: Io) => Promise<number>> = {
  chat,
  classify,
  deadline,
  calendar,
  cases,
  start: (argv, io) => {
    const c = config(io);
    if (c.slack || c.teams) return COMMANDS.serve!(argv, io);
    return chat(argv, io, 'no_platforms');
  },
  serve: async (_argv, io) => {
    const { serve } = await import('./server.js');
    return serve(config(io), io);
  },
  watchlist: async (argv, io) => {
    const { watchlistCommand } = await import('./watchlist-command.js');
    return watchlistCommand(argv, io, config(io).watchlistPath);
  },
  export: async (argv, io) => {
    const { exportCommand } = await import('./export-command.js');
    // exportCommand asks for the configuration only once its arguments are valid, just before it opens the store.
    return exportCommand(argv, io, (db) => existingDatabase(config(io, db)));
  },
  backup: async (argv, io) => {
    const { values, positionals } = args(argv, { db: { type: 'string' } }, true);
    const [target] = positionals;
    if (!target || positionals.length > 1)
      throw new UsageError('backup needs exactly one target file, e.g. review-bot backup /backups/review-bot-2026-12-01.sqlite');
    const c = config(io, values.db);
    if (c.store.type !== 'sqlite') throw new UsageError('DATABASE_URL names PostgreSQL: back it up with pg_dump (see README, "Backup and restore")');
    const r = await backupSqliteDatabase(c.store.path, target);
    io.stdout.write(`${JSON.stringify({ backup: target, from: c.store.path, pages: r.pages, integrity: r.integrity })}\n`);
    return 0;
  },
  'migrate-store': async (argv, io) => {
    const { values } = args(argv, { from: { type: 'string' }, to: { type: 'string' }, merge: { type: 'boolean', default: false } });
    const { migrateStoreCommand } = await import('./migrate-store-command.js');
    const r = await migrateStoreCommand({ from: values.from, to: values.to, merge: values.merge ?? false }, io);
    if (!r.ok) throw new UsageError(r.error);
    return 0;
  },
};

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    const about = command === 'help' && rest.length === 1 ? usageOf(rest[0]!) : null;
    io.stdout.write(about ?? USAGE);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };
    io.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const run = COMMANDS[command];
  try {
    if (!run) throw new UsageError(`unknown command "${command}"; run "review-bot help" for the list`);
    if (asksForHelp(rest)) {
      io.stdout.write(usageOf(command) ?? USAGE);
      return 0;
    }
    return await run(rest, io);
  } catch (err) {
    if (
      err instanceof UsageError ||
      err instanceof StoreError ||
      err instanceof DirectoryError ||
      err instanceof CalendarError ||
      err instanceof WatchlistError
    ) {
      io.stderr.write(`review-bot: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
