import { describe, expect, it } from 'vitest';
import { runCli, runInProcess } from '../support/cli.js';

// `review-bot COMMAND --help` (or -h, or `review-bot help COMMAND`) prints that command's lines of the
// top-level usage on stdout and exits 0, like `review-bot --help`; it runs nothing (no database opened).

const inProcess = (args: string[]) => runInProcess(args, { REVIEW_BOT_DB: '/nonexistent/x.sqlite' });
const TAIL = '\nRun "review-bot help" for every command and the environment it reads.\n';

describe('review-bot COMMAND --help', () => {
  it('deadline --help and export --help (the built binary): the usage, exit 0', async () => {
    const deadline = await runCli(['deadline', '--help']);
    expect([deadline.code, deadline.stderr]).toEqual([0, '']);
    expect(deadline.stdout).toBe(
      `Usage:\n  review-bot deadline --from YYYY-MM-DD --working-days N\n${' '.repeat(41)}{"due","provisional"}; provisional: no official calendar covers it yet\n${TAIL}`,
    );
    const exp = await runCli(['export', '--help']);
    expect([exp.code, exp.stderr]).toEqual([0, '']);
    expect(exp.stdout).toBe(`Usage:\n  review-bot export <caseId> [--format md|json|docx|zip] [--out FILE] [--lang en|zh-CN] [--user ID] [--db PATH]\n${TAIL}`);
  });

  it.each(['start', 'chat', 'classify', 'deadline', 'calendar', 'watchlist', 'cases', 'serve', 'export', 'backup', 'migrate-store'])(
    '%s: every command has its own usage, with -h and with other arguments too',
    async (command) => {
      const r = await inProcess([command, '--help']);
      expect([r.code, r.stderr]).toEqual([0, '']);
      const lines = r.stdout.split('\n');
      expect(lines[0]).toBe('Usage:');
      expect(lines[1]).toMatch(new RegExp(`^ {2}review-bot ${command}(?: |$)`));
      for (const l of lines.slice(1, lines.indexOf(''))) expect(l).toMatch(new RegExp(`^ {2}review-bot ${command}(?: |$)|^ {4,}\\S`));
      expect(r.stdout.endsWith(TAIL)).toBe(true);
      expect(await inProcess([command, '-h'])).toEqual(r);
      expect(await inProcess([command, '--db', '/nonexistent/x.sqlite', '--help'])).toEqual(r);
      expect(await inProcess(['help', command])).toEqual(r);
    },
  );

  it('calendar and watchlist show both their forms; the top-level help is unchanged', async () => {
    expect((await inProcess(['calendar', 'check', '--help'])).stdout).toMatch(
      /^Usage:\n {2}review-bot calendar \[--json\] .*\n {2}review-bot calendar check FILE /,
    );
    expect((await inProcess(['watchlist', '--help'])).stdout).toMatch(/\n {2}review-bot watchlist check FILE /);
    const top = await inProcess(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/^review-bot: does this purchase need a cybersecurity review\?\n/);
    expect((await inProcess(['help'])).stdout).toBe(top.stdout);
  });

  it('after `--` it is an operand; an unknown command is still refused', async () => {
    const c = await inProcess(['classify', '--', '--help']);
    expect(c.code).toBe(0);
    expect(JSON.parse(c.stdout)).toMatchObject({ category: expect.any(String) });
    const u = await inProcess(['frobnicate', '--help']);
    expect([u.code, u.stderr]).toEqual([2, 'review-bot: unknown command "frobnicate"; run "review-bot help" for the list\n']);
  });
});
