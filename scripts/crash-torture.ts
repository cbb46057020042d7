// Crash torture for the terminal chat: several people talk to `review-bot chat --json` processes
// on one SQLite database, answering triage questions at random, while the processes are killed
// with SIGKILL at random moments: between turns, right after a line is written (before or while
// its reply is printed), and while starting. After every kill, and at the end:
//   - every acknowledged answer (its reply was read) is in the answer log exactly once, in order,
//     and nothing else is (an answer whose reply was cut off may be there once, or not at all);
//   - the restarted chat re-asks the question that is pending, as the triage rules say it is;
//   - `PRAGMA integrity_check` is ok.
//
//   npm run build && node --import tsx scripts/crash-torture.ts [--kills N] [--seed S] [--users U]
//
// Prints one JSON summary line; exits 1 if anything was lost, duplicated or asked wrongly.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sqlite3 from 'sqlite3';
import { openSqliteStore } from '../src/store/index.js';

const BIN = fileURLToPath(new URL('../bin/review-bot.js', import.meta.url));

export type TortureOptions = { kills: number; seed: number; users?: number; db?: string; log?: (line: string) => void };
export type TortureReport = {
  seed: number;
  users: number;
  kills: { total: number; betweenTurns: number; midTurn: number; atStart: number };
  restarts: number;
  turns: number;
  answersAcknowledged: number;
  cutOffAnswers: { kept: number; dropped: number };
  decisions: number;
  integrityChecks: number;
  durationMs: number;
  violations: string[];
};

// --- The triage rules, written out again from DESIGN.md (version 2), not taken from the code ----

type Answers = Record<string, string>;
const NOT_NAMED = ['other_network_product', 'not_network_product'];

/** The question the rules still need, or null when they decide (first matching rule wins). */
function nextStep(a: Answers): string | null {
  if (!a.matter) return 'matter';
  if (a.matter === 'listing') {
    if (!a.listing_venue) return 'listing_venue';
    if (a.listing_venue === 'hong_kong') return null;
    return a.personal_info_users_over_1m ? null : 'personal_info_users_over_1m';
  }
  if (a.matter === 'data_processing') return a.affects_national_security ? null : 'affects_national_security';
  if (!a.category) return 'category';
  if (a.category === 'not_network_product') return null;
  if (!a.ciio) return 'ciio';
  if (a.ciio !== 'yes') return null;
  return a.affects_national_security ? null : 'affects_national_security';
}

function outcomeOf(a: Answers): string {
  if (a.matter === 'listing') {
    if (a.listing_venue === 'hong_kong') return 'assess';
    return { yes: 'required', unsure: 'assess', no: 'not_required' }[a.personal_info_users_over_1m!]!;
  }
  if (a.matter === 'data_processing') return a.affects_national_security === 'no' ? 'not_required' : 'assess';
  if (a.category === 'not_network_product' || a.ciio === 'no') return 'not_required';
  if (a.ciio === 'unsure') return 'assess';
  if (a.affects_national_security === 'yes') return 'required';
  if (a.affects_national_security === 'unsure') return 'assess';
  return NOT_NAMED.includes(a.category!) ? 'not_required' : 'assess';
}

// --- A seeded random source, so a failing run can be repeated -----------------------------------

function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

// --- One chat process ----------------------------------------------------------------------------

type Line = { type: string; step?: string; choices?: { id: string }[]; outcome?: string; caseId?: string; text?: string };

function startChat(user: string, db: string, onBadLine: (raw: string) => void) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [BIN, 'chat', '--json', '--user', user, '--db', db], {
    env: { ...process.env, REVIEW_BOT_LOG: 'silent' },
  });
  const lines: Line[] = [];
  let buffer = '';
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of [...waiters]) w();
  };
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString('utf8');
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const raw = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      try {
        lines.push(JSON.parse(raw) as Line);
      } catch {
        onBadLine(raw);
      }
    }
    wake();
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString('utf8')).slice(-2000);
  });
  const closed = new Promise<void>((resolve) =>
    child.once('close', () => {
      wake();
      resolve();
    }),
  );
  child.stdin.on('error', () => undefined); // writing to a process just killed

  /** Resolves when `done(lines)` holds, or with false once the process is gone first, or after `ms`. */
  const until = (done: () => boolean, ms = 30_000) =>
    new Promise<boolean>((resolve) => {
      const finish = (v: boolean) => {
        clearTimeout(timer);
        waiters.delete(check);
        resolve(v);
      };
      const timer = setTimeout(() => finish(false), ms);
      const check = () => {
        if (done()) finish(true);
        else if (child.exitCode !== null || child.signalCode !== null) finish(false);
      };
      waiters.add(check);
      check();
    });
  return {
    child,
    lines,
    closed,
    until,
    /** How the process ended, with the end of what it wrote to stderr (for a violation's message). */
    ending: () => `exit ${child.exitCode ?? child.signalCode}; stderr: ${stderr.trim().slice(-600) || '(none)'}`,
    write: (text: string) => child.stdin.write(`${text}\n`),
    kill: async () => {
      child.kill('SIGKILL');
      await closed;
    },
  };
}
type Chat = ReturnType<typeof startChat>;

