// The real HTTP server (Slack and Teams, authentication on) on the compiled build (dist/), for the
// edge section: it prints {"port"} once listening, and answers each stdin line `rss` with its
// VmRSS/VmHWM and what the process's own objects hold (JS heap + external buffers), in bytes, after
// two full GCs, so the parent can see whether memory came back.
// Run by bench/sections/edge.ts as: node --expose-gc bench/children/edge-server.mjs
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createApp } from '../../dist/src/app.js';
import { loadConfig } from '../../dist/src/config.js';
import { silentLogger } from '../../dist/src/runtime/logger.js';
import { startServer } from '../../dist/src/server.js';

const status = () => {
  const s = readFileSync('/proc/self/status', 'utf8');
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? Number.NaN) * 1024;
  const m = process.memoryUsage();
  return { rss: kb('VmRSS'), hwm: kb('VmHWM'), held: m.heapUsed + m.external };
};

const config = loadConfig({
  REVIEW_BOT_DB: ':memory:',
  REVIEW_BOT_LOG: 'silent',
  PORT: '0',
  // Nothing answers there: unsigned requests never reach a handler, and auth.test failing is only logged.
  SLACK_BOT_TOKEN: 'xoxb-bench',
  SLACK_SIGNING_SECRET: 'bench-secret',
  SLACK_API_URL: 'http://127.0.0.1:9/api/',
  MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001',
  MICROSOFT_APP_PASSWORD: 'bench-password',
});
if (!config.ok) throw new Error(config.error);
const app = await createApp(config.value, { log: silentLogger });
const server = await startServer(app, 0);
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'rss') {
    globalThis.gc?.();
    await settle();
    globalThis.gc?.();
    await settle();
    process.stdout.write(`${JSON.stringify(status())}\n`);
  }
}
await server.close();
await app.close();
