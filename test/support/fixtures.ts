import { loadConfig, type Config } from '../../src/config.js';
import { newCase, type CaseRecord, type Person, type Role } from '../../src/domain/index.js';

// One builder for the people and cases tests need, on the domain's own factory, so a new case
// field reaches every test at once. Override only what the test is about.

export const A_MOMENT = new Date('2026-03-02T02:00:00.000Z'); // Mon 2 Mar 2026, 10:00 in Shanghai

export const aPerson = (key: string, roles: readonly Role[], over: Partial<Person> = {}): Person => ({
  key,
  name: key,
  team: 'it',
  teamLead: 'lee',
  roles,
  lang: null,
  ...over,
});

/** A case alice opened at A_MOMENT ("required", team it, lead lee, unassigned), with `over` applied. */
export const aCase = (over: Partial<CaseRecord> = {}): CaseRecord => ({
  ...newCase({
    id: 'RB-000001',
    now: A_MOMENT,
    requester: aPerson('alice', ['requester']),
    lang: 'en',
    summary: 'servers',
    triage: { answers: {}, outcome: 'required', reasons: [] },
  }),
  ...over,
});

/** The configuration most runtime tests run on: defaults, an in-memory SQLite store. */
export function memoryConfig(): Config {
  const c = loadConfig({ REVIEW_BOT_DB: ':memory:' });
  if (!c.ok) throw new Error(c.error);
  return c.value;
}
