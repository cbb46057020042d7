import type { CaseStatus } from '../../src/domain/index.js';

// The lifecycle's status table, written by hand for the authorisation matrix (chat, Slack, Teams):
// which case command is possible in which status. Who may do it is the role table (role-matrix.ts).

export const STATUSES = ['open', 'intake', 'ready', 'submitted', 'decided', 'closed', 'withdrawn'] as const satisfies readonly CaseStatus[];
/** How an English reader sees each status (written out here, not read from the catalogue). */
export const STATUS_WORDS: Record<CaseStatus, string> = {
  open: 'opened',
  intake: 'in intake',
  ready: 'ready to submit',
  submitted: 'submitted to the Office',
  decided: 'decided by the Office',
  closed: 'closed',
  withdrawn: 'withdrawn',
};

/** The case commands typed in chat (src/domain/case-commands.ts); the platforms' intake forms are `intake`. */
export const CASE_COMMANDS = [
  'show',
  'comment',
  'assign other',
  'assign me',
  'intake',
  'ready',
  'submitted',
  'notice',
  'complex',
  'special',
  'supplement',
  'supplied',
  'outcome',
  'close',
  'withdraw',
  'export',
] as const;
export type CaseCommandName = (typeof CASE_COMMANDS)[number];

// In which status each command is possible, written from the lifecycle (DESIGN.md "Cases"; the
// rules stated at the top of src/domain/lifecycle.ts and in issue 11): open -> intake -> ready ->
// submitted -> decided -> closed; withdrawn from open, intake, ready or submitted; ready also from
// open (forms may never "start" an intake); close before submission (no application needed) and
// after the decision, not while the Office has the case; the review clock only while submitted;
// assignment in every status but the final ones; show, comment and export always; the intake is edited
// while open, in intake or ready.
//                  open intake ready submitted decided closed withdrawn
// biome-ignore format: a table, one row per line, its columns aligned with the header above
const STATUS_TABLE: Record<CaseCommandName, string> = {
  show:           'Y    Y      Y     Y         Y       Y      Y',
  comment:        'Y    Y      Y     Y         Y       Y      Y',
  export:         'Y    Y      Y     Y         Y       Y      Y',
  'assign other': 'Y    Y      Y     Y         Y       .      .',
  'assign me':    'Y    Y      Y     Y         Y       .      .',
  intake:         'Y    Y      Y     .         .       .      .',
  ready:          'Y    Y      .     .         .       .      .',
  submitted:      '.    .      Y     .         .       .      .',
  notice:         '.    .      .     Y         .       .      .',
  complex:        '.    .      .     Y         .       .      .',
  special:        '.    .      .     Y         .       .      .',
  supplement:     '.    .      .     Y         .       .      .',
  supplied:       '.    .      .     Y         .       .      .',
  outcome:        '.    .      .     Y         .       .      .',
  close:          'Y    Y      Y     .         Y       .      .',
  withdraw:       'Y    Y      Y     Y         .       .      .',
};
export const statusAllows = (command: CaseCommandName, status: CaseStatus): boolean => {
  const marks = STATUS_TABLE[command].trim().split(/\s+/);
  if (marks.length !== STATUSES.length) throw new Error(`status table: ${command} has ${marks.length} marks`);
  return marks[STATUSES.indexOf(status as (typeof STATUSES)[number])] === 'Y';
};
