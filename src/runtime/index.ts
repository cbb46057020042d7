// The runtime's public surface: the bot behind every adapter, and the I/O helpers the composition
// root, the CLI and the server use. Other folders import runtime only from here.

// The contract with adapters, CLI and server
export type {
  ActReply,
  Bot,
  HomeView,
  InboundFile,
  PlatformAdapter,
  PresentedReminder,
  ResolvePerson,
  RetiredQuestion,
  ShownQuestion,
  SubmitFormResult,
  TurnReply,
} from './contract.js';
export { createBot } from './bot.js';

// Composition helpers
export { newCaseId } from './ids.js';
export { loadDirectory, resolveFromDirectory } from './load-directory.js';
export { loadDeadlineSettings, logDisagreements } from './load-calendar.js';
export { loadWatchlist, readWatchlistFile } from './load-watchlist.js';
export { createLogger, routeConsole, silentLogger, type Logger } from './logger.js';
export { noMetrics, type Metrics } from './metrics.js';
export { createBodyGate, jsonErrors, notFound, refuse, type EdgeLimits } from './http-edge.js';
export { createWork } from './work.js';

// Reminder rows: their kinds and payloads, built by the scheduler's planning, read back before they are shown
export {
  countersignNotice,
  deadlineMovedNotice,
  deadlineReminder,
  digestReminder,
  gatherDigest,
  readReminder,
  reminderText,
  type ReminderPayload,
} from './reminders.js';

// Reads the CLI shares with the chat
export { renderCaseList } from './case-text.js';
export { getVisibleCase, listVisibleCases, noVisibleCase } from './visible-cases.js';

// Errors at the runtime's boundaries
export { CalendarError, DirectoryError, PlatformError, WatchlistError } from './errors.js';
export { personName, teamName } from './person-name.js';
