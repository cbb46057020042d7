import { describe, expect, it } from 'vitest';
import { ROLES } from '../../src/domain/case.js';
import {
  describeDirectoryProblem,
  directoryFormat,
  findPerson,
  formatDirectoryIssue,
  localDirectory,
  parseDirectory,
  resolvePerson,
  type Directory,
  type DirectoryIssue,
} from '../../src/domain/directory.js';

// Line numbers below are this text's lines.
const YAML = `teams:
  - { id: infra, name: Infrastructure, lead: lee }
people:
  - { id: alice, name: Alice, team: infra, roles: [requester], slack: U1, terminal: alice }
  - { id: lee, name: Lee, team: infra, roles: [requester, team_lead], teams: "29:lee" }
  - { id: ann, name: Ann, roles: [analyst], lang: zh-CN }
  - id: bo
    name: Bo
    roles:
      - admin
    slack: U9
`;

const ok = (text: string, source = 'people.yaml'): Directory => {
  const r = parseDirectory(text, source);
  if (!r.ok) throw new Error(r.error.map((i) => formatDirectoryIssue(i)).join('\n'));
  return r.value;
};
const issues = (text: string, source = 'people.yaml'): DirectoryIssue[] => {
  const r = parseDirectory(text, source);
  if (r.ok) throw new Error('expected problems');
  return r.error;
};

describe('people file: resolving people', () => {
  const dir = ok(YAML);

  it('finds a person by each platform id, with their team lead, roles and language', () => {
    expect(resolvePerson(dir, 'slack', 'U1')).toEqual({ key: 'alice', name: 'Alice', team: 'infra', teamLead: 'lee', roles: ['requester'], lang: null });
    expect(resolvePerson(dir, 'teams', '29:lee')).toMatchObject({ key: 'lee', roles: ['requester', 'team_lead'], teamLead: 'lee' });
    expect(resolvePerson(dir, 'terminal', 'alice')).toMatchObject({ key: 'alice' });
    expect(resolvePerson(dir, 'slack', 'U9')).toEqual({ key: 'bo', name: 'Bo', team: null, teamLead: null, roles: ['admin'], lang: null });
  });

  it('in the terminal, a person without a terminal id is found by person id', () => {
    expect(resolvePerson(dir, 'terminal', 'ann')).toMatchObject({ key: 'ann', lang: 'zh-CN', roles: ['analyst'] });
    // ...but not on the chat platforms, where ids come from the platform.
    expect(resolvePerson(dir, 'slack', 'ann')).toMatchObject({ key: 'slack:ann', roles: ['requester'] });
  });

  it('an explicit terminal id wins over a person id', () => {
    const d = ok('people:\n  - { id: ann, name: Ann, roles: [analyst] }\n  - { id: zed, name: Zed, roles: [admin], terminal: ann }\n');
    expect(resolvePerson(d, 'terminal', 'ann').key).toBe('zed');
  });

  it('someone not in the file is a requester without a team, keyed by platform and id', () => {
    expect(resolvePerson(dir, 'slack', 'U999')).toEqual({ key: 'slack:U999', name: 'U999', team: null, teamLead: null, roles: ['requester'], lang: null });
    expect(resolvePerson(dir, 'teams', 'x-1').key).toBe('teams:x-1');
  });

  it('without a file (local, single machine) everyone has every role', () => {
    const local = localDirectory();
    expect(resolvePerson(local, 'terminal', 'me')).toEqual({ key: 'terminal:me', name: 'me', team: null, teamLead: null, roles: ROLES, lang: null });
    expect(resolvePerson(local, 'slack', 'U1').roles).toEqual(['requester', 'analyst', 'team_lead', 'admin']);
  });

  it('finds a listed person by person id (to check an assignee)', () => {
    expect(findPerson(dir, 'ann')).toMatchObject({ key: 'ann', roles: ['analyst'] });
    expect(findPerson(dir, 'nobody')).toBeNull();
  });

  it('JSON works too, and teams are optional', () => {
    const d = ok(JSON.stringify({ people: [{ id: 'a', name: 'A', roles: ['admin'], slack: 'U1' }] }, null, 2), 'people.json');
    expect(resolvePerson(d, 'slack', 'U1')).toMatchObject({ key: 'a', roles: ['admin'] });
    expect(d.teams).toEqual([]);
  });

  it('the format follows the extension', () => {
    expect(['a.json', 'A.JSON', 'a.yaml', 'a.yml', 'people'].map(directoryFormat)).toEqual(['json', 'json', 'yaml', 'yaml', 'yaml']);
  });
});

