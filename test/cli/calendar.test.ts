import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createdDb, runCli, runInProcess } from '../support/cli.js';
import { SYNTHETIC_2027_FILE } from '../support/calendars.js';

// The `review-bot` command. `runCli` runs the built binary in its own process, end to end;
// `inProcess` calls the same main() with captured streams, for the cases that need no process of
// their own (it keeps the suite fast). SYNTHETIC_2027_FILE is an invented test calendar, NOT the
// official 2027 arrangement (see its header). Expected dates counted by hand.
const inProcess = runInProcess;
const json = (stdout: string) => JSON.parse(stdout) as unknown;
const withFile = { REVIEW_BOT_CALENDAR: SYNTHETIC_2027_FILE };
const tempFile = (name: string, text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'rb-cal-')), name);
  writeFileSync(path, text);
  return path;
};

describe('review-bot deadline', () => {
  it('official years: exact, not provisional (more dates in test/domain/working-days.test.ts)', async () => {
    const r = await runCli(['deadline', '--from', '2024-09-30', '--working-days', '1']); // National Day 2024: 1–7 Oct off
    expect([r.code, json(r.stdout)]).toEqual([0, { due: '2024-10-08', provisional: false }]);
  });

  it('beyond the calendar: a provisional date, exit 0 (today’s example: 1 Dec 2026 + 30)', async () => {
    const r = await runCli(['deadline', '--from', '2026-12-01', '--working-days', '30']);
    // 2–4, 7–11, 14–18, 21–25, 28–31 Dec (22), (1 Jan off) 4–8, 11–13 Jan 2027 (30)
    expect([r.code, r.stdout]).toEqual([0, '{"due":"2027-01-13","provisional":true}\n']);
  });

  it('with the operator file (SYNTHETIC, NOT OFFICIAL) the same question is exact', async () => {
    const r = await runCli(['deadline', '--from', '2026-12-01', '--working-days', '30'], '', withFile);
    // the file makes Sat 26 Dec 2026 a workday: 2–4 (3), 7–11 (8), 14–18 (13), 21–25 (18), Sat 26 (19), 28–31 (23), 4–8 Jan (28), 11, 12 Jan (30)
    expect([r.code, json(r.stdout)]).toEqual([0, { due: '2027-01-12', provisional: false }]);
    const spring = await inProcess(['deadline', '--from', '2027-02-04', '--working-days', '2'], withFile);
    expect(json(spring.stdout)).toEqual({ due: '2027-02-13', provisional: false }); // 5–11 Feb off, Fri 12, Sat 13 (makeup)
    const without = await inProcess(['deadline', '--from', '2027-02-04', '--working-days', '2']);
    expect(json(without.stdout)).toEqual({ due: '2027-02-10', provisional: true }); // 5–8 Feb off: 9, 10 Feb
  });

  it('bad input still exits 2 with one clear line', async () => {
    const d = await runCli(['deadline', '--from', '2026-02-30', '--working-days', '5']);
    expect([d.code, d.stderr]).toEqual([2, 'review-bot: "2026-02-30" is not a date as YYYY-MM-DD\n']);
    const n = await inProcess(['deadline', '--from', '2026-03-02', '--working-days', 'ten']);
    expect([n.code, n.stderr]).toEqual([2, 'review-bot: --working-days must be a whole number from 0 to 1000, not "ten"\n']);
    const far = await inProcess(['deadline', '--from', '2100-01-04', '--working-days', '1']);
    expect(far.code).toBe(2);
    expect(far.stderr).toMatch(/outside the dates the bot can count working days for \(2004-01-01 to 2099-12-31\)/);
  });
});

