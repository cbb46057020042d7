import { z } from 'zod';
import { hasMessage, t } from '../i18n/index.js';
import { LANGS, type Lang } from '../i18n/lang.js';
import { ROLES, type Role } from './case.js';
import { parseSource, sourceFormat, valueAt, type Path, type SourceFormat } from './yaml-source.js';

// The people file (REVIEW_BOT_DIRECTORY): who is who on each chat platform, their roles and teams.
// JSON or YAML (JSON is YAML; a .json file must also be strict JSON). Example:
//
//   teams:
//     - { id: infra, name: Infrastructure, lead: lee }     # lead: a person id, a member of the team
//   people:
//     - id: alice                  # required; the key stored on cases (no ':', see below)
//       name: Alice Zhang          # required
//       team: infra                # optional; must be a team above
//       roles: [requester]         # required, at least one of requester, analyst, team_lead, admin
//       lang: zh-CN                # optional: en or zh-CN
//       slack: U01ALICE            # optional platform user ids, each unique per platform:
//       teams: 29:1abc...          #   Slack user id, Microsoft Teams (AAD object) id,
//       terminal: alice            #   the terminal's --user name
//     - { id: lee, name: Lee Wei, team: infra, roles: [requester, team_lead] }
//     - { id: ann, name: Ann Liu, roles: [analyst] }
//
// Checks beyond the shape: person ids, team ids and each platform's ids are unique; a person's
// team exists; a team's lead is a person of that team with the team_lead role (the lead gets the
// team's reminders and sees its cases through that role).
//
// Someone the file does not list is a requester with no team, known as `platform:userId`; person
// ids may not contain ':' so they can never collide with those keys. In the terminal, a person
// without a `terminal` id is also found by their person id (`--user ann`).
//
// Without a file, `localDirectory()` is used: a single-machine terminal setup where everyone is
// known as `platform:userId` and holds every role.

export const PLATFORMS = ['slack', 'teams', 'terminal'] as const;
export type Platform = (typeof PLATFORMS)[number];

const text = z.string().min(1);
const PersonSchema = z
  .object({
    id: text,
    name: text,
    team: text.nullish(),
    roles: z.array(z.enum(ROLES)).min(1),
    lang: z.enum(LANGS).nullish(),
    slack: text.nullish(),
    teams: text.nullish(),
    terminal: text.nullish(),
  })
  .strict();
const TeamSchema = z.object({ id: text, name: text, lead: text }).strict();
const FileSchema = z.object({ teams: z.array(TeamSchema).default([]), people: z.array(PersonSchema) }).strict();

export type DirectoryPerson = z.infer<typeof PersonSchema>;
export type DirectoryTeam = z.infer<typeof TeamSchema>;
export type Directory = {
  teams: readonly DirectoryTeam[];
  people: readonly DirectoryPerson[];
  /** Roles of someone the directory does not list: requester with a file, every role without one. */
  unknownPersonRoles: readonly Role[];
};

/** A person as the rest of the bot sees them; `key` is what cases store (the person id). */
export type Person = {
  key: string;
  name: string;
  team: string | null;
  teamLead: string | null;
  roles: readonly Role[];
  lang: Lang | null;
};

export type DirectoryProblem =
  | { type: 'syntax'; detail: string }
  | { type: 'missing' }
  | { type: 'wrong_type'; expected: string } // zod's name of the type: string, array, object, ...
  | { type: 'not_one_of'; allowed: readonly string[] }
  | { type: 'unknown_field'; field: string }
  | { type: 'empty' }
  | { type: 'invalid'; detail: string }
  | { type: 'duplicate_person'; id: string }
  | { type: 'duplicate_team'; id: string }
  | { type: 'duplicate_platform_id'; platform: Platform; id: string }
  | { type: 'colon_in_id'; id: string }
  | { type: 'unknown_team'; team: string }
  | { type: 'unknown_lead'; lead: string }
  | { type: 'lead_not_in_team'; lead: string; team: string }
  | { type: 'lead_without_role'; lead: string };

