// The runtime's public surface: the bot behind every adapter, and the I/O helpers the composition
// root, the CLI and the server use. Other folders import runtime only from here.

// The contract with adapters, CLI and server
export type {
  Bot, HomeView, PlatformAdapter, ResolvePerson, RetiredQuestion, ShownQuestion, SubmitFormResult, TurnReply,
} from './contract.js';
export { createBot } from './bot.js';

// Composition helpers
export { newCaseId } from './ids.js';
export { loadDirectory, resolveFromDirectory } from './load-directory.js';
export { loadDeadlineSettings, logDisagreements } from './load-calendar.js';
export { loadWatchlist, readWatchlistFile } from './load-watchlist.js';
export { createLogger, silentLogger, type Logger } from './logger.js';
export { noMetrics, type Metrics } from './metrics.js';

// Reads the CLI shares with the chat
export { renderCaseList } from './case-text.js';
export { listVisibleCases } from './visible-cases.js';

// Errors at the runtime's boundaries
export { CalendarError, DirectoryError, PlatformError, WatchlistError } from './errors.js';