/** A turn's reply is complete: a question, an error, or a decision and the note that follows it. */
function replyComplete(fresh: Line[]): boolean {
  const last = fresh.at(-1);
  if (!last) return false;
  if (last.type === 'question' || last.type === 'error') return true;
  const d = fresh.findIndex((l) => l.type === 'decision');
  return d >= 0 && fresh.slice(d + 1).some((l) => l.type === 'info');
}

// --- The store, read between runs ---------------------------------------------------------------

/** What the store holds for one person's chat, read through the Store interface between runs. */
async function readBack(db: string, conversation: string, cases: string[]) {
  const store = await openSqliteStore(db);
  try {
    const logged = (await store.answersOf(conversation)).filter((a) => !a.inferred).map((a) => ({ step: a.step, value: String(a.value) }));
    const { state } = await store.loadConversation(conversation);
    const missing: string[] = [];
    for (const id of cases) if ((await store.getCase(id)) === null) missing.push(id);
    return { logged, active: state?.status === 'active', answered: state ? Object.keys(state.answers).length : 0, missing };
  } finally {
    await store.close();
  }
}

function integrityCheck(db: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = new sqlite3.Database(db, sqlite3.OPEN_READONLY, (err) => {
      if (err) return reject(err);
      c.all('PRAGMA integrity_check', (e, rows: { integrity_check: string }[]) => {
        c.close();
        if (e) reject(e);
        else resolve(rows.map((r) => r.integrity_check).join('; '));
      });
    });
  });
}

// --- The torture ---------------------------------------------------------------------------------

