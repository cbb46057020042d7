import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { DirectoryIssue } from '../../src/domain/directory.js';
import { formatDirectoryIssue, parseDirectory, ROLES } from '../../src/domain/index.js';
import { LANGS } from '../../src/i18n/index.js';
import { expectFileIssues, hostileText, runs, tally, TIME_LIMIT } from './support.js';

// The people file (REVIEW_BOT_DIRECTORY), JSON or YAML: any text is read without throwing, and is
// either a directory or a list of issues, each naming its file, its line (only a problem with the
// whole file may have none) and a clear message. For files of the right shape, whether they are
// accepted is checked against the rules written out again here.

const expectIssues = (text: string, source: string, issues: DirectoryIssue[]) => expectFileIssues(text, source, issues, formatDirectoryIssue);

/** YAML-ish and JSON-ish text: values of any shape written out, cut, spliced with junk. */
const structuredText = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v, null, 2)),
  fc.anything({ maxDepth: 3 }).map((v) => {
    try {
      return String(stringify(v) ?? '');
    } catch {
      return String(v);
    }
  }),
  fc.jsonValue().map((v) => stringify({ people: v })),
  fc.jsonValue().map((v) => stringify({ teams: v, people: [] })),
);
const spliced = fc.tuple(structuredText, fc.nat(), hostileText).map(([t, at, junk]) => t.slice(0, at % (t.length + 1)) + junk + t.slice(at % (t.length + 1)));
const YAML_JUNK = [
  '&a [*a]',
  '*nope',
  '!!binary x',
  '? [a]\n: b',
  '---\n---\n',
  '%YAML 9.9\n',
  '{',
  '[',
  'people: &p [*p]',
  '"\\u',
  "'",
  '\t- x',
  'people:\n  - id: a\n   name: b',
  '<<: *x',
];
const text = fc.oneof(
  { weight: 2, arbitrary: hostileText },
  { weight: 2, arbitrary: structuredText },
  { weight: 3, arbitrary: spliced },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...YAML_JUNK), { maxLength: 4 }).map((xs) => xs.join('\n')) },
);

// Files of the right shape, drawn from small pools so that ids, teams and platform ids collide.
const ID = ['ann', 'bo', 'lee', 'a:b', 'x'];
const TEAM = ['infra', 'ops', 'ghost'];
const PLATFORM_ID = ['U1', 'U2', '29:abc'];
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const person = fc.record(
  {
    id: fc.constantFrom(...ID),
    name: fc.constantFrom('Ann', 'Bo Li', '李伟'),
    team: maybe(fc.constantFrom(...TEAM)),
    roles: fc.subarray([...ROLES]),
    lang: maybe(fc.constantFrom(...LANGS)),
    slack: maybe(fc.constantFrom(...PLATFORM_ID)),
    teams: maybe(fc.constantFrom(...PLATFORM_ID)),
  },
  { requiredKeys: ['id', 'name', 'roles'] },
);
const team = fc.record({ id: fc.constantFrom(...TEAM), name: fc.constantFrom('Infrastructure', '运维'), lead: fc.constantFrom(...ID) });
const randomFile: fc.Arbitrary<File> = fc.record({ teams: fc.array(team, { maxLength: 3 }), people: fc.array(person, { minLength: 1, maxLength: 5 }) });
type File = {
  teams: { id: string; name: string; lead: string }[];
  people: {
    id: string;
    name: string;
    team?: string | undefined;
    roles: string[];
    lang?: string | undefined;
    slack?: string | undefined;
    teams?: string | undefined;
  }[];
};