/**
 * One problem in the file: `line` is 1-based (null when no line applies), `path` the field as
 * dotted segments (`people.2.roles.0`; empty for the whole file), `message` the English text.
 */
/** `line` null: the file as a whole (printed as line 1, like the calendar check). */
export type DirectoryIssue = { source: string; line: number | null; path: string; problem: DirectoryProblem; message: string };

export type DirectoryFormat = SourceFormat;

/** A .json file is read as strict JSON; anything else (.yaml, .yml) as YAML. */
export const directoryFormat = sourceFormat;

/** Parse and check a people file; every issue names its line and field. `source` names the file in issues. */
export function parseDirectory(
  text: string,
  source: string,
  format: DirectoryFormat = directoryFormat(source),
): { ok: true; value: Directory } | { ok: false; error: DirectoryIssue[] } {
  const issue = (line: number | null, path: Path, problem: DirectoryProblem): DirectoryIssue => ({
    source,
    line,
    path: path.join('.'),
    problem,
    message: describeDirectoryProblem('en', problem),
  });

  const read = parseSource(text, format);
  if (!read.ok) return { ok: false, error: read.error.map((e) => issue(e.line, [], { type: 'syntax', detail: e.detail })) };
  const { data, lineOf } = read.value;
  const byLine = (a: DirectoryIssue, b: DirectoryIssue) => (a.line ?? 0) - (b.line ?? 0);
  const parsed = FileSchema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      error: parsed.error.issues
        .flatMap((i) => {
          const path = i.path as (string | number)[];
          if (i.code === 'unrecognized_keys') return i.keys.map((k) => issue(lineOf(path, k), [...path, k], { type: 'unknown_field', field: k }));
          return [issue(lineOf(path), path, zodProblem(i, valueAt(data, path)))];
        })
        .sort(byLine),
    };
  }

  const file = parsed.data;
  const issues: DirectoryIssue[] = [];
  const at = (path: Path, problem: DirectoryProblem) => issues.push(issue(lineOf(path), path, problem));
  const people = new Map<string, DirectoryPerson>();
  file.people.forEach((p, i) => {
    if (p.id.includes(':')) at(['people', i, 'id'], { type: 'colon_in_id', id: p.id });
    if (people.has(p.id)) at(['people', i, 'id'], { type: 'duplicate_person', id: p.id });
    else people.set(p.id, p);
  });
  for (const platform of PLATFORMS) {
    const seen = new Set<string>();
    file.people.forEach((p, i) => {
      const id = p[platform];
      if (!id) return;
      if (seen.has(id)) at(['people', i, platform], { type: 'duplicate_platform_id', platform, id });
      seen.add(id);
    });
  }
  const teams = new Set<string>();
  file.teams.forEach((team, i) => {
    if (teams.has(team.id)) at(['teams', i, 'id'], { type: 'duplicate_team', id: team.id });
    teams.add(team.id);
    const lead = people.get(team.lead);
    if (!lead) at(['teams', i, 'lead'], { type: 'unknown_lead', lead: team.lead });
    else if (lead.team !== team.id) at(['teams', i, 'lead'], { type: 'lead_not_in_team', lead: team.lead, team: team.id });
    else if (!lead.roles.includes('team_lead')) at(['teams', i, 'lead'], { type: 'lead_without_role', lead: team.lead });
  });
  file.people.forEach((p, i) => {
    if (p.team && !teams.has(p.team)) at(['people', i, 'team'], { type: 'unknown_team', team: p.team });
  });
  if (issues.length > 0) return { ok: false, error: issues.sort(byLine) };
  return { ok: true, value: { teams: file.teams, people: file.people, unknownPersonRoles: ['requester'] } };
}

