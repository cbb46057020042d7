// The domain's public surface: the rules of the Measures and of a case, as pure functions and data.
// Other folders import domain only from here (tests may reach inside to test a module on its own).

// Cases and their vocabulary
export {
  auditEntry,
  CASE_STATUSES,
  CLOCK_EVENTS,
  ITEM_FORM,
  itemKey,
  itemNumber,
  lineItemKeys,
  newCase,
  nextItemKey,
  OUTCOMES,
  outcomeTitle,
  ROLES,
  statusLabel,
  upgradeCase,
  type AuditEntry,
  type CaseRecord,
  type CaseStatus,
  type ClockEventType,
  type Outcome,
  type Role,
} from './case.js';
export { parseCaseCommand, type CaseCommand } from './case-commands.js';
export {
  applyCaseAction,
  availableActions,
  CLOCK_ACTIONS,
  describeLifecycleError,
  FINAL_STATUSES,
  INTAKE_EDITABLE,
  mayChangeTriage,
  mayEditIntake,
  transition,
  type CaseAction,
  type CaseNotice,
} from './lifecycle.js';
export { can } from './permissions.js';

// People
export {
  directoryFormat,
  findPerson,
  findTeamName,
  formatDirectoryIssue,
  localDirectory,
  parseDirectory,
  PLATFORMS,
  resolvePerson,
  type Directory,
  type Person,
  type Platform,
} from './directory.js';
export { preferredLang, resolveLang } from './language.js';

// Triage
export { CATEGORIES, demandOf, isCategory, mostDemanding, type Category } from './categories.js';
export type { Citation } from './citation.js';
export { evaluateTriage, FACT_VALUES, type Fact, type Facts } from './triage-rules.js';
export { factsFromV1, V1_RENAMED_STEPS } from './triage-v1.js';
export {
  formatWatchlistIssue,
  matchWatchlist,
  parseWatchlist,
  warningText,
  type Warning,
  type WatchEntry,
  type Watchlist,
} from './watchlist.js';
export { SHIPPED_WATCHLIST } from './watchlist-data.js';
export { declaresWhatIsBought, rewatchCase } from './case-watch.js';
export { differences2020 } from './measures-2020.js';
export { RISK_FACTORS, riskSummary, type RiskFactor } from './risk-summary.js';

// Working days, calendars and deadlines
export {
  addWorkingDays,
  buildCalendar,
  describeWorkingDayError,
  isCalendarDate,
  MAX_WORKING_DAYS,
  nextWorkingDayAt,
  officialUntil,
  shanghaiClock,
  shanghaiDate,
  shanghaiInstant,
  workingDaysBetween,
  type CalendarSource,
  type OfficialYear,
  type WorkingCalendar,
} from './working-days.js';
export { packageCalendarYears } from './package-calendar.js';
export { formatCalendarIssue, overlayCalendarFile, parseCalendarFile, type CalendarDisagreement } from './calendar-file.js';

export {
  announcementOf,
  boundNote,
  caseClock,
  caseDeadlines,
  DEADLINE_KINDS,
  deadlineShortLabel,
  deriveDeadlines,
  describeBasis,
  caseClockWords,
  describeCaseClock,
  describeDue,
  describeWorkingDayErrorIn,
  dueSoon,
  movedDeadlines,
  reviewNormalEnd,
  sameAnnouncement,
  type CaseClock,
  type Deadline,
  type DeadlineSettings,
  type DueNotice,
  type DueWhen,
  type MovedDeadline,
} from './deadlines.js';

// Attachments
export {
  checkAttachment,
  cleanFileName,
  formatBytes,
  materialOf,
  type AttachmentMeta,
  type AttachmentProblem,
} from './attachments.js';

// Matters, typed answers, numbers in the reader's language
export { caseMatter, MATTERS, type Matter } from './matter.js';
export {
  checkUscc,
  formatContact,
  parseContact,
  parseTypedDate,
  parseTypedNumber,
} from './typed-answers.js';
export { chineseNumeral, formatAmount, formatCount } from './numerals.js';

// Reminders: who is reminded, acknowledgements, the weekly digest
export {
  acknowledgeDeadline,
  isAcknowledged,
  mayActOnReminder,
  reminderRecipients,
  remindedDeadlines,
  type RemindedDeadline,
} from './reminder-rules.js';
export { digestItems, digestRecipient, isDigestDay, weekOf, type DigestItem, type WaitingOn } from './digest.js';

export { checkFreeText, describeTextProblem, MAX_FREE_TEXT } from './free-text.js';
export type { Result } from './result.js';