describe('people file: every problem names its line and field', () => {
  const table: [name: string, text: string, line: number, path: string, message: string][] = [
    ['an unknown role', YAML.replace('roles: [analyst]', 'roles: [boss]'), 6, 'people.2.roles.0', 'must be one of: requester, analyst, team_lead, admin'],
    ['an unknown role in a block list', YAML.replace('- admin', '- root'), 10, 'people.3.roles.0', 'must be one of: requester, analyst, team_lead, admin'],
    ['a missing name (line of the entry)', YAML.replace('name: Ann, ', ''), 6, 'people.2.name', 'this field is required'],
    ['a missing name in a block entry', YAML.replace('    name: Bo\n', ''), 7, 'people.3.name', 'this field is required'],
    ['roles that are not a list', YAML.replace('roles: [analyst]', 'roles: analyst'), 6, 'people.2.roles', 'should be a list, e.g. [requester, analyst]'],
    ['an empty role list', YAML.replace('roles: [analyst]', 'roles: []'), 6, 'people.2.roles', 'must not be empty'],
    ['a number as a platform id', YAML.replace('slack: U9', 'slack: 12345'), 11, 'people.3.slack', 'should be text (put numbers in quotes)'],
    ['an unknown language', YAML.replace('lang: zh-CN', 'lang: fr'), 6, 'people.2.lang', 'must be one of: en, zh-CN'],
    ['an unknown field (line of the key)', YAML.replace('    slack: U9', '    slak: U9'), 11, 'people.3.slak', 'unknown field "slak"'],
    [
      'an unknown team',
      YAML.replace('team: infra, roles: [requester], slack', 'team: ops, roles: [requester], slack'),
      4,
      'people.0.team',
      'team "ops" is not listed under teams',
    ],
    ['a duplicate slack id', YAML.replace('teams: "29:lee"', 'slack: U1'), 5, 'people.1.slack', 'slack id "U1" belongs to two people'],
    ['a duplicate person id', YAML.replace('id: bo', 'id: ann'), 7, 'people.3.id', 'person id "ann" is used twice'],
    [
      'a colon in a person id',
      YAML.replace('id: bo', 'id: "slack:U5"'),
      7,
      'people.3.id',
      'person id "slack:U5" must not contain ":" (reserved for people not in the file)',
    ],
    ['a lead who is not in the file', YAML.replace('lead: lee', 'lead: max'), 2, 'teams.0.lead', 'lead "max" is not a person in this file'],
    ['a lead outside the team', YAML.replace('lead: lee', 'lead: ann'), 2, 'teams.0.lead', 'lead "ann" is not a member of team "infra"'],
    [
      'a lead without the team_lead role',
      YAML.replace('roles: [requester, team_lead]', 'roles: [requester]'),
      2,
      'teams.0.lead',
      'lead "lee" does not have the team_lead role',
    ],
    ['a duplicate team id', YAML.replace('teams:\n', 'teams:\n  - { id: infra, name: Again, lead: lee }\n'), 3, 'teams.1.id', 'team id "infra" is used twice'],
    ['no people at all', 'teams: []\n', 1, 'people', 'this field is required'],
  ];
  it.each(table)('%s', (_name, text, line, path, message) => {
    const found = issues(text);
    expect(found[0]).toMatchObject({ source: 'people.yaml', line, path, message });
    expect(formatDirectoryIssue(found[0]!)).toBe(`people.yaml:${line}: ${path}: ${message}`);
  });

  it('reports every problem, not just the first, in line order', () => {
    const text = YAML.replace('roles: [analyst]', 'roles: [boss]').replace('name: Alice, ', '');
    expect(issues(text).map((i) => [i.line, i.path])).toEqual([
      [4, 'people.0.name'],
      [6, 'people.2.roles.0'],
    ]);
  });

  it('YAML syntax errors and duplicate keys carry a line', () => {
    const bad = issues('people:\n  - id: a\n    name: A\n    name: B\n    roles: [admin]\n');
    expect(bad[0]).toMatchObject({ line: 4, path: '', problem: { type: 'syntax' } });
    expect(issues('people:\n  - { id: a, name: [oops\n')[0]!.line).toBeGreaterThan(1);
    expect(formatDirectoryIssue(bad[0]!)).toMatch(/^people\.yaml:4: \(file\): the file cannot be read: /);
  });

  it('a .json file must be strict JSON; the error carries its line', () => {
    const text = '{\n  "people": [\n    { "id": "a", "name": "A", "roles": ["admin"], }\n  ]\n}\n';
    expect(issues(text, 'people.json')[0]).toMatchObject({ source: 'people.json', line: 3, problem: { type: 'syntax' } });
    // The same text is acceptable YAML when the file says it is YAML.
    expect(parseDirectory(text, 'people.yaml').ok).toBe(true);
  });

  it('lines in a pretty-printed JSON file point at the field', () => {
    const text = JSON.stringify(
      {
        people: [
          { id: 'a', name: 'A', roles: ['admin'] },
          { id: 'b', name: 'B', roles: ['boss'] },
        ],
      },
      null,
      2,
    );
    const [first] = issues(text, 'people.json');
    expect(first).toMatchObject({ path: 'people.1.roles.0', line: text.split('\n').findIndex((l) => l.includes('"boss"')) + 1 });
  });

  it('an alias bomb is refused, not expanded', () => {
    const rows = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [from, to] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
    ])
      rows.push(`${to}: &${to} [${Array(9).fill(`*${from}`).join(', ')}]`);
    expect(issues(`${rows.join('\n')}\npeople: []\n`)[0]).toMatchObject({ line: null, problem: { type: 'syntax' } });
  });

  it('an empty file says the whole file is wrong', () => {
    expect(issues('')[0]).toMatchObject({ line: null, path: '', problem: { type: 'wrong_type', expected: 'object' } });
    expect(formatDirectoryIssue(issues('')[0]!)).toBe('people.yaml:1: (file): should be a set of fields (key: value)');
  });

  it('problems read in Chinese for people who use the bot in Chinese', () => {
    const [i] = issues(YAML.replace('lead: lee', 'lead: ann'));
    expect(describeDirectoryProblem('zh-CN', i!.problem)).toBe('团队负责人“ann”不是团队“infra”的成员');
    expect(formatDirectoryIssue(i!, 'zh-CN')).toBe('people.yaml:2: teams.0.lead: 团队负责人“ann”不是团队“infra”的成员');
    // Roles are named as the bot names them (domain.md §11), the file's value beside them.
    expect(describeDirectoryProblem('zh-CN', { type: 'lead_without_role', lead: 'ann' })).toBe('团队负责人“ann”的角色中没有团队负责人（team_lead）');
    expect(describeDirectoryProblem('zh-CN', { type: 'wrong_type', expected: 'array' })).toBe('应为列表，例如 [requester, analyst]（提出人、合规专员）');
  });
});