function zodProblem(i: z.core.$ZodIssue, value: unknown): DirectoryProblem {
  switch (i.code) {
    case 'invalid_type':
      return value === undefined ? { type: 'missing' } : { type: 'wrong_type', expected: i.expected };
    case 'invalid_value':
      return { type: 'not_one_of', allowed: i.values.map(String) };
    case 'too_small':
      return { type: 'empty' };
    default:
      return { type: 'invalid', detail: i.message };
  }
}

/** The directory used when no file is configured: everyone is known by platform id and holds every role. */
export const localDirectory = (): Directory => ({ teams: [], people: [], unknownPersonRoles: ROLES });

const toPerson = (dir: Directory, p: DirectoryPerson): Person => {
  const team = p.team ?? null;
  return { key: p.id, name: p.name, team, teamLead: dir.teams.find((x) => x.id === team)?.lead ?? null, roles: p.roles, lang: p.lang ?? null };
};

/** The person behind a platform user id; someone not in the directory is `platform:userId` with the directory's default roles. */
export function resolvePerson(dir: Directory, platform: Platform, platformUserId: string): Person {
  const p =
    dir.people.find((x) => x[platform] === platformUserId) ??
    (platform === 'terminal' ? dir.people.find((x) => x.id === platformUserId && !x.terminal) : undefined);
  if (p) return toPerson(dir, p);
  return { key: `${platform}:${platformUserId}`, name: platformUserId, team: null, teamLead: null, roles: dir.unknownPersonRoles, lang: null };
}

/** A listed person by person id (the key on cases), e.g. to check an analyst before assigning; null if not listed. */
export function findPerson(dir: Directory, key: string): Person | null {
  const p = dir.people.find((x) => x.id === key);
  return p ? toPerson(dir, p) : null;
}

/** A team's name as people know it (the file's `name`), by the id cases store; null if the file does not list it. */
export function findTeamName(dir: Directory, id: string): string | null {
  return dir.teams.find((x) => x.id === id)?.name ?? null;
}

/** The problem in the reader's language (catalogue area `cases`). */
export function describeDirectoryProblem(lang: Lang, p: DirectoryProblem): string {
  switch (p.type) {
    case 'syntax':
      return t(lang, 'directory.syntax', { detail: p.detail });
    case 'missing':
      return t(lang, 'directory.missing');
    case 'wrong_type': {
      const specific = `directory.wrong_type.${p.expected}`;
      return hasMessage(specific) ? t(lang, specific) : t(lang, 'directory.wrong_type', { expected: p.expected });
    }
    case 'not_one_of':
      return t(lang, 'directory.not_one_of', { allowed: p.allowed.join(', ') });
    case 'unknown_field':
      return t(lang, 'directory.unknown_field', { field: p.field });
    case 'empty':
      return t(lang, 'directory.empty');
    case 'invalid':
      return t(lang, 'directory.invalid', { detail: p.detail });
    case 'duplicate_person':
      return t(lang, 'directory.duplicate_person', { id: p.id });
    case 'duplicate_team':
      return t(lang, 'directory.duplicate_team', { id: p.id });
    case 'duplicate_platform_id':
      return t(lang, 'directory.duplicate_platform_id', { platform: p.platform, id: p.id });
    case 'colon_in_id':
      return t(lang, 'directory.colon_in_id', { id: p.id });
    case 'unknown_team':
      return t(lang, 'directory.unknown_team', { team: p.team });
    case 'unknown_lead':
      return t(lang, 'directory.unknown_lead', { lead: p.lead });
    case 'lead_not_in_team':
      return t(lang, 'directory.lead_not_in_team', { lead: p.lead, team: p.team });
    case 'lead_without_role':
      return t(lang, 'directory.lead_without_role', { lead: p.lead });
  }
}

/** `file:line: field: message`, the way editors and CI logs link to a place in a file. */
export const formatDirectoryIssue = (i: DirectoryIssue, lang: Lang = 'en'): string =>
  `${i.source}:${i.line ?? 1}: ${i.path || '(file)'}: ${lang === 'en' ? i.message : describeDirectoryProblem(lang, i.problem)}`;