/** A file that keeps the rules by construction (each team led by its first member), then up to two slips. */
const SLIPS = ['duplicate_person', 'colon_in_id', 'drop_team', 'lead_elsewhere', 'no_roles', 'same_slack_id', 'unknown_team', 'lead_without_role'] as const;
const keptFile = fc
  .record({
    people: fc.array(
      fc.record({
        team: maybe(fc.constantFrom('infra', 'ops')),
        roles: fc.subarray([...ROLES], { minLength: 1 }),
        lang: maybe(fc.constantFrom(...LANGS)),
        slack: fc.boolean(),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    slips: fc.array(fc.constantFrom(...SLIPS), { maxLength: 2 }),
  })
  .map(({ people, slips }): File => {
    const f: File = {
      people: people.map((p, i) => ({
        id: `p${i}`,
        name: `Person ${i}`,
        roles: [...p.roles],
        ...(p.team ? { team: p.team } : {}),
        ...(p.lang ? { lang: p.lang } : {}),
        ...(p.slack ? { slack: `U${i}` } : {}),
      })),
      teams: [],
    };
    for (const id of [...new Set(f.people.flatMap((p) => (p.team ? [p.team] : [])))]) {
      const lead = f.people.find((p) => p.team === id)!;
      if (!lead.roles.includes('team_lead')) lead.roles.push('team_lead');
      f.teams.push({ id, name: id, lead: lead.id });
    }
    for (const slip of slips) {
      const p = f.people[0]!;
      if (slip === 'duplicate_person') f.people.push({ ...p, slack: undefined });
      if (slip === 'colon_in_id') p.id = `x:${p.id}`;
      if (slip === 'drop_team') f.teams.pop();
      if (slip === 'lead_elsewhere' && f.teams[0]) f.teams[0].lead = f.people.find((x) => x.team !== f.teams[0]!.id)?.id ?? 'nobody';
      if (slip === 'no_roles') p.roles = [];
      if (slip === 'same_slack_id')
        f.people.push(
          { id: 'twin', name: 'Twin', roles: ['requester'], slack: p.slack ?? 'U0' },
          { id: 'twin2', name: 'Twin 2', roles: ['requester'], slack: p.slack ?? 'U0' },
        );
      if (slip === 'unknown_team') p.team = 'ghost';
      if (slip === 'lead_without_role' && f.teams[0]) {
        const l = f.people.find((x) => x.id === f.teams[0]!.lead);
        if (l) l.roles = l.roles.filter((r) => r !== 'team_lead');
      }
    }
    // Drop the keys left undefined: the file says nothing there.
    f.people = f.people.map((x) => Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)) as File['people'][number]);
    return f;
  });
const file = fc.oneof(randomFile, keptFile);

/** The people file rules (README "People and roles"), written out again without the parser's help. */
function acceptable(f: File): boolean {
  const unique = (xs: string[]) => new Set(xs).size === xs.length;
  if (f.people.some((p) => p.roles.length === 0 || p.id.includes(':'))) return false;
  if (!unique(f.people.map((p) => p.id)) || !unique(f.teams.map((t) => t.id))) return false;
  for (const platform of ['slack', 'teams'] as const) {
    if (!unique(f.people.flatMap((p) => (p[platform] ? [p[platform]!] : [])))) return false;
  }
  if (f.people.some((p) => p.team !== undefined && !f.teams.some((t) => t.id === p.team))) return false;
  return f.teams.every((t) => f.people.some((p) => p.id === t.lead && p.team === t.id && p.roles.includes('team_lead')));
}

describe('people files into parseDirectory (properties)', () => {
  const anyTally = tally('directory: any text');
  const shapeTally = tally('directory: files of the right shape');
  afterAll(() => {
    anyTally.write();
    shapeTally.write();
  });

  it(
    'any text, as YAML or as JSON, is a directory or issues with a file, a line and a clear message; never a throw',
    () => {
      fc.assert(
        fc.property(text, fc.constantFrom('people.yaml', 'people.json'), (t, source) => {
          const r = parseDirectory(t, source);
          anyTally.input();
          if (r.ok) {
            expect(r.value.people.length).toBeGreaterThanOrEqual(0);
            return;
          }
          anyTally.refused();
          expectIssues(t, source, r.error);
        }),
        runs(300),
      );
    },
    TIME_LIMIT,
  );

  it(
    'a file of the right shape is accepted exactly when it keeps the rules, written as YAML or JSON',
    () => {
      fc.assert(
        fc.property(file, fc.boolean(), (f, asJson) => {
          const source = asJson ? 'people.json' : 'people.yaml';
          const t = asJson ? JSON.stringify(f, null, 2) : stringify(f);
          const r = parseDirectory(t, source);
          shapeTally.input();
          expect(r.ok).toBe(acceptable(f));
          if (!r.ok) {
            shapeTally.refused();
            expectIssues(t, source, r.error);
            for (const i of r.error) expect(i.line).not.toBeNull(); // a problem inside a well-formed file always has its line
          }
        }),
        runs(100),
      );
    },
    TIME_LIMIT,
  );
});
