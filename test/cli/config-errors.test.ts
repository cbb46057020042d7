import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

// A configuration the operator can fix is one clear line on stderr and exit code 2; a password in
// DATABASE_URL is never echoed.

const slack = { SLACK_BOT_TOKEN: 'xoxb-x', SLACK_SIGNING_SECRET: 's', PORT: '0' };

describe('configuration errors: one line, exit 2', () => {
  it.each([
    [
      'a DATABASE_URL that is not PostgreSQL',
      ['serve'],
      { ...slack, DATABASE_URL: 'mysql://root:hunter2@db/x' },
      'review-bot: invalid configuration: DATABASE_URL: expected postgres://user:password@host:port/database',
    ],
    [
      'a DATABASE_URL that is not a URL',
      ['cases'],
      { DATABASE_URL: 'postgres//nohost' },
      'review-bot: invalid configuration: DATABASE_URL: expected postgres://user:password@host:port/database',
    ],
    [
      'an unreachable database (serve)',
      ['serve'],
      { ...slack, DATABASE_URL: 'postgres://bot:hunter2@127.0.0.1:1/reviews' },
      /^review-bot: cannot connect to PostgreSQL at 127\.0\.0\.1:1\/reviews: .*ECONNREFUSED.*$/,
    ],
    [
      'an unreachable database (chat)',
      ['chat', '--json'],
      { DATABASE_URL: 'postgresql://bot:hunter2@127.0.0.1:1/reviews' },
      /^review-bot: cannot connect to PostgreSQL at 127\.0\.0\.1:1\/reviews: /,
    ],
    [
      'a bad pool size',
      ['cases'],
      { DATABASE_URL: 'postgres://127.0.0.1:1/x', REVIEW_BOT_PG_POOL_SIZE: '0' },
      /^review-bot: invalid configuration: REVIEW_BOT_PG_POOL_SIZE: /,
    ],
    ['migrate-store without a source', ['migrate-store', '--to', 'postgres://127.0.0.1:1/x'], {}, 'review-bot: migrate-store needs --from sqlite:PATH'],
    [
      'migrate-store into something else',
      ['migrate-store', '--from', 'sqlite:/tmp/x.sqlite', '--to', 'mysql://x'],
      {},
      'review-bot: migrate-store needs --to postgres://user:password@host:port/database',
    ],
    [
      'migrate-store into an unreachable database',
      ['migrate-store', '--from', 'sqlite:/tmp/x.sqlite', '--to', 'postgres://u:hunter2@127.0.0.1:1/x'],
      {},
      /^review-bot: cannot connect to PostgreSQL at 127\.0\.0\.1:1\/x: /,
    ],
  ])('%s', async (_name, args, env, expected) => {
    const r = await runCli(args, '', env as Record<string, string>);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    if (typeof expected === 'string') expect(lines[0]).toBe(expected);
    else expect(lines[0]).toMatch(expected);
    expect(r.stderr).not.toContain('hunter2');
  });
});
