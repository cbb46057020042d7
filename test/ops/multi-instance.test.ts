import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/index.js';
import { startFakeSlack, type FakeSlack } from '../adapters/slack/fake-web-api.js';
import { startFakeConnector } from '../support/fake-connector.js';
import { startRoundRobin, type RoundRobin } from '../support/round-robin.js';
import { slackDm, startServe, type ServeProcess } from '../support/serve-process.js';
import { createTestDatabase, pgServerRequired, TEST_PG_URL, type TestPgDatabase } from '../support/test-postgres.js';
import { aCase } from '../support/fixtures.js';

// Three `review-bot serve` processes on one PostgreSQL database behind a round-robin balancer (no
// sticky sessions): signed Slack events and Teams activities interleaved across them, one event
// delivered to two instances at once, reminder scans on all three, and one instance SIGKILLed
// while it holds reminder claims. Afterwards every answer is there once, every reminder was sent
// once, and every conversation is intact.

const SECRET = 'multi-instance-secret';
const SCRIPT = ['review', 'purchase', 'hpc_servers', 'yes', 'yes']; // -> required (a purchase; HPC; CIIO yes; affects security yes)
const STEPS = ['matter', 'category', 'ciio', 'affects_national_security'];
const SLACK_USERS = ['U1', 'U2', 'U3', 'U4'];
const TEAMS_USERS = ['T1', 'T2', 'T3', 'T4'];
const REMINDERS_PER_PERSON = 4;

const within = async (what: string, ms: number, check: () => Promise<boolean> | boolean) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

