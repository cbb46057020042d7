import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startFakeConnector, startFakeSlackApi } from '../lib/fakes.js';
import { progress } from '../lib/progress.js';
import { below, type Row, type SectionOptions, type SectionResult } from '../lib/report.js';
import { percentile, round } from '../lib/stats.js';
import { tempDir } from '../lib/tmp.js';
import { conversationScript } from '../lib/triage-script.js';

// 2. Platform acks: the real server (`review-bot serve` from dist/, Slack + Teams mounted on one
// port) on loopback, 200 conversations at once, each typing its next line as soon as the bot's
// reply for the previous one reached the fake Web API / connector. Measured: time to the HTTP
// response of each signed Slack event and each Teams activity (what the platform waits for).

const CONVERSATIONS = 200;
/** Time a person takes to read a reply and answer. */
const THINK = { minMs: 1_000, maxMs: 3_000 };
const SECRET = 'bench-signing-secret';

type Server = { port: number; child: ChildProcess; errors: () => number; stop(): Promise<void> };

async function startServer(root: string, env: Record<string, string>): Promise<Server> {
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under this load.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(root, 'bin/review-bot.js'), 'serve'], {
    cwd: root,
    env: { ...process.env, ...env, REVIEW_BOT_LOG: 'info', PORT: '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = 0;
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start within 20 s')), 20_000);
    createInterface({ input: child.stderr! }).on('line', (line) => {
      let e: { event?: string; level?: string; port?: number };
      try {
        e = JSON.parse(line) as typeof e;
      } catch {
        return;
      }
      if (e.event === 'server.listening' && typeof e.port === 'number') {
        clearTimeout(timer);
        resolve(e.port);
      }
      if (e.level === 'error') errors++;
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening`));
    });
  });
  return {
    port,
    child,
    errors: () => errors,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}

const agent = new Agent({ keepAlive: true, maxSockets: CONVERSATIONS + 16 });

/** POST and resolve with the status once the response has fully arrived. */
function post(port: number, path: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** `sent`: every request, warm-ups included (what the server's CPU was spent on). */
type Load = { ack: number[]; reply: number[]; bad: number; missing: number; sent: number; ms: number };

/**
 * Every conversation runs its own loop: send, time the HTTP response, wait for its reply,
 * send the next line. The first `warmup` turns of each conversation are not recorded.
 */
type Think = { minMs: number; maxMs: number } | null;
const pause = (think: Think) => (think ? new Promise((r) => setTimeout(r, think.minMs + Math.random() * (think.maxMs - think.minMs))) : Promise.resolve());

async function drive(
  turns: number,
  warmup: number,
  think: Think,
  seed: number,
  one: (conv: number, text: string, replies: number) => Promise<{ status: number; ackMs: number; replyMs: number | null }>,
  conversations = CONVERSATIONS,
): Promise<Load> {
  const load: Load = { ack: [], reply: [], bad: 0, missing: 0, sent: 0, ms: 0 };
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: conversations }, async (_, conv) => {
      const next = conversationScript(seed + conv);
      await pause(think); // people do not all start in the same millisecond
      for (let k = 0; k < turns + warmup; k++) {
        if (k > 0) await pause(think);
        const s = next();
        const r = await one(conv, s.text, s.expect.type === 'decision' ? 2 : 1);
        load.sent++;
        if (r.status < 200 || r.status >= 300) load.bad++;
        if (r.replyMs === null) load.missing++;
        if (k < warmup) continue;
        load.ack.push(r.ackMs);
        if (r.replyMs !== null) load.reply.push(r.replyMs);
      }
    }),
  );
  load.ms = performance.now() - t0;
  return load;
}

/** The server's CPU time so far, every thread (prom-client's process_cpu_seconds_total on /metrics). */
async function serverCpuSeconds(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((l) => /^review_bot_process_process_cpu_seconds_total /.test(l));
  return line ? Number(line.split(' ')[1]) : Number.NaN;
}

/** `run`, and the server CPU it cost per request sent, in ms. */
async function withCpu(port: number, run: () => Promise<Load>): Promise<{ load: Load; cpuMs: number | null }> {
  const before = await serverCpuSeconds(port);
  const load = await run();
  return { load, cpuMs: round((((await serverCpuSeconds(port)) - before) * 1000) / load.sent, 2) };
}

const summary = (l: Load) => ({
  p50_ms: round(percentile(l.ack, 50), 2),
  p99_ms: round(percentile(l.ack, 99), 2),
  max_ms: round(percentile(l.ack, 100), 1),
  reply_p50_ms: round(percentile(l.reply, 50), 2),
  reply_p99_ms: round(percentile(l.reply, 99), 2),
  requests: l.ack.length,
  non_2xx: l.bad,
  missing_replies: l.missing,
  requests_per_s: round((l.ack.length / l.ms) * 1000, 0),
});

export async function acksSection(opts: SectionOptions): Promise<SectionResult> {
  const say = progress('acks');
  const nullResult = (why: string): SectionResult => ({
    rows: [{ section: 'acks', metric: 'not measured', value: null, target: why }],
    notes: [why],
    data: { slack_p99_ms: null, teams_p99_ms: null, slack_p50_ms: null, teams_p50_ms: null },
  });
  if (!existsSync(join(opts.root, 'dist/src/cli.js'))) return nullResult('dist/ is missing: run `npm run build` (npm run bench does it first).');
  if (!existsSync(join(opts.root, 'dist/adapters/slack/index.js')) || !existsSync(join(opts.root, 'dist/adapters/teams/index.js'))) {
    return nullResult('the Slack and/or Teams adapter is not built yet (dist/adapters/{slack,teams}).');
  }
  const turns = opts.quick ? 2 : 10;
  const satTurns = opts.quick ? 1 : 6;
  /** Turns of the lone conversation: a triage is 4-6 turns, so the script starts over several times. */
  const aloneTurns = opts.quick ? 60 : 400;
  const warmup = 1;
  const tmp = tempDir('acks');
  const slackApi = await startFakeSlackApi();
  const connector = await startFakeConnector();
  const server = await startServer(opts.root, {
    REVIEW_BOT_DB: tmp.file('acks.sqlite'),
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slackApi.url,
    REVIEW_BOT_INSECURE_LOCAL: '1',
  });
  say(`server on 127.0.0.1:${server.port}; ${CONVERSATIONS} conversations x ${turns} turns per platform (+${warmup} warm-up each)`);

  let n = 0;
  const replyWait = 10_000;
  // Slack: signed event_callback DMs; Bolt acks before the turn runs (processBeforeResponse: false).
  const slackTurn = (prefix: string) => async (conv: number, text: string, replies: number) => {
    const channel = `D${prefix}${conv}`;
    const expected = slackApi.count(channel) + replies;
    const id = ++n;
    const body = JSON.stringify({
      token: 'bench',
      team_id: 'T1',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: `EvBench${id}`,
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'message', channel_type: 'im', channel, user: `U${prefix}${conv}`, text, ts: `${id}.000100` },
    });
    const ts = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    const t0 = performance.now();
    const status = await post(
      server.port,
      '/slack/events',
      { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature },
      body,
    );
    const ackMs = performance.now() - t0;
    const ok = await slackApi.until(channel, expected, replyWait);
    return { status, ackMs, replyMs: ok ? performance.now() - t0 : null };
  };
  // Teams: activities to /api/messages; the HTTP response comes once the turn is committed, its replies after.
  const teamsTurn = (prefix: string) => async (conv: number, text: string, replies: number) => {
    const conversation = `${prefix}-c${conv}`;
    const before = connector.count(conversation);
    const id = ++n;
    const body = JSON.stringify({
      type: 'message',
      id: `act${id}`,
      channelId: 'msteams',
      serviceUrl: connector.url,
      timestamp: new Date().toISOString(),
      locale: 'en-US',
      from: { id: `29:${prefix}-u${conv}`, name: `User ${conv}` },
      recipient: { id: '28:bench-bot', name: 'review-bot' },
      conversation: { id: conversation, conversationType: 'personal' },
      text,
    });
    const t0 = performance.now();
    const status = await post(server.port, '/api/messages', { 'content-type': 'application/json' }, body);
    const ackMs = performance.now() - t0;
    const ok = await connector.until(conversation, before + replies, replyWait);
    return { status, ackMs, replyMs: ok ? performance.now() - t0 : null };
  };
  try {
    // Paced: people read the reply and answer 1-3 s later (about 100 messages/s offered by 200 conversations).
    const slack = await withCpu(server.port, () => drive(turns, warmup, THINK, 7_000, slackTurn('P')));
    const s = summary(slack.load);
    say(
      `slack, paced: ack p50 ${s.p50_ms} ms p99 ${s.p99_ms} ms, reply p50 ${s.reply_p50_ms} ms p99 ${s.reply_p99_ms} ms (${s.requests} events, ${s.requests_per_s}/s, ${s.non_2xx} non-2xx, ${s.missing_replies} missing replies)`,
    );
    const teams = await withCpu(server.port, () => drive(turns, warmup, THINK, 7_000, teamsTurn('paced')));
    const t = summary(teams.load);
    say(
      `teams, paced: response p50 ${t.p50_ms} ms p99 ${t.p99_ms} ms, reply p50 ${t.reply_p50_ms} ms p99 ${t.reply_p99_ms} ms (${t.requests} activities, ${t.requests_per_s}/s, ${t.non_2xx} non-2xx, ${t.missing_replies} without a reply)`,
    );
    // Saturated: no think time, every conversation sends its next line the moment the reply arrives.
    const slackSat = summary(await drive(satTurns, 1, null, 9_000, slackTurn('S')));
    say(
      `slack, saturated: ack p50 ${slackSat.p50_ms} ms p99 ${slackSat.p99_ms} ms, reply p99 ${slackSat.reply_p99_ms} ms, ${slackSat.requests_per_s} events/s`,
    );
    const teamsSat = summary(await drive(satTurns, 1, null, 9_000, teamsTurn('sat')));
    say(
      `teams, saturated: response p50 ${teamsSat.p50_ms} ms p99 ${teamsSat.p99_ms} ms, reply p99 ${teamsSat.reply_p99_ms} ms, ${teamsSat.requests_per_s} activities/s`,
    );
    // One conversation, no pause: the response time with nothing else queued on the server (the floor under load).
    const alone = summary(await drive(aloneTurns, 3, null, 11_000, teamsTurn('alone'), 1));
    say(
      `teams, one conversation: response p50 ${alone.p50_ms} ms p99 ${alone.p99_ms} ms; server CPU per activity, paced: ${teams.cpuMs} ms (Slack event ${slack.cpuMs} ms)`,
    );

    const errors = server.errors();
    const problems = [s, t, slackSat, teamsSat, alone].reduce((a, x) => a + x.non_2xx + x.missing_replies, 0);
    const rows: Row[] = [
      {
        section: 'acks',
        metric: `Slack event ack p99 (${CONVERSATIONS} conversations, paced)`,
        value: s.p99_ms,
        unit: 'ms',
        target: '< 20 ms',
        met: below(s.p99_ms, 20),
      },
      { section: 'acks', metric: 'Slack event ack p50 (paced)', value: s.p50_ms, unit: 'ms' },
      { section: 'acks', metric: 'Slack reply at Web API p50 / p99 (paced)', value: `${s.reply_p50_ms} / ${s.reply_p99_ms}`, unit: 'ms' },
      {
        section: 'acks',
        metric: `Teams activity response p99 (${CONVERSATIONS} conversations, paced)`,
        value: t.p99_ms,
        unit: 'ms',
        target: '< 20 ms',
        met: below(t.p99_ms, 20),
      },
      { section: 'acks', metric: 'Teams activity response p50 (paced)', value: t.p50_ms, unit: 'ms' },
      { section: 'acks', metric: 'Teams reply at the connector p50 / p99 (paced)', value: `${t.reply_p50_ms} / ${t.reply_p99_ms}`, unit: 'ms' },
      { section: 'acks', metric: 'Teams activity response p50 / p99, one conversation alone', value: `${alone.p50_ms} / ${alone.p99_ms}`, unit: 'ms' },
      { section: 'acks', metric: 'server CPU per Slack event / Teams activity (paced, every thread)', value: `${slack.cpuMs} / ${teams.cpuMs}`, unit: 'ms' },
      {
        section: 'acks',
        metric: 'Slack saturated: ack p99, reply p99, events/s',
        value: `${slackSat.p99_ms} ms, ${slackSat.reply_p99_ms} ms, ${slackSat.requests_per_s}/s`,
      },
      {
        section: 'acks',
        metric: 'Teams saturated: response p50 / p99, reply p99, activities/s',
        value: `${teamsSat.p50_ms} / ${teamsSat.p99_ms} ms, ${teamsSat.reply_p99_ms} ms, ${teamsSat.requests_per_s}/s`,
      },
      { section: 'acks', metric: 'non-2xx + missing replies / server errors', value: `${problems} / ${errors}`, target: '0 / 0', met: problems + errors === 0 },
    ];
    return {
      rows,
      notes: [
        `\`review-bot serve\` (dist/) with Slack (signed events; fake Web API on loopback via SLACK_API_URL) and Teams (REVIEW_BOT_INSECURE_LOCAL=1; fake connector as the activities' serviceUrl) on one port. ${CONVERSATIONS} conversations at once, each typing its next triage line after the bot's reply arrived.`,
        `Paced: ${THINK.minMs / 1000}-${THINK.maxMs / 1000} s to read and answer (${turns} measured turns per conversation per platform after ${warmup} warm-up). Saturated: no pause (${satTurns} turns each after 1 warm-up), which measures capacity; latency then is mostly queueing (Little's law: ${CONVERSATIONS} / throughput).`,
        `Alone: one Teams conversation, no pause, ${aloneTurns} turns: the response time with nothing else queued. Server CPU: the server process's CPU time (every thread, from /metrics) over a paced phase, per request.`,
        'Slack: time to the HTTP response of the signed event (Bolt acks before the turn runs); "reply" = until the bot\'s last message of the turn reached the fake Web API. Teams: HTTP response of /api/messages, which returns once the turn is committed; "reply" = until the turn\'s last message reached the fake connector.',
      ],
      data: {
        slack_p99_ms: s.p99_ms,
        slack_p50_ms: s.p50_ms,
        teams_p99_ms: t.p99_ms,
        teams_p50_ms: t.p50_ms,
        slack_paced: s,
        teams_paced: t,
        slack_saturated: slackSat,
        teams_saturated: teamsSat,
        teams_alone: alone,
        server_cpu_ms_per_request: { slack: slack.cpuMs, teams: teams.cpuMs },
        think_ms: THINK,
        server_errors: errors,
        conversations: CONVERSATIONS,
        fake_slack_calls: slackApi.calls(),
      },
    };
  } finally {
    await server.stop();
    await slackApi.close();
    await connector.close();
    agent.destroy();
    tmp.dispose();
  }
}
