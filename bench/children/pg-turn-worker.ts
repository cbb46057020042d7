// One "instance" of the three-instance PostgreSQL turn benchmark: its own process, its own
// createApp on DATABASE_URL, its own share of the conversations, driven one turn at a time.
// Protocol on stdio: prints "ready" after warm-up, waits for "go" on stdin, prints one JSON line
// with the timed latencies when done.
import { createInterface } from 'node:readline';
import { createNlu } from '../../src/app.js';
import { reviewBotDriver } from '../drivers/review-bot.js';
import { driveSequential, scriptsFor } from '../lib/drive.js';

const [url, worker, conversations, warmup, turns, seed] = process.argv.slice(2) as [string, string, string, string, string, string];
const driver = await reviewBotDriver({ dbPath: ':memory:', durability: 'normal', nlu: createNlu(), databaseUrl: url, userPrefix: `w${worker}-user-` });
const scripts = scriptsFor(Number(conversations), Number(seed));
// Warm-up on the same scripts (they continue where the warm-up left them).
await driveSequential(driver, scripts, 0, Number(warmup));
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line.trim() === 'go') break;
const r = await driveSequential(driver, scripts, 0, Number(turns));
process.stdout.write(`${JSON.stringify({ latencies: r.latencies, mismatches: r.mismatches, firstMismatch: r.firstMismatch, elapsedMs: r.elapsedMs })}\n`);
await driver.close();
process.exit(0);
