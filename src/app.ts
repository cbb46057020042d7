import { registry } from '../flows/index.js';
import { findPerson, findTeamName, localDirectory, type DeadlineSettings, type Person, type Watchlist } from './domain/index.js';
import type { FlowRegistry, Nlu } from './engine/index.js';
import {
  createCategoryClassifier,
  CONFIDENT_AT,
  detectIntent,
  detectLang,
  detectMatter,
  detectQuestion,
  isHedge,
  parseYesNo,
  supplierNamed,
} from './nlu/index.js';
import type { Config } from './config.js';
import {
  CalendarError,
  createBot,
  createLogger,
  DirectoryError,
  loadDeadlineSettings,
  loadDirectory,
  loadWatchlist,
  logDisagreements,
  newCaseId,
  noMetrics,
  resolveFromDirectory,
  WatchlistError,
  type Bot,
  type Logger,
  type Metrics,
  type ResolvePerson,
} from './runtime/index.js';
import type { Prometheus } from './prometheus.js';
import { observeStore, openStore, type Store } from './store/index.js';

/**
 * The one deadline configuration (calendar + intake target) of a process, from the configuration;
 * says in the log where the operator's file overrides the package. Throws CalendarError.
 */
/** The shipped watchlist with the operator's entries (REVIEW_BOT_WATCHLIST) after it; a bad file stops the start. */
export function watchlistOf(config: Config): Watchlist {
  const loaded = loadWatchlist(config.watchlistPath);
  if (!loaded.ok) throw new WatchlistError(loaded.error);
  return loaded.value;
}

export function deadlineSettings(config: Config, log: Logger): DeadlineSettings {
  const loaded = loadDeadlineSettings(config);
  if (!loaded.ok) throw new CalendarError(loaded.error);
  logDisagreements(log, loaded.value.disagreements);
  return loaded.value.settings;
}

/** The language layer with its classifier trained once per process. */
export function createNlu(): Nlu {
  const classifier = createCategoryClassifier();
  return {
    classify: (text) => classifier.classify(text),
    items: (text) => classifier.items(text),
    confidentAt: CONFIDENT_AT,
    yesNo: parseYesNo,
    hedged: isHedge,
    question: detectQuestion,
    intent: detectIntent,
    matter: detectMatter,
    supplier: supplierNamed,
    detectLang,
  };
}

/** For commands that never read free text: no classifier to train. */
export const NO_NLU: Nlu = {
  classify: () => {
    throw new Error('this command has no classifier');
  },
  items: () => [],
  confidentAt: 1,
  yesNo: () => null,
  hedged: () => false,
  question: () => null,
  intent: () => null,
  matter: () => ({ matter: null, venue: null }),
  detectLang: () => 'en',
};

export type App = {
  config: Config;
  store: Store;
  bot: Bot;
  nlu: Nlu;
  registry: FlowRegistry;
  log: Logger;
  resolvePerson: ResolvePerson;
  /** A person by key, when a people file is configured (names in the pack). */
  findPerson?: (key: string) => Person | null;
  /** A team's name by the id cases store, when a people file is configured. */
  teamName?: (id: string) => string | null;
  /** Everything that derives deadlines; built once here and passed on. */
  deadlines: DeadlineSettings;
  clock: () => Date;
  metrics: Metrics;
  /** The /metrics exposition, when `serve` asked for one. */
  prometheus: Prometheus | null;
  /** Published review decisions the bot warns about (shipped and the operator's). */
  watchlist: Watchlist;
  close(): Promise<void>;
};

export type AppOptions = {
  log?: Logger;
  clock?: () => Date;
  nlu?: Nlu;
  resolvePerson?: ResolvePerson;
  findPerson?: (key: string) => Person | null;
  teamName?: (id: string) => string | null;
  prometheus?: Prometheus;
  /** Case ids (random by default; tests pass their own). */
  newCaseId?: () => string;
};

type People = { resolvePerson: ResolvePerson; findPerson?: (key: string) => Person | null; teamName?: (id: string) => string | null };

/** The people directory: the configured file, or (single-machine use) everyone known by platform id with every role. */
function people(config: Config): People {
  if (!config.directoryPath) return { resolvePerson: resolveFromDirectory(localDirectory()) };
  const dir = loadDirectory(config.directoryPath);
  if (!dir.ok) throw new DirectoryError(dir.error);
  return {
    resolvePerson: resolveFromDirectory(dir.value),
    findPerson: (key) => findPerson(dir.value, key),
    teamName: (id) => findTeamName(dir.value, id),
  };
}

/** Composition root: config -> store, engine, adapters' shared bot. */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const log = options.log ?? createLogger(process.stderr, config.logLevel);
  const directory: People = options.resolvePerson
    ? {
        resolvePerson: options.resolvePerson,
        ...(options.findPerson ? { findPerson: options.findPerson } : {}),
        ...(options.teamName ? { teamName: options.teamName } : {}),
      }
    : people(config);
  const { resolvePerson } = directory;
  const deadlines = deadlineSettings(config, log);
  const watchlist = watchlistOf(config);
  const clock = options.clock ?? (() => new Date());
  const prometheus = options.prometheus ?? null;
  const metrics = prometheus?.metrics ?? noMetrics;
  const opened = await openStore(config.store, { clock });
  // Store errors and turned-away writes are counted around the store, whichever backend it is.
  const store = prometheus ? observeStore(opened, { error: metrics.storeError, rejected: metrics.storeRejected }) : opened;
  prometheus?.countCasesWith(() => store.countCasesByStatus());
  // Commands that never read free text pass NO_NLU and skip training the classifier.
  const nlu = options.nlu ?? createNlu();
  const bot = createBot({ store, registry, nlu, clock, log, newCaseId: options.newCaseId ?? newCaseId, metrics, ...directory, deadlines, watchlist });
  return {
    config,
    store,
    bot,
    nlu,
    registry,
    log,
    resolvePerson,
    ...(directory.findPerson ? { findPerson: directory.findPerson } : {}),
    ...(directory.teamName ? { teamName: directory.teamName } : {}),
    deadlines,
    watchlist,
    clock,
    metrics,
    prometheus,
    close: () => store.close(),
  };
}
