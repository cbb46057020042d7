// The domain's public surface: the rules of the Measures and of a case, as pure functions and data.
// Other folders import domain only from here (tests may reach inside to test a module on its own).

// Cases and their vocabulary
export {
  auditEntry, CASE_STATUSES, newCase, OUTCOMES, outcomeTitle, ROLES, statusLabel, upgradeCase,
  type AnnouncedDeadline, type AuditEntry, type CaseRecord, type CaseStatus, type ClockEvent, type ClockEventType, type Outcome, type ReasonRef,
  type Role, type Triage,
} from './case.js';
export { parseCaseCommand, type CaseCommand } from './case-commands.js';
export {
  applyCaseAction, availableActions, CLOCK_ACTIONS, describeLifecycleError, FINAL_STATUSES, INTAKE_EDITABLE, LIFECYCLE_ACTIONS, mayChangeTriage, mayEditIntake,
  transition, TRANSITIONS,
  type CaseAction, type CaseNotice, type LifecycleAction, type LifecycleError, type TransitionResult,
} from './lifecycle.js';
export { ACTIONS, can, type Action } from './permissions.js';

// People
export {
  describeDirectoryProblem, directoryFormat, findPerson, formatDirectoryIssue, localDirectory, parseDirectory, PLATFORMS, resolvePerson,
  type Directory, type DirectoryIssue, type DirectoryPerson, type Person, type Platform,
} from './directory.js';
export { preferredLang, resolveLang, type LangSources } from './language.js';

// Triage
export { CATEGORIES, demandOf, isCategory, mostDemanding, NAMED_CATEGORIES, type Category } from './categories.js';
export { cite, SOURCES, type Citation, type Source } from './citation.js';
export { evaluateTriage, FACT_VALUES, FACTS, TRIAGE_RULES, type Fact, type Facts, type Rule, type TriageState } from './triage-rules.js';
export { RISK_FACTORS, riskSummary, type Rating, type RiskFactor, type RiskLevel, type RiskSummary } from './risk-summary.js';

// Working days, calendars and deadlines
export {
  addWorkingDays, buildCalendar, describeWorkingDayError, isCalendarDate, isWorkingDay, MAX_WORKING_DAYS, officialUntil, shanghaiDate,
  workingDaysBetween,
  type CalendarSource, type CountedDate, type OfficialYear, type WorkingCalendar, type WorkingDayError,
} from './working-days.js';
export { packageCalendarYears } from './package-calendar.js';
export { formatCalendarIssue, overlayCalendarFile, parseCalendarFile, type CalendarDisagreement, type CalendarIssue } from './calendar-file.js';
export type { PeriodKind, PeriodState } from './review-clock.js';
export {
  announcementOf, caseClock, caseDeadlines, deadlineLabel, DEADLINE_KINDS, deadlineShortLabel, deriveDeadlines, describeCaseClock, describeDue,
  describeWorkingDayErrorIn, dueSoon, movedDeadlines, sameAnnouncement,
  type CaseClock, type CaseDeadlines, type Deadline, type DeadlineKind, type DeadlineOnDay, type DeadlineSettings, type DueNotice, type DueWhen,
  type MovedDeadline, type UndatedDeadline,
} from './deadlines.js';

export { checkFreeText, describeTextProblem, MAX_FREE_TEXT, type TextProblem } from './free-text.js';
export { fail, ok, type Result } from './result.js';
