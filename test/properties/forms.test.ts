import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_PLAN } from '../../flows/index.js';
import { createNlu } from '../../src/app.js';
import { caseMatter, checkFreeText, itemKey } from '../../src/domain/index.js';
import type { Nlu } from '../../src/engine/index.js';
import { boot, KEY, USER } from './session.js';
import { hostileText, hugeText, INTERNAL_FAILURE, runs, snapshot, tally, unclear, TIME_LIMIT } from './support.js';

// Form submissions into bot.submitForm (what Slack modals and Teams task modules end in): any
// field names, including the ones every object inherits, and values of any type. Valid fields are
// saved, every other one is refused against its field with a clear message, and a submission with
// nothing valid in it changes nothing. A list or an object in any field refuses the whole
// submission: each such field is named, and nothing of it is saved.

let nlu: Nlu;
let fieldsOf: Record<string, string[]>;
/** The case's intake forms: the sections of its matter, line items as item-1. */
let FORMS: string[];
beforeAll(async () => {
  nlu = createNlu();
  // The fields of each section, as the bot shows them.
  const s = await boot(nlu);
  const caseId = await openCase(s);
  FORMS = INTAKE_PLAN[caseMatter((await s.app.store.getCase(caseId))!.triage.answers)].map((section) => (section === 'item' ? itemKey(1) : section));
  fieldsOf = {};
  for (const form of FORMS) {
    const r = await s.app.bot.openForm({ platform: 'slack', userId: USER, caseId, form });
    if (!r.ok) throw new Error(r.message);
    fieldsOf[form] = r.form.fields.map((f) => f.id);
  }
  await s.close();
});

async function openCase(s: Awaited<ReturnType<typeof boot>>): Promise<string> {
  const { caseId } = await s.reach({ withCase: true, next: 'nothing', start: 'review', picks: [] });
  return caseId!;
}

const INHERITED = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'toJSON'];
const fieldName = () =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...Object.values(fieldsOf).flat()) },
    { weight: 2, arbitrary: fc.constantFrom(...INHERITED, 'caseId', 'form', 'msteams', '') },
    { weight: 1, arbitrary: hostileText },
  );
/** What a form input can carry: text of any kind, numbers, booleans, nothing. */
const primitive = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('Grid Co', '20', '0', '-1', '1e99', '2026-04-01', '2026-02-30', 'low', 'ready', 'skip', '', '  ') },
  { weight: 2, arbitrary: hostileText },
  { weight: 1, arbitrary: hugeText },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.bigInt().map(String)) },
);
/** What a broken or forged client can put in a field: lists and objects, of the values above or nested. */
const misshapen = fc.oneof(
  fc.array(primitive, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('value', 'id', 'text', '__proto__', 'toString'), primitive, { maxKeys: 3 }),
  fc.array(fc.array(primitive, { maxLength: 2 }), { maxLength: 2 }),
);
const formValue = fc.oneof({ weight: 6, arbitrary: primitive }, { weight: 1, arbitrary: misshapen });
/** A list or an object: never a field's answer (written out here, not taken from the code under test). */
const listOrObject = (v: unknown) => typeof v === 'object' && v !== null;
/** No value: nothing, blank, or a word that skips an optional field. */
const valueless = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && /^(|skip|none|n\/a|-|跳过|无|略过)$/i.test(v.trim()));

describe('form submissions into Bot.submitForm (properties)', () => {
  const formTally = tally('forms: any field names and values');
  afterAll(() => formTally.write());

  /** The property, over submissions whose values come from `value`. */
  const property = (value: fc.Arbitrary<unknown>, n: number) => async () => {
    const submission = fc.record({
      form: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...FORMS) }, { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'triage', '') }),
      knownCase: fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
      entries: fc.array(fc.tuple(fieldName(), value), { maxLength: 8 }),
      eventId: fc.option(fc.uuid(), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(submission, async ({ form, knownCase, entries, eventId }) => {
        const s = await boot(nlu);
        try {
          const caseId = await openCase(s);
          // Own properties, as JSON.parse makes them (a "__proto__" key included).
          const values = Object.fromEntries(entries) as Record<string, unknown>;
          const target = knownCase ? caseId : 'RB-NOCASE';
          const before = await snapshot(s.app.store, [KEY], [KEY]);
          const r = await s.app.bot.submitForm({ platform: 'slack', userId: USER, caseId: target, form, values, ...(eventId ? { eventId } : {}) });
          const after = await snapshot(s.app.store, [KEY], [KEY]);
          formTally.input();
          expect(unclear(r.message)).toBeNull();
          expect(INTERNAL_FAILURE).not.toContain(r.message);
          expect(s.log.errors()).toEqual([]);

          const fields = Object.hasOwn(fieldsOf, form) ? fieldsOf[form]! : [];
          const submitted = Object.keys(values).filter((k) => fields.includes(k));
          const stored = (await s.app.store.getCase(caseId))!.intake;
          const storedForm: Record<string, unknown> = Object.hasOwn(stored, form) ? stored[form]! : {};
          if (!r.ok) {
            for (const [field, message] of Object.entries(r.errors)) {
              expect(fields).toContain(field);
              expect(unclear(message)).toBeNull();
              expect(Object.hasOwn(storedForm, field)).toBe(false); // a refused field keeps its (empty) value
            }
          }
          // Only the section's own fields are ever stored, and only text that passes the free-text check.
          for (const [section, saved] of Object.entries(stored)) {
            expect(FORMS).toContain(section);
            for (const [field, v] of Object.entries(saved)) {
              expect(fieldsOf[section]).toContain(field);
              if (typeof v === 'string') expect(checkFreeText(v).ok).toBe(true);
            }
          }
          if (!knownCase || fields.length === 0) {
            // No such case or section: the whole submission is refused, and nothing changed.
            expect(r).toMatchObject({ ok: false, errors: {} });
            formTally.refused();
            expect(after).toEqual(before);
            return;
          }
          const refused = (f: string) => !r.ok && Object.hasOwn(r.errors, f);
          const wrongShape = submitted.filter((f) => listOrObject(values[f]));
          if (wrongShape.length > 0) {
            expect(r.ok).toBe(false);
            for (const f of wrongShape) expect(refused(f)).toBe(true);
            formTally.refused();
            expect(after).toEqual(before);
            return;
          }
          if (submitted.every(refused)) {
            formTally.refused();
            expect(after).toEqual(before);
          }
          // Every field not refused and not left empty was saved.
          for (const f of submitted.filter((x) => !refused(x) && !valueless(values[x]))) expect(storedForm[f]).toBeDefined();
        } finally {
          await s.close();
        }
      }),
      runs(n),
    );
  };

  it('valid fields are saved, every other one is refused with a clear message, and nothing else changes', property(formValue, 40), TIME_LIMIT);
});
