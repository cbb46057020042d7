import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli.js';
import { openSqliteStore } from '../../src/store/index.js';

export const BIN = fileURLToPath(new URL('../../bin/review-bot.js', import.meta.url));
export const tempDb = () => join(mkdtempSync(join(tmpdir(), 'rb-cli-')), 'db', 'review-bot.sqlite');
/** A temporary database that exists (empty, migrated): `cases` and `export` refuse a path with none. */
export const createdDb = async () => {
  const path = tempDb();
  await (await openSqliteStore(path)).close();
  return path;
};

export type Run = { code: number | null; stdout: string; stderr: string };

/**
 * The same main() as the binary, in this process with captured streams: for the cases that need
 * no process of their own (it keeps the suite fast). `runCli` runs the built binary end to end.
 */
export async function runInProcess(args: string[], env: Record<string, string> = {}, stdin = ''): Promise<Run> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  const input = new PassThrough();
  input.end(stdin);
  const code = await main(args, { stdin: input, stdout: out, stderr: err, env: { REVIEW_BOT_LOG: 'silent', ...env } });
  return { code, stdout, stderr };
}

/** Run the built CLI to completion with the given stdin. */
export function runCli(args: string[], input = '', env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, REVIEW_BOT_LOG: 'silent', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** A long-running chat process that we talk to line by line (and may kill). */
export function startChat(args: string[], env: Record<string, string> = {}) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [BIN, 'chat', '--json', ...args], {
    env: { ...process.env, REVIEW_BOT_LOG: 'silent', ...env },
  });
  const lines: object[] = [];
  let buffer = '';
  const waiters: (() => void)[] = [];
  child.stdout.on('data', (d) => {
    buffer += d;
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      lines.push(JSON.parse(buffer.slice(0, i)));
      buffer = buffer.slice(i + 1);
    }
    for (const w of waiters.splice(0)) w();
  });
  /** Wait until at least n lines have arrived. */
  const waitFor = (n: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (lines.length >= n) return resolve();
        if (child.exitCode !== null || child.signalCode !== null) return reject(new Error(`chat exited; got ${lines.length} lines`));
        waiters.push(check);
      };
      check();
    });
  return {
    child,
    lines,
    waitFor,
    /** Send one line and wait until a question, decision or error answers it. */
    async say(text: string) {
      const before = lines.length;
      child.stdin.write(`${text}\n`);
      for (;;) {
        await waitFor(lines.length + 1);
        const fresh = lines.slice(before) as { type: string }[];
        if (fresh.some((l) => l.type === 'question' || l.type === 'decision' || l.type === 'error')) return fresh;
      }
    },
  };
}
