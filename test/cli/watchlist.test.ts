import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runInProcess, tempDb } from '../support/cli.js';

// `review-bot watchlist` and REVIEW_BOT_WATCHLIST, and a risk-prediction record through the CLI.
const inProcess = runInProcess;
const tempFile = (name: string, text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'rb-watch-')), name);
  writeFileSync(path, text);
  return path;
};
const OWN = `entries:
  - id: acme-2026
    names: [Acme]
    subject: Acme routers (SYNTHETIC TEST ENTRY)
    decision: A made-up decision for this test.
    source: "SYNTHETIC, NOT OFFICIAL"
    date: 2026-01-15
`;

describe('review-bot watchlist', () => {
  it("lists the shipped entry with its source, then the operator's", async () => {
    const shipped = await inProcess(['watchlist']);
    expect(shipped.code).toBe(0);
    expect(shipped.stdout).toMatch(
      /^micron-2023 \(2023-05-21, shipped\): Micron, 美光, 镁光, Crucial, 英睿达\. Source: 网络安全审查办公室《美光公司在华销售的产品未通过网络安全审查》/,
    );
    const file = tempFile('own.yaml', OWN);
    const both = await inProcess(['watchlist', '--json'], { REVIEW_BOT_WATCHLIST: file });
    expect((JSON.parse(both.stdout) as { entries: { id: string; from: string }[] }).entries.map((e) => [e.id, e.from])).toEqual([
      ['micron-2023', 'shipped'],
      ['acme-2026', 'file'],
    ]);
  });

  it('check FILE: a good file, and a bad one: exit 2 with `file:line: field: message`', async () => {
    const good = tempFile('own.yaml', OWN);
    expect(await inProcess(['watchlist', 'check', good])).toMatchObject({ code: 0, stdout: `${good}: 1 watchlist entries, all valid (acme-2026).\n` });
    const bad = tempFile('bad.yaml', OWN.replace(/ {4}source:.*\n/, ''));
    const r = await inProcess(['watchlist', 'check', bad]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `${bad}:2: entries.0.source: required\n`]);
    expect((await inProcess(['watchlist', 'check', '/nonexistent/w.yaml'])).stderr).toMatch(/^\/nonexistent\/w\.yaml: cannot read the watchlist file: /);
    expect((await inProcess(['watchlist', 'check'])).code).toBe(2);
    expect((await inProcess(['watchlist', 'frob'])).code).toBe(2);
  });

  it('a bad REVIEW_BOT_WATCHLIST stops the chat with exit 2 and the line', async () => {
    const bad = tempFile('bad.yaml', OWN.replace('2026-01-15', 'soon'));
    const r = await inProcess(['chat', '--json', '--db', tempDb()], { REVIEW_BOT_WATCHLIST: bad });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:7: entries.0.date: a date as YYYY-MM-DD`);
  });
});

describe('the watchlist looks at every text of a check, across restarts of the chat', () => {
  const lines = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; step?: string; warnings?: { text: string; source: string }[] });

  it('Micron named at the category question, the decision in a later process: warned with its source', async () => {
    const db = tempDb();
    const asked = await inProcess(['chat', '--json', '--user', 'm6', '--db', db], {}, 'review\npurchase\nMicron enterprise storage array\n');
    expect(lines(asked.stdout).at(-1)).toMatchObject({ type: 'question', step: 'category' });
    const decided = await inProcess(['chat', '--json', '--user', 'm6', '--db', db], {}, 'yes\nyes\nno\n');
    const decision = lines(decided.stdout).find((l) => l.type === 'decision');
    expect(decision).toMatchObject({ outcome: 'assess' });
    expect(decision?.warnings).toHaveLength(1);
    expect(decision?.warnings?.[0]).toMatchObject({ text: expect.stringMatching(/"Micron"/), source: expect.stringMatching(/cac\.gov\.cn/) });
  });

  it("an operator's entry named in a text answer, too", async () => {
    const file = tempFile('own.yaml', OWN);
    const r = await inProcess(
      ['chat', '--json', '--user', 'a1', '--db', tempDb()],
      { REVIEW_BOT_WATCHLIST: file },
      'review\npurchase\nAcme core routers\nyes\nyes\nyes\n',
    );
    const decision = lines(r.stdout).find((l) => l.type === 'decision');
    expect(decision).toMatchObject({ outcome: 'required', warnings: [{ source: 'SYNTHETIC, NOT OFFICIAL' }] });
  });
});

describe('a risk-prediction record through the command line', () => {
  it('the chat gives a not_required decision its reference; cases lists it; export works in md and json', async () => {
    const db = tempDb();
    const chat = await runCli(['chat', '--json', '--user', 'alice', '--db', db], 'review\npurchase\ncloud_services\nno\n');
    const lines = chat.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; caseId?: string; outcome?: string });
    const decision = lines.find((l) => l.type === 'decision')!;
    expect(decision).toMatchObject({ outcome: 'not_required', caseId: expect.stringMatching(/^RB-/) });
    const id = decision.caseId!;
    const list = await inProcess(['cases', '--user', 'alice', '--db', db]);
    expect(list.stdout).toContain(`${id} · Review not required · closed · — · awaiting countersignature`);
    const md = await inProcess(['export', id, '--user', 'alice', '--db', db]);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(new RegExp(`^# Risk-prediction record ${id}`));
    const json = JSON.parse((await inProcess(['export', id, '--format', 'json', '--user', 'alice', '--db', db])).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ caseId: id, status: 'closed', analyst: null, kind: 'prediction_record', triage: { outcome: 'not_required' } });
  });
});
