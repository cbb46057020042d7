import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNlu } from '../../src/app.js';
import type { Nlu, Outbound } from '../../src/engine/index.js';
import type { TurnReply } from '../../src/runtime/index.js';
import { boot, KEY, questionShown, stage, stageOf, type Session, type Stage } from './session.js';
import { CASE_VERBS, COMMAND_WORDS, hostileText, hugeText, INTERNAL_FAILURE, refusedText, runs, snapshot, tally, unclear, TIME_LIMIT } from './support.js';

// Chat text and choice clicks into Bot.handle, at every point of a conversation (nothing started,
// any step of a triage, a finished one, an intake asked in chat), with the real NLU: whatever
// arrives, the bot answers with clear catalogue messages, never fails, and a refusal changes
// nothing in the store.

let nlu: Nlu;
beforeAll(() => {
  nlu = createNlu();
});

/** Bring a fresh bot to `s`, run `act`, and hand over what the store held before and after. */
async function around(s: Stage, act: (session: Session, caseId: string | null, shown: Outbound[]) => Promise<TurnReply>) {
  const session = await boot(nlu);
  try {
    const { shown, caseId } = await session.reach(s);
    const before = await snapshot(session.app.store, [KEY], [KEY]);
    const reply = await act(session, caseId, shown);
    const after = await snapshot(session.app.store, [KEY], [KEY]);
    return { reply, before, after, caseId, shown, errors: session.log.errors() };
  } finally {
    await session.close();
  }
}

/** Every message the person is shown is clear; the handled-failure text never appears. */
function expectClear(reply: TurnReply, typed = '') {
  expect(reply.duplicate).toBe(false);
  expect(reply.messages.length).toBeGreaterThan(0);
  for (const m of reply.messages) {
    if (m.type === 'error' || m.type === 'info') {
      expect(unclear(m.text, typed)).toBeNull();
      expect(INTERNAL_FAILURE).not.toContain(m.text);
    }
  }
}
const refusal = (reply: TurnReply) => reply.messages.some((m) => m.type === 'error');

// Case ids: the session's own case (CASE), one that does not exist, and near misses.
const CASE = '\u0000CASE\u0000';
const caseRef = fc.oneof(
  fc.constant(CASE),
  fc.stringMatching(/^RB-[0-9A-Z]{6}$/),
  fc.constant(`${CASE}`.toLowerCase()),
  fc.constantFrom('RB-', 'RB-00000', 'RB-0000000', 'rb-zzzzzz', 'RB-ABC12!', 'RB–ABC123'),
);
/** Every case verb, and two spellings people type. */
const CASE_VERBS_TYPED = [...CASE_VERBS, 'SHOW', '/assign'] as const;
const junkDate = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2026-02-30', '2026-13-01', '2026-00-10', '99999-01-01', '0000-01-01', 'tomorrow', '２０２６-０３-０２', '2026/03/02', '2026-3-2', ''),
  hostileText,
);
const junkPerson = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'ghost-person', 'slack:U2', 'me!', ' ', '我们'), hostileText);
const argument = fc.oneof(hostileText, junkDate, junkPerson, hugeText);
const caseCommand = fc
  .tuple(fc.constantFrom(...CASE_VERBS_TYPED), caseRef, argument, fc.constantFrom(' ', '  ', '\t', '　'))
  .map(([v, id, arg, sp]) => `${v}${sp}${id}${sp}${arg}`);
const withCase = (text: string, caseId: string | null) =>
  text
    .split(CASE)
    .join(caseId ?? 'RB-NOCASE')
    .split(CASE.toLowerCase())
    .join((caseId ?? 'rb-nocase').toLowerCase());

/** Anything a person could type. */
const anyText = fc.oneof(
  { weight: 3, arbitrary: hostileText },
  { weight: 1, arbitrary: hugeText },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...COMMAND_WORDS), fc.constantFrom(' ', '', '/', '  '), hostileText).map(([w, sp, j]) => `${w}${sp}${j}`) },
  { weight: 2, arbitrary: caseCommand },
);

