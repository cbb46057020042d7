import { registry } from '../flows/index.js';
import { ROLES } from './domain/case.js';
import type { FlowRegistry, Nlu } from './engine/index.js';
import {
  createCategoryClassifier, CONFIDENT_AT, detectIntent, detectLang, mentionsListingAbroad, parseYesNo,
} from './nlu/index.js';
import type { Config } from './config.js';
import type { Actor, ResolveActor } from './runtime/actor.js';
import { createBot, type Bot } from './runtime/bot.js';
import { newCaseId } from './runtime/ids.js';
import { createLogger, type Logger } from './runtime/logger.js';
import { openSqliteStore, type Store } from './store/index.js';
import { directoryActor, loadDirectory } from './runtime/load-directory.js';

/** The people file is unusable; `lines` say where and why. */
export class DirectoryError extends Error {
  override readonly name = 'DirectoryError';
  constructor(readonly lines: string[]) {
    super(`the people file has problems:\n${lines.join('\n')}`);
  }
}

/** The language layer with its classifier trained once per process. */
export function createNlu(): Nlu {
  const classifier = createCategoryClassifier();
  return {
    classify: (text) => classifier.classify(text),
    confidentAt: CONFIDENT_AT,
    yesNo: parseYesNo,
    intent: detectIntent,
    mentionsListingAbroad,
    detectLang,
  };
}

/** For commands that never read free text: no classifier to train. */
export const NO_NLU: Nlu = {
  classify: () => { throw new Error('this command has no classifier'); },
  confidentAt: 1, yesNo: () => null, intent: () => null, mentionsListingAbroad: () => false, detectLang: () => 'en',
};

/** Without a directory file everyone is known by their platform id and may do everything (single-machine use). */
export const openDirectoryActor: ResolveActor = (platform, userId): Actor => ({
  key: `${platform}:${userId}`, name: userId, team: null, teamLead: null, roles: ROLES, lang: null,
});

export type App = {
  config: Config;
  store: Store;
  bot: Bot;
  nlu: Nlu;
  registry: FlowRegistry;
  log: Logger;
  resolveActor: ResolveActor;
  close(): Promise<void>;
};

export type AppOptions = { log?: Logger; clock?: () => Date; nlu?: Nlu; resolveActor?: ResolveActor };

/** Composition root: config -> store, engine, adapters' shared bot. */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const log = options.log ?? createLogger(process.stderr, config.logLevel);
  let resolveActor = options.resolveActor ?? openDirectoryActor;
  if (!options.resolveActor && config.directoryPath) {
    const dir = loadDirectory(config.directoryPath);
    if (!dir.ok) throw new DirectoryError(dir.error);
    resolveActor = directoryActor(dir.value);
  }
  const store = await openSqliteStore(config.dbPath, { durability: config.durability });
  // Commands that never read free text pass NO_NLU and skip training the classifier.
  const nlu = options.nlu ?? createNlu();
  const clock = options.clock ?? (() => new Date());
  const bot = createBot({ store, registry, nlu, clock, log, newCaseId, resolveActor, intakeTargetWorkingDays: config.intakeTargetWorkingDays });
  return { config, store, bot, nlu, registry, log, resolveActor, close: () => store.close() };
}