export async function crashTorture(opts: TortureOptions): Promise<TortureReport> {
  const started = Date.now();
  const rng = random(opts.seed);
  const users = opts.users ?? 3;
  const dir = opts.db ? null : mkdtempSync(join(tmpdir(), 'rb-torture-'));
  const db = opts.db ?? join(dir!, 'review-bot.sqlite');
  const log = opts.log ?? (() => undefined);
  const report: TortureReport = {
    seed: opts.seed,
    users,
    kills: { total: 0, betweenTurns: 0, midTurn: 0, atStart: 0 },
    restarts: 0,
    turns: 0,
    answersAcknowledged: 0,
    cutOffAnswers: { kept: 0, dropped: 0 },
    decisions: 0,
    integrityChecks: 0,
    durationMs: 0,
    violations: [],
  };
  let killsLeft = opts.kills;
  const violation = (who: string, what: string) => {
    report.violations.push(`${who}: ${what}`);
    log(`VIOLATION ${who}: ${what}`);
  };

  async function drive(user: string): Promise<void> {
    const key = `terminal:${user}`;
    const acked: { step: string; value: string }[] = []; // every answer whose reply was read, in order
    let current: Answers = {}; // the triage in progress, as acknowledged
    let active = false; // a triage is in progress (its next question is pending)
    const cases: string[] = [];
    const onBad = (raw: string) => violation(user, `a line that is not JSON: ${raw.slice(0, 80)}`);

    /** After a kill (or at the end): the log, the case list and the database are as acknowledged. */
    async function verify(cutOff: { step: string; value: string } | 'review' | null): Promise<void> {
      const back = await readBack(db, key, cases);
      const { logged } = back;
      if (cutOff && cutOff !== 'review') {
        // An answer written just before the kill: kept once, or not at all.
        const kept = logged.length === acked.length + 1 && logged.at(-1)!.step === cutOff.step && logged.at(-1)!.value === cutOff.value;
        if (kept) {
          acked.push(cutOff);
          current = { ...current, [cutOff.step]: cutOff.value };
          active = nextStep(current) !== null;
          report.cutOffAnswers.kept++;
        } else report.cutOffAnswers.dropped++;
      }
      // A start word cut off: a new triage has begun, or not.
      if (cutOff === 'review' && back.active && back.answered === 0) {
        current = {};
        active = true;
      }
      const same = logged.length === acked.length && logged.every((a, i) => a.step === acked[i]!.step && a.value === acked[i]!.value);
      if (!same) violation(user, `answer log ${JSON.stringify(logged)} is not the acknowledged ${JSON.stringify(acked)}`);
      for (const id of back.missing) violation(user, `acknowledged case ${id} is gone`);
      const integrity = await integrityCheck(db);
      report.integrityChecks++;
      if (integrity !== 'ok') violation(user, `integrity_check: ${integrity}`);
    }

    /** Start the chat; when a triage is pending it must re-ask exactly the pending question first. */
    async function start(): Promise<Chat> {
      const chat = startChat(user, db, onBad);
      const expected = active ? nextStep(current) : null;
      if (expected) {
        if (!(await chat.until(() => chat.lines.length >= 1))) violation(user, `did not re-ask the pending question ${expected} on start`);
        const first = chat.lines[0];
        if (first && (first.type !== 'question' || first.step !== expected))
          violation(user, `resumed with ${JSON.stringify(first)}, expected the question ${expected}`);
      }
      return chat;
    }

    let chat = await start();
    while (killsLeft > 0) {
      // What to type: the start word when nothing is pending; else mostly a choice, sometimes junk.
      const pending = active ? nextStep(current) : null;
      const shown = [...chat.lines].reverse().find((l) => l.type === 'question');
      let text: string;
      let answer: { step: string; value: string } | null = null;
      if (!pending) text = 'review';
      else if (rng.next() < 0.1) text = `/junk-${rng.int(1000)}`;
      else {
        const choices = shown?.step === pending ? (shown.choices ?? []).map((c) => c.id) : [];
        if (choices.length === 0) {
          violation(user, `no choices shown for ${pending}`);
          return;
        }
        answer = { step: pending, value: rng.pick(choices) };
        text = answer.value;
      }
      const mode = rng.next();
      const killNow = killsLeft > 0 && mode < 0.25;
      const before = chat.lines.length;
      chat.write(text);
      report.turns++;
      if (killNow && mode < 0.12) {
        // Mid-turn: right after the line is written, or a moment later while its reply is on its way.
        killsLeft--;
        report.kills.total++;
        report.kills.midTurn++;
        // At once, within a few milliseconds (the turn is being committed), or a little later.
        const wait = rng.pick([0, 0, 1, 2, 3, 5, 8, 20]);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        await chat.kill();
        const fresh = chat.lines.slice(before);
        const complete = replyComplete(fresh);
        if (complete) applyReply(fresh, answer, text);
        await verify(complete ? null : (answer ?? (text === 'review' ? 'review' : null)));
        chat = await restart();
        continue;
      }
      const ok = await chat.until(() => replyComplete(chat.lines.slice(before)));
      if (!ok) {
        if (chat.child.exitCode === null && chat.child.signalCode === null) await chat.kill();
        violation(user, `no reply to "${text}": ${JSON.stringify(chat.lines.slice(before))}; ${chat.ending()}`);
        return;
      }
      applyReply(chat.lines.slice(before), answer, text);
      if (killNow && killsLeft > 0) {
        // another chat may have taken the last kill while this one waited
        killsLeft--;
        report.kills.total++;
        report.kills.betweenTurns++;
        await chat.kill();
        await verify(null);
        chat = await restart();
      }
    }
    // The end: stdin closes, the chat exits 0, and everything acknowledged is there.
    chat.child.stdin.end();
    await chat.closed;
    if (chat.child.exitCode !== 0) violation(user, `chat exited with ${chat.child.exitCode ?? chat.child.signalCode} at the end`);
    await verify(null);

    /** Record what a complete reply acknowledged, and check it against the rules. */
    function applyReply(fresh: Line[], sent: { step: string; value: string } | null, typed: string) {
      const question = fresh.findLast((l) => l.type === 'question');
      const decision = fresh.find((l) => l.type === 'decision');
      const error = fresh.find((l) => l.type === 'error');
      if (typed.startsWith('/junk')) {
        if (!error) violation(user, `junk "${typed}" was not refused: ${JSON.stringify(fresh)}`);
        return;
      }
      if (typed === 'review' && !sent) {
        if (question?.step !== 'matter') violation(user, `"review" did not start a triage: ${JSON.stringify(fresh)}`);
        current = {};
        active = true;
        return;
      }
      if (error || !sent) {
        violation(user, `answer ${typed} to ${sent?.step} was refused: ${JSON.stringify(fresh)}`);
        return;
      }
      acked.push(sent);
      report.answersAcknowledged++;
      current = { ...current, [sent.step]: sent.value };
      const expected = nextStep(current);
      if (expected) {
        if (question?.step !== expected) violation(user, `after ${JSON.stringify(current)} asked ${question?.step}, expected ${expected}`);
      } else {
        active = false;
        report.decisions++;
        if (decision?.outcome !== outcomeOf(current))
          violation(user, `decided ${decision?.outcome} for ${JSON.stringify(current)}, expected ${outcomeOf(current)}`);
        if (decision?.caseId) cases.push(decision.caseId);
      }
    }

    async function restart(): Promise<Chat> {
      report.restarts++;
      // Sometimes killed again while starting, before it has said anything.
      if (killsLeft > 0 && rng.next() < 0.1) {
        killsLeft--;
        report.kills.total++;
        report.kills.atStart++;
        const early = startChat(user, db, onBad);
        await new Promise((r) => setTimeout(r, rng.int(300)));
        await early.kill();
        await verify(null);
        report.restarts++;
      }
      return start();
    }
  }

  try {
    await Promise.all(Array.from({ length: users }, (_, i) => drive(`torture${i}`)));
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  report.durationMs = Date.now() - started;
  return report;
}

// --- Command line --------------------------------------------------------------------------------

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { kills: { type: 'string', default: '100' }, seed: { type: 'string' }, users: { type: 'string', default: '3' } } });
  const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
  const report = await crashTorture({ kills: Number(values.kills), seed, users: Number(values.users), log: (l) => process.stderr.write(`${l}\n`) });
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exitCode = report.violations.length === 0 ? 0 : 1;
}