describe('chat text into Bot.handle (properties)', () => {
  const anyTally = tally('chat: any text at any step');
  const refusedTally = tally('chat: text the free-text check refuses');
  const caseTally = tally('chat: case commands with junk');
  afterAll(() => {
    anyTally.write();
    refusedTally.write();
    caseTally.write();
  });

  it(
    'any text at any step: a clear reply, no failure, and a refusal changes nothing',
    async () => {
      await fc.assert(
        fc.asyncProperty(stage, anyText, async (s, raw) => {
          let typed = raw;
          const r = await around(s, (session, caseId) => {
            typed = withCase(raw, caseId);
            return session.say(typed);
          });
          anyTally.input();
          expectClear(r.reply, typed);
          expect(r.errors).toEqual([]);
          if (refusal(r.reply)) {
            anyTally.refused();
            expect(r.reply.accepted).toBeNull();
            expect(r.after).toEqual(r.before);
          }
        }),
        runs(40),
      );
    },
    TIME_LIMIT,
  );

  it(
    'text with a control or bidi character, a lone surrogate or a broken encoding, or over 2,000 characters, is refused and changes nothing',
    async () => {
      const bad = fc.oneof(
        refusedText,
        hugeText,
        fc.tuple(caseCommand, refusedText).map(([c, b]) => `${c} ${b}`),
      );
      await fc.assert(
        fc.asyncProperty(stage, bad, async (s, raw) => {
          let typed = raw;
          const r = await around(s, (session, caseId) => {
            typed = withCase(raw, caseId);
            return session.say(typed);
          });
          refusedTally.input();
          expectClear(r.reply, typed);
          expect(refusal(r.reply)).toBe(true);
          refusedTally.refused();
          expect(r.reply.accepted).toBeNull();
          expect(r.after).toEqual(r.before);
          expect(r.errors).toEqual([]);
        }),
        runs(30),
      );
    },
    TIME_LIMIT,
  );

  it(
    'case commands naming no case, assigning nobody known, or with a date that is not one, are refused and change nothing',
    async () => {
      const notMe = (w: string) => !['me', '我', 'self'].includes(w.trim().toLowerCase());
      // An argument on one line, so the text is read as the command (a line break ends a command).
      const oneLine = (a: string) => a.trim() !== '' && !/[\n\r\u2028\u2029]/.test(a);
      const isDate = (d: string) =>
        /^\d{4}-\d{2}-\d{2}$/.test(d.trim()) &&
        !Number.isNaN(Date.parse(`${d.trim()}T00:00:00Z`)) &&
        new Date(`${d.trim()}T00:00:00Z`).toISOString().startsWith(d.trim());
      const command = fc.oneof(
        fc.tuple(fc.constantFrom(...CASE_VERBS_TYPED), fc.stringMatching(/^RB-[0-9A-Z]{6}$/), argument.filter(oneLine)).map(([v, id, a]) => `${v} ${id} ${a}`),
        fc
          .tuple(
            fc.constantFrom('assign', '分配', '指派'),
            junkPerson.filter((w) => notMe(w) && oneLine(w)),
          )
          .map(([v, who]) => `${v} ${CASE} ${who}`),
        fc
          .tuple(
            fc.constantFrom('submitted', '已提交', '提交'),
            junkDate.filter((d) => oneLine(d) && !isDate(d)),
          )
          .map(([v, d]) => `${v} ${CASE} ${d}`),
      );
      await fc.assert(
        fc.asyncProperty(
          stage.map((s) => ({ ...s, withCase: true })),
          command,
          async (s, raw) => {
            let typed = raw;
            const r = await around(s, (session, caseId) => {
              typed = withCase(raw, caseId);
              return session.say(typed);
            });
            caseTally.input();
            // A random RB- id may (once in 36^6 runs) be the session's own case: then it is not "no case".
            fc.pre(raw.includes(CASE) || !typed.includes(r.caseId!));
            expectClear(r.reply, typed);
            expect(refusal(r.reply)).toBe(true);
            caseTally.refused();
            expect(r.after).toEqual(r.before);
            expect(r.errors).toEqual([]);
          },
        ),
        runs(30),
      );
    },
    TIME_LIMIT,
  );
});

describe('choice clicks into Bot.handle (properties)', () => {
  const choiceTally = tally('chat: choice ids, stale and arbitrary');
  afterAll(() => choiceTally.write());

  const STEPS = ['matter', 'listing_venue', 'personal_info_users_over_1m', 'category', 'ciio', 'affects_national_security', 'applicant_org', 'quantity', ''];
  const CHOICES = ['yes', 'no', 'unsure', 'hpc_servers', 'not_network_product', 'other_network_product', 'low', 'ready'];
  const odd = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '1', '0', 'YES', ' yes'), hostileText);
  const step = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...STEPS) }, { weight: 1, arbitrary: odd });
  const choice = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...CHOICES) }, { weight: 1, arbitrary: odd });

  it(
    'a choice is taken exactly when it answers the question on show with one of its choices; anything else is refused and changes nothing',
    async () => {
      // Where the click lands: any step and choice; the question on show with any choice; the question on show with one of its own.
      const aim = fc.constantFrom('anywhere', 'on_show', 'on_show_valid', 'on_show_valid');
      // Mostly a triage in progress, where questions have choices to click.
      await fc.assert(
        fc.asyncProperty(stageOf('triage', 'triage', 'triage', 'nothing', 'intake'), step, choice, aim, fc.nat(), async (s, st, ch, where, k) => {
          let clicked = { step: st, choice: ch };
          const r = await around(s, async (session, _caseId, shown) => {
            const q = questionShown(shown);
            const own = q?.choices?.length ? q.choices[k % q.choices.length]!.id : ch;
            if (q && where !== 'anywhere') clicked = { step: q.step, choice: where === 'on_show_valid' ? own : ch };
            return session.send({ type: 'choice', ...clicked });
          });
          choiceTally.input();
          const q = questionShown(r.shown);
          // Valid exactly when it names the question on show and one of that question's choices.
          const valid = !!q && clicked.step === q.step && (q.choices ?? []).some((c) => c.id === clicked.choice);
          expectClear(r.reply);
          expect(r.errors).toEqual([]);
          if (valid) {
            expect(r.reply.accepted).toMatchObject({ step: q!.step });
            expect(r.after).not.toEqual(r.before);
          } else {
            choiceTally.refused();
            expect(refusal(r.reply)).toBe(true);
            expect(r.reply.accepted).toBeNull();
            expect(r.after).toEqual(r.before);
          }
        }),
        runs(40),
      );
    },
    TIME_LIMIT,
  );
});