describe('review-bot calendar', () => {
  it('lists every covered year and its source', async () => {
    const r = await inProcess(['calendar']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('Official holiday calendars (working days are exact up to 2026-12-24):');
    expect(lines[1]).toMatch(/^2004 {2}chinese-days@\d+\.\d+\.\d+$/);
    expect(lines).toHaveLength(1 + 23 + 1); // 2004–2026, then the provisional line
    expect(lines.at(-1)).toBe('Other dates up to 2099-12-31 are provisional: counted from weekends and the statutory public holidays only.');
  });

  it('--json, with the operator file: the file’s year and its source', async () => {
    const r = await runCli(['calendar', '--json'], '', withFile);
    const out = json(r.stdout) as { years: { year: number }[]; officialUntil: string; provisionalUntil: string };
    expect(out.years.at(-1)).toEqual({
      year: 2027,
      from: 'file',
      file: SYNTHETIC_2027_FILE,
      source: 'SYNTHETIC TEST CALENDAR, NOT OFFICIAL (review-bot test fixture)',
    });
    expect(out.years[0]).toEqual({ year: 2004, from: 'package', package: expect.stringMatching(/^chinese-days@/) });
    expect([out.officialUntil, out.provisionalUntil]).toEqual(['2027-12-24', '2099-12-31']);
  });

  it('check FILE: a good file', async () => {
    const r = await inProcess(['calendar', 'check', SYNTHETIC_2027_FILE]);
    expect([r.code, r.stdout]).toEqual([0, `${SYNTHETIC_2027_FILE}: valid, 1 year(s): 2027\n`]);
  });

  it('check FILE: exit 2, `file:line: message` on the first problem first', async () => {
    const bad = tempFile('bad.yaml', 'years:\n  2027:\n    source: SYNTHETIC, NOT OFFICIAL\n    off: [2027-01-01]\n    workdays:\n      - 2027-02-08\n');
    const r = await runCli(['calendar', 'check', bad]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(`${bad}:6: years.2027.workdays.0: 2027-02-08 is a Monday; a makeup workday (调休上班) is a Saturday or a Sunday\n`);
    const none = await inProcess(['calendar', 'check', '/nonexistent/cal.yaml']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^\/nonexistent\/cal\.yaml: cannot read the holiday calendar file: /);
    expect((await inProcess(['calendar', 'check'])).code).toBe(2);
    expect((await inProcess(['calendar', 'list'])).code).toBe(2);
    expect((await inProcess(['calendar', '--yaml'])).code).toBe(2);
  });

  it('check FILE: a file with nothing in it still names a line (1), never "?"', async () => {
    for (const [name, text] of [
      ['empty.yaml', ''],
      ['blank.yaml', '\n\n  \n'],
      ['comments.yaml', '# holidays 2027\n# to be filled in\n'],
    ] as const) {
      const file = tempFile(name, text);
      const r = await inProcess(['calendar', 'check', file]);
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toBe(`${file}:1: (file): should be a set of fields (key: value)\n`);
    }
  });

  it('check FILE: several problems, one per line, the first problem in the file first', async () => {
    const bad = tempFile(
      'many.yaml',
      'years:\n  2027:\n    source: SYNTHETIC, NOT OFFICIAL\n    off: [2027-02-30]\n    workdays: [2027-02-08]\n  2028:\n    source: x\n    off: [2027-02-30]\n',
    );
    const r = await inProcess(['calendar', 'check', bad]);
    expect(r.code).toBe(2);
    const out = r.stderr.trimEnd().split('\n');
    for (const l of out) expect(l).toMatch(new RegExp(`^${bad.replace(/[.\\/]/g, '\\$&')}:[1-9]\\d*: \\S`));
    expect(out.map((l) => Number(l.slice(bad.length + 1).split(':')[0]))).toEqual([4, 5, 8]);
  });

  it('a disagreement with the package is said at start (a structured log line), and the file is used', async () => {
    // SYNTHETIC, NOT OFFICIAL: moves the 2026 National Day makeup Saturday (10 Oct) to a day off.
    const file = tempFile('cal.yaml', 'years:\n  2026:\n    source: SYNTHETIC, NOT OFFICIAL\n    off: [2026-10-10]\n');
    const r = await runCli(['deadline', '--from', '2026-10-09', '--working-days', '1'], '', { REVIEW_BOT_CALENDAR: file, REVIEW_BOT_LOG: 'info' });
    expect(json(r.stdout)).toEqual({ due: '2026-10-12', provisional: false }); // the file: Sat 10 Oct off; the package said it works
    const line = JSON.parse(r.stderr.trim().split('\n')[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 'warn',
      event: 'calendar.file_overrides_package',
      year: 2026,
      file,
      used: 'file',
      dates: expect.arrayContaining(['2026-10-10']),
    });
  });
});

describe('a bad REVIEW_BOT_CALENDAR stops every command that loads the configuration', () => {
  const bad = () => tempFile('bad.yaml', 'years:\n  2027:\n    off: [2027-01-01]\n');
  it.each([
    ['deadline', ['deadline', '--from', '2026-03-02', '--working-days', '1'], inProcess],
    ['calendar', ['calendar'], inProcess],
    ['cases', ['cases', '--db', 'DB'], inProcess],
    ['chat (its own process)', ['chat', '--json', '--db', 'DB'], (args: string[], env: Record<string, string>) => runCli(args, '', env)],
  ] as const)('%s exits 2 and names the line', async (_name, args, run) => {
    const file = bad();
    const db = await createdDb(); // cases refuses a path with no database before it reads the calendar
    const r = await run(
      args.map((a) => (a === 'DB' ? db : a)),
      { REVIEW_BOT_CALENDAR: file },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`review-bot: the holiday calendar file has problems:\n${file}:3: years.2027.source: this field is required\n`);
  });
});
