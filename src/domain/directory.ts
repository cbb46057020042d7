import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { ROLES, type Role } from './case.js';

// The people file (REVIEW_BOT_DIRECTORY), JSON or YAML:
//
//   teams:
//     - { id: infra, name: Infrastructure, lead: lee }
//   people:
//     - { id: alice, name: Alice Zhang, team: infra, roles: [requester], slack: U01ALICE, teams: 29:1abc, terminal: alice, lang: zh-CN }
//     - { id: lee, name: Lee Wei, team: infra, roles: [requester, team_lead] }
//     - { id: ann, name: Ann Liu, roles: [analyst] }

const PersonSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  team: z.string().min(1).nullish(),
  roles: z.array(z.enum(ROLES)).min(1),
  lang: z.enum(['en', 'zh-CN']).nullish(),
  slack: z.string().min(1).nullish(),
  teams: z.string().min(1).nullish(),
  terminal: z.string().min(1).nullish(),
}).strict();
const TeamSchema = z.object({ id: z.string().min(1), name: z.string().min(1), lead: z.string().min(1) }).strict();
export const DirectorySchema = z.object({ teams: z.array(TeamSchema).default([]), people: z.array(PersonSchema) }).strict();

export type Directory = z.infer<typeof DirectorySchema>;
export type DirectoryPerson = Directory['people'][number];
export type DirectoryIssue = { line: number | null; path: string; message: string };
export type Platform = 'slack' | 'teams' | 'terminal';

/** Parse and check a people file; every issue names its line and field. */
export function parseDirectory(text: string): { ok: true; value: Directory } | { ok: false; error: DirectoryIssue[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length) {
    return { ok: false, error: doc.errors.map((e) => ({ line: lines.linePos(e.pos[0]).line, path: '', message: e.message.split('\n')[0]! })) };
  }
  const lineOf = (path: (string | number)[]): number | null => {
    let node: unknown = doc.contents;
    let last: YamlNode | null = null;
    for (const key of path) {
      if (isMap(node) || isSeq(node)) {
        last = node as YamlNode;
        node = (node as { get(k: unknown, keep: boolean): unknown }).get(key, true);
      } else break;
    }
    const range = ((node as YamlNode | undefined)?.range ?? last?.range) as [number, number, number] | undefined;
    return range ? lines.linePos(range[0]).line : null;
  };
  const parsed = DirectorySchema.safeParse(doc.toJS());
  if (!parsed.success) {
    return { ok: false, error: parsed.error.issues.map((i) => ({ line: lineOf(i.path as (string | number)[]), path: i.path.join('.'), message: i.message })) };
  }
  const d = parsed.data;
  const issues: DirectoryIssue[] = [];
  const seen = new Map<string, number>();
  d.people.forEach((p, i) => {
    if (seen.has(p.id)) issues.push({ line: lineOf(['people', i, 'id']), path: `people.${i}.id`, message: `duplicate person id "${p.id}"` });
    seen.set(p.id, i);
    if (p.team && !d.teams.some((t) => t.id === p.team)) issues.push({ line: lineOf(['people', i, 'team']), path: `people.${i}.team`, message: `unknown team "${p.team}"` });
  });
  for (const platform of ['slack', 'teams', 'terminal'] as const) {
    const ids = new Map<string, number>();
    d.people.forEach((p, i) => {
      const id = p[platform];
      if (!id) return;
      if (ids.has(id)) issues.push({ line: lineOf(['people', i, platform]), path: `people.${i}.${platform}`, message: `${platform} id "${id}" is used twice` });
      ids.set(id, i);
    });
  }
  d.teams.forEach((t, i) => {
    const lead = d.people.find((p) => p.id === t.lead);
    if (!lead) issues.push({ line: lineOf(['teams', i, 'lead']), path: `teams.${i}.lead`, message: `lead "${t.lead}" is not a person in the file` });
    else if (lead.team !== t.id) issues.push({ line: lineOf(['teams', i, 'lead']), path: `teams.${i}.lead`, message: `lead "${t.lead}" is not in team "${t.id}"` });
  });
  return issues.length ? { ok: false, error: issues } : { ok: true, value: d };
}

export type ResolvedPerson = { key: string; name: string; team: string | null; teamLead: string | null; roles: readonly Role[]; lang: 'en' | 'zh-CN' | null };

/** The directory entry for a platform user; someone not in the file is a requester with no team. */
export function resolvePerson(dir: Directory, platform: Platform, userId: string): ResolvedPerson {
  const p = dir.people.find((x) => x[platform] === userId) ?? (platform === 'terminal' ? dir.people.find((x) => x.id === userId && !x.terminal) : undefined);
  if (!p) return { key: `${platform}:${userId}`, name: userId, team: null, teamLead: null, roles: ['requester'], lang: null };
  const team = p.team ?? null;
  return { key: p.id, name: p.name, team, teamLead: dir.teams.find((t) => t.id === team)?.lead ?? null, roles: p.roles, lang: p.lang ?? null };
}

export const formatIssue = (file: string, i: DirectoryIssue) => `${file}:${i.line ?? '?'}: ${i.path || '(file)'}: ${i.message}`;
