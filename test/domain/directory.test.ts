import { describe, expect, it } from 'vitest';
import { parseDirectory, resolvePerson } from '../../src/domain/directory.js';

const YAML = `teams:
  - { id: infra, name: Infrastructure, lead: lee }
people:
  - { id: alice, name: Alice, team: infra, roles: [requester], slack: U1, terminal: alice }
  - { id: lee, name: Lee, team: infra, roles: [requester, team_lead], teams: "29:lee" }
  - { id: ann, name: Ann, roles: [analyst], lang: zh-CN }
`;

describe('people file', () => {
  it('parses YAML and resolves people per platform with their team lead', () => {
    const r = parseDirectory(YAML);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(resolvePerson(r.value, 'slack', 'U1')).toMatchObject({ key: 'alice', team: 'infra', teamLead: 'lee', roles: ['requester'] });
    expect(resolvePerson(r.value, 'teams', '29:lee')).toMatchObject({ key: 'lee', roles: ['requester', 'team_lead'] });
    expect(resolvePerson(r.value, 'terminal', 'ann')).toMatchObject({ key: 'ann', lang: 'zh-CN' });
  });

  it('someone not in the file is a requester without a team', () => {
    const r = parseDirectory(YAML);
    if (!r.ok) throw new Error('bad');
    expect(resolvePerson(r.value, 'slack', 'U999')).toEqual({ key: 'slack:U999', name: 'U999', team: null, teamLead: null, roles: ['requester'], lang: null });
  });

  it('JSON works too', () => {
    expect(parseDirectory(JSON.stringify({ people: [{ id: 'a', name: 'A', roles: ['admin'] }] })).ok).toBe(true);
  });

  it.each([
    ['an unknown role, with its line and field', YAML.replace('roles: [analyst]', 'roles: [boss]'), 6, 'people.2.roles.0'],
    ['a missing name', YAML.replace('name: Ann, ', ''), 6, 'people.2.name'],
    ['an unknown team', YAML.replace('team: infra, roles: [requester], slack', 'team: ops, roles: [requester], slack'), 4, 'people.0.team'],
    ['a duplicate slack id', YAML.replace('teams: "29:lee"', 'slack: U1'), 5, 'people.1.slack'],
    ['a lead outside the team', YAML.replace('lead: lee', 'lead: ann'), 2, 'teams.0.lead'],
    ['an unknown key', YAML.replace('lang: zh-CN', 'language: zh-CN'), 6, 'people.2'],
  ])('reports %s', (_n, text, line, path) => {
    const r = parseDirectory(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error[0]).toMatchObject({ line, path });
  });

  it('reports YAML syntax errors with a line', () => {
    const r = parseDirectory('people:\n  - { id: a, name: [oops\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[0]!.line).toBeGreaterThan(0);
  });
});
