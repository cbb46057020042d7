import { describe, expect, it } from 'vitest';
import { runCli, tempDb } from '../support/cli.js';

// The terminal chat says how it runs and for whom, and leaves on "quit"; --json output stays the
// message model only (outside tools read it line by line).

const noPlatforms = { SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '', MICROSOFT_APP_ID: '', REVIEW_BOT_INSECURE_LOCAL: '' };

describe('the terminal chat', () => {
  it('`start` without Slack or Teams credentials says it chose the terminal and why, who you are and which database, in both languages', async () => {
    const db = tempDb();
    const r = await runCli(['start', '--user', 'zed'], 'quit\n', { ...noPlatforms, REVIEW_BOT_DB: db });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Terminal chat: no Slack or Teams credentials are configured/);
    expect(lines[1]).toMatch(/^终端对话：未配置 Slack 或 Teams 凭据/);
    expect(r.stdout).toContain(`You are zed. Cases are stored in ${db}.`);
    expect(r.stdout).toMatch(/Type "quit" to leave/);
  });

  it('once the language is known it speaks only that one; "退出" leaves and the next start resumes the open question', async () => {
    const db = tempDb();
    const first = await runCli(['chat', '--user', 'wei', '--db', db, '--lang', 'zh-CN'], '审查\n退出\n否\n');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/您是 wei/);
    expect(first.stdout).not.toMatch(/You are wei/);
    expect(first.stdout).not.toMatch(/\n! /); // "否" after 退出 was never read
    const again = await runCli(['chat', '--user', 'wei', '--db', db, '--json'], '');
    expect(
      again.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([expect.objectContaining({ type: 'question', step: 'matter' })]);
  });

  it('no message tells a terminal user to click a button', async () => {
    const r = await runCli(['chat', '--user', 'kim', '--db', tempDb(), '--json'], 'review\npurple\n');
    const error = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; text?: string })
      .find((m) => m.type === 'error');
    expect(error?.text).toMatch(/Type its number or its name/);
    expect(r.stdout).not.toMatch(/click/i);
  });
});
