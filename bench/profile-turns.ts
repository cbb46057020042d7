// Where does a turn's time go? Run the engine benchmark's "ours" side alone under the profiler:
//   node --cpu-prof --cpu-prof-dir=/tmp/review-bot-prof --import tsx bench/profile-turns.ts [turns] [normal|full]
// and open the .cpuprofile in Chrome DevTools (Performance tab) or VS Code. Time the main
// thread spends waiting for SQLite's worker threads shows as "(idle)".
import { createNlu } from '../src/app.js';
import { reviewBotDriver } from './drivers/review-bot.js';
import { driveSequential, scriptsFor } from './lib/drive.js';
import { tempDir } from './lib/tmp.js';

const turns = Number(process.argv[2] ?? 10_000);
const durability = process.argv[3] === 'full' ? 'full' : 'normal';
const tmp = tempDir('profile');
const driver = await reviewBotDriver({ dbPath: tmp.file('profile.sqlite'), durability, nlu: createNlu() });
const r = await driveSequential(driver, scriptsFor(200, 1), 1_000, turns);
await driver.close();
tmp.dispose();
process.stdout.write(
  `${JSON.stringify({ turns: r.turns, turns_per_s: Math.round(r.turnsPerS), p50_ms: r.p50Ms, p99_ms: r.p99Ms, wrong_replies: r.mismatches })}\n`,
);