if (!TEST_PG_URL) {
  describe('several instances on one PostgreSQL database', () => {
    if (pgServerRequired) {
      it('REVIEW_BOT_TEST_PG_URL is set (CI runs the multi-instance test against a real server)', () => {
        throw new Error('CI is set but REVIEW_BOT_TEST_PG_URL is not: .ci/run must start PostgreSQL and export it');
      });
    } else {
      it.skip('needs a server: set REVIEW_BOT_TEST_PG_URL=postgres://…', () => {});
    }
  });
} else {
  describe('several instances on one PostgreSQL database', () => {
    let db: TestPgDatabase;
    let store: Store;
    let slack: FakeSlack;
    let connector: Awaited<ReturnType<typeof startFakeConnector>>;
    let instances: ServeProcess[] = [];
    let lb: RoundRobin;

    beforeAll(async () => {
      db = await createTestDatabase('rb_multi');
      slack = await startFakeSlack();
      connector = await startFakeConnector();
      // Started together: they also race to migrate the empty database.
      instances = await Promise.all(
        [1, 2, 3].map((i) =>
          startServe({
            DATABASE_URL: db.url,
            SLACK_BOT_TOKEN: `xoxb-instance-${i}`,
            SLACK_SIGNING_SECRET: SECRET,
            SLACK_API_URL: slack.url,
            REVIEW_BOT_INSECURE_LOCAL: '1',
            REVIEW_BOT_REMINDER_SCAN_MS: '100',
            REVIEW_BOT_REMINDER_LEASE_MS: '2000',
            REVIEW_BOT_PG_POOL_SIZE: '4',
          }),
        ),
      );
      lb = await startRoundRobin(instances.map((s) => s.port));
      store = await openPostgresStore(db.url, { poolSize: 2 });
    }, 60_000);

    afterAll(async () => {
      for (const s of instances) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGTERM');
      await Promise.all(instances.map((s) => s.exited));
      await lb?.close();
      await store?.close();
      await slack?.close();
      await connector?.close();
      await db?.drop();
    }, 30_000);

    let activityN = 0;
    const activity = (user: string, text: string) => ({
      type: 'message',
      id: `act-${user}-${++activityN}`,
      channelId: 'msteams',
      serviceUrl: connector.url,
      locale: 'en-US',
      text,
      from: { id: `29:${user}`, aadObjectId: `aad-${user}`, name: user },
      conversation: { id: `conv-${user}`, conversationType: 'personal', tenantId: 't1' },
      recipient: { id: '28:bot', name: 'review-bot' },
    });
    const postActivity = (base: string, body: object) =>
      fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const rev = async (key: string) => (await store.loadConversation(key)).rev;

    /** One Slack user's triage through the balancer; turn `dupAt` is delivered to two instances at once. */
    async function slackTriage(user: string, dupAt?: number) {
      for (const [i, text] of SCRIPT.entries()) {
        const eventId = `Ev-${user}-${i}`;
        const sent =
          dupAt === i
            ? await Promise.all([slackDm(instances[0]!.url, SECRET, user, text, eventId), slackDm(instances[1]!.url, SECRET, user, text, eventId)])
            : [await slackDm(lb.url, SECRET, user, text, eventId)];
        expect(sent.map((r) => r.status)).toEqual(sent.map(() => 200));
        // Slack acks first and the turn runs after: wait for it to be committed before typing on.
        await within(`${user} turn ${i}`, 15_000, async () => (await rev(`slack:${user}`)) === i + 1);
      }
    }

    /** One Teams user's triage; turn `dupAt` is delivered to two instances at once. */
    async function teamsTriage(user: string, dupAt?: number) {
      for (const [i, text] of SCRIPT.entries()) {
        const a = activity(user, text);
        const before = teamsSendsTo(user).length;
        const sent =
          dupAt === i ? await Promise.all([postActivity(instances[1]!.url, a), postActivity(instances[2]!.url, a)]) : [await postActivity(lb.url, a)];
        expect(sent.map((r) => r.status)).toEqual(sent.map(() => 200));
        // Teams is answered once the turn is committed, and the replies follow: wait for them before typing on.
        expect(await rev(`teams:aad-${user}`)).toBe(i + 1);
        await within(`${user} reply ${i}`, 15_000, async () => teamsSendsTo(user).length > before);
      }
    }

    const slackPostsTo = (user: string) => slack.of('chat.postMessage').filter((c) => c.params.channel === `D${user}`);
    const teamsSendsTo = (user: string) => connector.calls.filter((c) => c.method === 'POST' && c.path.startsWith(`/v3/conversations/conv-${user}/`));

    it('conversations interleaved across instances: every answer once, duplicates delivered twice are one turn', async () => {
      // U1 and T1 get one message delivered to two instances at once; U2 and T2 are their twins without.
      await Promise.all([
        slackTriage('U1', 1),
        slackTriage('U2'),
        slackTriage('U3'),
        slackTriage('U4'),
        teamsTriage('T1', 2),
        teamsTriage('T2'),
        teamsTriage('T3'),
        teamsTriage('T4'),
      ]);
      // Every instance took part.
      expect(new Set(lb.picks)).toEqual(new Set([0, 1, 2]));
      for (const key of [...SLACK_USERS.map((u) => `slack:${u}`), ...TEAMS_USERS.map((u) => `teams:aad-${u}`)]) {
        expect(
          (await store.answersOf(key)).map((a) => a.step),
          key,
        ).toEqual(STEPS);
        expect(await rev(key), key).toBe(SCRIPT.length);
        const cases = await store.listCases({ requester: key });
        expect(
          cases.map((k) => [k.triage.outcome, k.status]),
          key,
        ).toEqual([['required', 'open']]);
        expect(
          (await store.auditOf(cases[0]!.id)).filter((a) => a.action === 'case.open'),
          key,
        ).toHaveLength(1);
      }
      // The replies went out once: the duplicated conversations got exactly what their twins got.
      await within(
        'the last Slack replies',
        10_000,
        () => SLACK_USERS.every((u) => slackPostsTo(u).length === slackPostsTo('U2').length) && slackPostsTo('U2').length >= SCRIPT.length,
      );
      await within(
        'the last Teams replies',
        10_000,
        () => TEAMS_USERS.every((u) => teamsSendsTo(u).length === teamsSendsTo('T2').length) && teamsSendsTo('T2').length >= SCRIPT.length,
      );
      expect(slackPostsTo('U1').length).toBe(slackPostsTo('U2').length);
      expect(teamsSendsTo('T1').length).toBe(teamsSendsTo('T2').length);
      expect(teamsSendsTo('T2').length).toBeGreaterThanOrEqual(SCRIPT.length);
    }, 90_000);

    it('reminders are sent exactly once, also when an instance is killed holding claims', async () => {
      const people = [...SLACK_USERS.map((u) => `slack:${u}`), ...TEAMS_USERS.map((u) => `teams:aad-${u}`)];
      const start = Date.now();
      // Due one after another over ~1.5 s, so each scan of each instance finds a few.
      const rows = people.flatMap((recipient, p) =>
        Array.from({ length: REMINDERS_PER_PERSON }, (_, k) => {
          const n = p * REMINDERS_PER_PERSON + k;
          return {
            dedupeKey: `multi:${n}`,
            caseId: `RB-REM-${n}`,
            recipient,
            kind: 'status_changed',
            dueAt: new Date(start + (n % 16) * 100).toISOString(),
            payload: { status: 'intake' },
          };
        }),
      );
      // Every reminder post hangs at "Slack" for now: an instance stuck on one stops claiming, so
      // instance 3 (however slow the machine) ends up holding claims of its own.
      const held = slack.hold('chat.postMessage', (params) => /RB-REM-/.test(String(params.text)));
      // Each notice's case exists (a reminder about a case that does not is retired, not sent), requested by its recipient.
      expect(await store.saveCases({ newCases: rows.map((r) => aCase({ id: r.caseId, requester: r.recipient, status: 'intake' })) })).toBe('ok');
      expect(await store.scheduleReminders(rows)).toBe(rows.length);
      await within('instance 3 to hold a claimed reminder', 30_000, () => held.waiting('Bearer xoxb-instance-3') > 0);
      instances[2]!.child.kill('SIGKILL');
      expect((await instances[2]!.exited).signal).toBe('SIGKILL');
      // The survivors' posts are accepted now; the killed instance's were never accepted (its sockets are gone).
      held.release((auth) => auth !== 'Bearer xoxb-instance-3');
      // Its claims run out after the 2 s lease; the other two take them over.
      await within(
        'every reminder to be sent',
        30_000,
        async () =>
          (await store.pendingReminders('slack:U1', '2100-01-01')).length === 0 &&
          (await Promise.all(people.map((p) => store.pendingReminders(p, '2100-01-01')))).every((l) => l.length === 0),
      );
      const delivered = [
        ...slack.of('chat.postMessage').map((c) => ({ text: String(c.params.text), by: c.auth })),
        // A reminder with buttons is a card: its text is the activity's summary.
        ...connector.calls.filter((c) => c.method === 'POST').map((c) => ({ text: String(c.body.text ?? c.body.summary ?? ''), by: 'teams' })),
      ].flatMap((d) => [...d.text.matchAll(/RB-REM-(\d+)\b/g)].map((m) => ({ n: Number(m[1]), by: d.by })));
      const counts = new Map<number, number>();
      for (const d of delivered) counts.set(d.n, (counts.get(d.n) ?? 0) + 1);
      expect([...counts.keys()].sort((a, b) => a - b)).toEqual(rows.map((_, n) => n));
      expect([...counts.values()].every((c) => c === 1)).toBe(true);
      // Nothing reached "Slack" from the killed instance; what it held was sent by the others.
      expect(delivered.filter((d) => d.by === 'Bearer xoxb-instance-3')).toEqual([]);
      // The two survivors still serve: a new conversation through the balancer runs to its decision.
      await slackTriage('U9');
      expect((await store.answersOf('slack:U9')).map((a) => a.step)).toEqual(STEPS);
    }, 90_000);
  });
}
