// Where does a turn's time go? Run the engine benchmark's "ours" side alone under the profiler:
//   node --cpu-prof --cpu-prof-dir=/tmp/review-bot-prof --import tsx bench/profile-turns.ts [turns] [normal|full] [sequential|concurrent]
// and open the .cpuprofile in Chrome DevTools (Performance tab) or VS Code. Time the main
// thread spends waiting for SQLite's worker threads shows as "(idle)". `concurrent` runs the
// benchmark's 200-in-flight case (rounds of one turn per conversation) instead of one at a time.
import { createNlu } from '../src/app.js';
import { reviewBotDriver } from './drivers/review-bot.js';
import { driveConcurrent, driveSequential, scriptsFor } from './lib/drive.js';
import { tempDir } from './lib/tmp.js';

const CONVERSATIONS = 200;
const turns = Number(process.argv[2] ?? 10_000);
const durability = process.argv[3] === 'full' ? 'full' : 'normal';
const concurrent = process.argv[4] === 'concurrent';
const tmp = tempDir('profile');
const driver = await reviewBotDriver({ dbPath: tmp.file('profile.sqlite'), durability, nlu: createNlu() });
const scripts = scriptsFor(CONVERSATIONS, 1);
const r = concurrent
  ? await driveConcurrent(driver, scripts, 5, Math.max(1, Math.round(turns / CONVERSATIONS)))
  : await driveSequential(driver, scripts, 1_000, turns);
await driver.close();
tmp.dispose();
process.stdout.write(
  `${JSON.stringify({ mode: concurrent ? 'concurrent' : 'sequential', turns: r.turns, turns_per_s: Math.round(r.turnsPerS), p50_ms: r.p50Ms, p99_ms: r.p99Ms, wrong_replies: r.mismatches })}\n`,
);
