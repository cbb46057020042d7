import fc from 'fast-check';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Inbound, Nlu, Outbound } from '../../src/engine/index.js';
import type { TurnReply } from '../../src/runtime/index.js';
import { recordingLogger } from './support.js';

// A fresh bot (in-memory SQLite, the real flows) for each property run, and a way to bring one
// person's conversation to any point: nothing started, any step of a triage, a finished triage,
// an intake asked field by field in chat.

export type Stage = {
  /** Open a case first (a triage that ends in "review required"). */
  withCase: boolean;
  /** How the conversation then goes on: nothing more, a new triage, or the case's intake in chat. */
  next: 'nothing' | 'triage' | 'intake';
  /** What starts the triage: the start word, or a first message the bot pre-fills from. */
  start: string;
  /** Answers to the questions that follow, as indexes into each question's choices (or values for typed fields). */
  picks: number[];
};

const STARTS = ['review', '审查', 'we want to buy 20 core routers', '想采购20台华为核心路由器', 'we plan an IPO in New York', 'buy office chairs'];

/** Stages, with `next` drawn from `nexts` (repeat an entry to weight it). */
export const stageOf = (...nexts: Stage['next'][]): fc.Arbitrary<Stage> =>
  fc.record({
    withCase: fc.boolean(),
    next: fc.constantFrom(...nexts),
    start: fc.constantFrom(...STARTS),
    picks: fc.array(fc.nat(), { maxLength: 6 }),
  });
export const stage = stageOf('nothing', 'triage', 'intake');

/** A triage answered yes to everything that matters: review required, a case opened. */
const OPENS_CASE = ['review', 'purchase', 'hpc_servers', 'yes', 'yes'];
const CASE_ID = /RB-[0-9A-Z]{6}/;
/** Typed intake fields whose answers are checked (a check digit, a phone or email, a date in the past): one valid answer each. */
const VALID_TYPED: Record<string, string> = { uscc: '91350100M000100Y43', contact: 'Wang Li, 13800138000', notice_date: '2025-06-30' };

export const USER = 'U1';
export const KEY = `slack:${USER}`;

export async function boot(nlu: Nlu) {
  const log = recordingLogger();
  const c = loadConfig({ REVIEW_BOT_DB: ':memory:' });
  if (!c.ok) throw new Error(c.error);
  // A fixed clock keeps deadlines inside the years the holiday calendar covers.
  const app: App = await createApp(c.value, { nlu, log, clock: () => new Date('2026-03-02T02:00:00Z') });
  const send = (input: Inbound): Promise<TurnReply> => app.bot.handle({ platform: 'slack', userId: USER, input });
  const say = (text: string) => send({ type: 'text', text });

  /** Answer the question on show with pick `p`; the answer must be taken (the set-up is wrong otherwise). */
  async function answer(shown: Outbound[], p: number): Promise<Outbound[] | null> {
    const q = questionShown(shown);
    if (!q) return null;
    const choices = q.choices ?? [];
    const text =
      q.input === 'choice'
        ? choices[p % choices.length]!.id
        : q.input === 'number'
          ? String(1 + (p % 1000))
          : (VALID_TYPED[q.step] ?? (q.input === 'date' ? '2026-04-01' : `answer ${p}`));
    const r = await say(text);
    if (r.accepted?.step !== q.step) throw new Error(`set-up answer "${text}" to ${q.step} was not taken: ${JSON.stringify(r.messages)}`);
    return r.messages;
  }

  /** Bring the conversation to `s`; returns what the bot showed last and the case opened, if any. */
  async function reach(s: Stage): Promise<{ shown: Outbound[]; caseId: string | null }> {
    let shown: Outbound[] = [];
    let caseId: string | null = null;
    if (s.withCase || s.next === 'intake') {
      for (const text of OPENS_CASE) shown = (await say(text)).messages;
      caseId = CASE_ID.exec(JSON.stringify(shown))?.[0] ?? null;
      if (!caseId) throw new Error(`set-up triage opened no case: ${JSON.stringify(shown)}`);
    }
    if (s.next === 'nothing') return { shown, caseId };
    shown = (await say(s.next === 'intake' ? `intake ${caseId}` : s.start)).messages;
    for (const p of s.picks) shown = (await answer(shown, p)) ?? shown;
    return { shown, caseId };
  }

  return { app, log, send, say, reach, close: () => app.close() };
}

export type Session = Awaited<ReturnType<typeof boot>>;

/** The question the person has on screen (the last one shown), if any. */
export const questionShown = (shown: Outbound[]) => {
  const q = shown.findLast((m) => m.type === 'question' || m.type === 'decision');
  return q?.type === 'question' ? q : null;
};

export { CASE_ID };
