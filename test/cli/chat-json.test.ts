import { describe, expect, it } from 'vitest';
import { createdDb, runCli, tempDb } from '../support/cli.js';
import { openSqliteStore } from '../../src/store/index.js';

const parse = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

describe('review-bot chat --json', () => {
  it('runs a triage from a Chinese free-text message to a decision with a case id, and exits 0 at end of input', async () => {
    const db = tempDb();
    const r = await runCli(['chat', '--json', '--user', 'wang', '--db', db], '想采购20台华为核心路由器\n是\n是\n是\n');
    expect(r.code).toBe(0);
    const lines = parse(r.stdout);
    expect(lines[0]).toMatchObject({ type: 'question', step: 'category' });
    expect(lines[0].choices[0].id).toBe('core_network_equipment');
    const decision = lines.find((l) => l.type === 'decision');
    expect(decision).toMatchObject({ outcome: 'required', title: '需要申报审查' });
    expect(decision.caseId).toMatch(/^RB-[0-9A-Z]{6}$/);
    const store = await openSqliteStore(db);
    expect((await store.getCase(decision.caseId))?.triage.outcome).toBe('required');
    await store.close();
  });

  it('accepts a choice as id, number or label', async () => {
    const r = await runCli(['chat', '--json', '--user', 'u', '--db', tempDb()], 'review\n1\nHigh-performance computers and servers\nno\n');
    const lines = parse(r.stdout);
    expect(lines.filter((l) => l.type === 'question').map((l) => l.step)).toEqual(['matter', 'category', 'ciio']);
    expect(lines.at(-2)).toMatchObject({ type: 'decision', outcome: 'not_required' });
  });

  it('a question at a step gets the explanation; "maybe" is recorded as not sure only once confirmed', async () => {
    const r = await runCli(['chat', '--json', '--user', 'q', '--db', tempDb()], 'review\n1\nhpc_servers\nwhat is a CIIO?\nmaybe\nyes\n');
    const lines = parse(r.stdout);
    const afterQuestion = lines.slice(3, 5);
    expect(afterQuestion[0]).toMatchObject({ type: 'info' });
    expect(afterQuestion[0].text).toMatch(/protection work department has identified its system/);
    expect(afterQuestion[1]).toMatchObject({ type: 'question', step: 'ciio' });
    expect(lines[5]).toMatchObject({ type: 'question', step: 'ciio' });
    expect(lines[5].text).toMatch(/^Shall I record "Not sure"\?/);
    expect(lines.find((l) => l.type === 'decision')).toMatchObject({ outcome: 'assess' });
  });

  it('bad input gets a clear bilingual message and changes no stored state', async () => {
    const db = tempDb();
    await runCli(['chat', '--json', '--user', 'u', '--db', db], 'review\n');
    const store1 = await openSqliteStore(db);
    const before = await store1.loadConversation('terminal:u');
    await store1.close();
    const bad = ['', 'x'.repeat(10_000), 'no\u0001', 'purple', '/frobnicate'].join('\n');
    const r = await runCli(['chat', '--json', '--user', 'u', '--db', db], `${bad}\n`);
    expect(r.code).toBe(0);
    const errors = parse(r.stdout).filter((l) => l.type === 'error');
    expect(errors).toHaveLength(5);
    const store2 = await openSqliteStore(db);
    expect(await store2.loadConversation('terminal:u')).toEqual(before);
    await store2.close();
  });

  it('invalid UTF-8 on stdin is refused as broken text', async () => {
    const db = tempDb();
    const { spawn } = await import('node:child_process');
    const { BIN } = await import('../support/cli.js');
    const out = await new Promise<string>((resolve) => {
      const c = spawn(process.execPath, [BIN, 'chat', '--json', '--user', 'u', '--db', db], { env: { ...process.env, REVIEW_BOT_LOG: 'silent' } });
      let s = '';
      c.stdout.on('data', (d) => (s += d));
      c.on('close', () => resolve(s));
      c.stdin.end(Buffer.concat([Buffer.from('review\nn'), Buffer.from([0xff, 0xfe]), Buffer.from('o\n')]));
    });
    const lines = parse(out);
    expect(lines.at(-1)).toMatchObject({ type: 'error', step: 'matter' });
    expect(lines.at(-1).text).toMatch(/not valid text/);
  });

  it('an unwritable database path exits 2 with one clear line', async () => {
    const r = await runCli(['chat', '--json', '--db', '/dev/null/nope/db.sqlite'], 'review\n');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^review-bot: cannot/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--lang zh-CN answers in Chinese', async () => {
    const r = await runCli(['chat', '--json', '--user', 'z', '--lang', 'zh-CN', '--db', tempDb()], 'review\n');
    expect(parse(r.stdout)[0].text).toBe('本次申报预判涉及什么事项？');
  });
});

describe('other commands', () => {
  it('classify prints one JSON object; batch mode one per stdin line, in order', async () => {
    const one = await runCli(['classify', 'we want to buy 20 Huawei core routers']);
    expect(JSON.parse(one.stdout)).toMatchObject({ category: 'core_network_equipment', lang: 'en' });
    expect(Object.keys(JSON.parse(one.stdout))).toEqual(['category', 'confidence', 'lang']);
    const batch = await runCli(
      ['classify'],
      '采购一批办公桌椅\nrenew Alibaba Cloud ECS instances\n5G基站40个\n10 laptops, 2 firewalls and a UPS\nfuwuqi 10 tai\n',
    );
    const lines = parse(batch.stdout);
    expect(lines.map((l) => l.category)).toEqual([
      'not_network_product',
      'cloud_services',
      'important_communication_products',
      'network_security_equipment',
      'hpc_servers',
    ]);
    expect(lines.map((l) => l.lang)).toEqual(['zh-CN', 'en', 'zh-CN', 'en', 'zh-CN']);
    for (const l of lines) expect(Object.keys(l)).toEqual(['category', 'confidence', 'lang']);
  });

  it('an unknown command exits 2 with a pointer to help', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('help lists the commands', async () => {
    const r = await runCli(['help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/review-bot deadline --from/);
  });
});

describe('deadline, cases and export', () => {
  it('deadline prints the due date in Chinese working days (more in calendar.test.ts)', async () => {
    const r = await runCli(['deadline', '--from', '2026-09-30', '--working-days', '1']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ due: '2026-10-08', provisional: false });
  });

  it('a triaged case shows in cases and exports as Markdown and schema-valid JSON; another requester is refused', async () => {
    const db = tempDb();
    const chat = await runCli(['chat', '--json', '--user', 'alice', '--db', db], 'review\npurchase\nhpc_servers\nyes\nyes\n');
    const caseId = parse(chat.stdout).find((l) => l.type === 'decision').caseId;
    const dir = `${db}.people.yaml`;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      dir,
      'people:\n  - { id: alice, name: Alice, roles: [requester], terminal: alice }\n  - { id: bob, name: Bob, roles: [requester], terminal: bob }\n',
    );
    // Cases opened before the directory existed belong to terminal:alice; with the file, alice is "alice".
    const list = await runCli(['cases', '--user', 'alice', '--json', '--db', db]);
    expect(JSON.parse(list.stdout).cases.map((k: { id: string }) => k.id)).toEqual([caseId]);
    // As text, in the reader's words: no status keys, deadline kinds or notice kinds (`! status_changed RB-…`).
    const plain = await runCli(['cases', '--user', 'alice', '--db', db]);
    expect(plain.stdout).toContain(caseId);
    expect(plain.stdout).not.toMatch(/status_changed|intake_target|review_decision|\bopen\b \d{4}/);
    expect(plain.stdout).toMatch(new RegExp(`  ${caseId}: Due: `));
    const md = await runCli(['export', caseId, '--user', 'alice', '--db', db]);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(new RegExp(`# Cybersecurity review application pack — case ${caseId}`));
    const json = await runCli(['export', caseId, '--format', 'json', '--user', 'alice', '--db', db]);
    const { PackSchema } = await import('../../src/pack/index.js');
    const checked = PackSchema.safeParse(JSON.parse(json.stdout));
    expect(checked.success, JSON.stringify(checked.error?.issues)).toBe(true);
    // bob may not see alice's case: he is told what an id without a case gets, and nothing is written out.
    const refused = await runCli(['export', caseId, '--user', 'bob', '--db', db], '', { REVIEW_BOT_DIRECTORY: dir });
    const missing = await runCli(['export', 'RB-ZZZZZZ', '--user', 'bob', '--db', db], '', { REVIEW_BOT_DIRECTORY: dir });
    expect(refused).toMatchObject({ code: 2, stdout: '', stderr: `review-bot: There is no case ${caseId} that you can see.\n` });
    expect(missing).toMatchObject({ code: 2, stdout: '', stderr: 'review-bot: There is no case RB-ZZZZZZ that you can see.\n' });
  });

  it("export --format docx and zip: a Word document in the case's language, and a zip with the attached file; both need --out", async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { strFromU8, unzipSync } = await import('fflate');
    const db = tempDb();
    const dir = mkdtempSync(join(tmpdir(), 'rb-export-'));
    writeFileSync(join(dir, '安全保密协议.pdf'), '%PDF-1.7 agreement');
    const chat = await runCli(['chat', '--json', '--user', 'alice', '--lang', 'zh-CN', '--db', db], '审查\n采购\nhpc_servers\nyes\nyes\n');
    const caseId = parse(chat.stdout).find((l) => l.type === 'decision').caseId;
    await runCli(['chat', '--json', '--user', 'alice', '--db', db], `attach ${caseId} ${join(dir, '安全保密协议.pdf')}\n`);
    expect((await runCli(['export', caseId, '--format', 'docx', '--user', 'alice', '--db', db])).stderr).toMatch(/--format docx writes a file: add --out FILE/);
    const docx = join(dir, 'pack.docx');
    expect((await runCli(['export', caseId, '--format', 'docx', '--out', docx, '--user', 'alice', '--db', db])).code).toBe(0);
    const xml = strFromU8(unzipSync(readFileSync(docx))['word/document.xml']!);
    expect(xml).toContain('关于影响或者可能影响国家安全的分析报告');
    expect(xml).toContain('不利用提供产品和服务的便利条件非法获取用户数据');
    const zip = join(dir, 'pack.zip');
    expect((await runCli(['export', caseId, '--format', 'zip', '--out', zip, '--user', 'alice', '--db', db])).code).toBe(0);
    const entries = unzipSync(readFileSync(zip));
    expect(Object.keys(entries).sort()).toEqual([`${caseId}-zh-CN.docx`, `${caseId}-zh-CN.json`, `${caseId}-zh-CN.md`, 'attachments/安全保密协议.pdf']);
    expect(strFromU8(entries['attachments/安全保密协议.pdf']!)).toBe('%PDF-1.7 agreement');
    const pack = JSON.parse(strFromU8(entries[`${caseId}-zh-CN.json`]!));
    expect(pack.attachments.map((a: { name: string; material: string }) => [a.name, a.material])).toEqual([['安全保密协议.pdf', 'supplier_letters']]);
    expect(pack.materials.find((m: { id: string }) => m.id === 'supplier_letters')).toMatchObject({ state: 'ready', missing: false });
    expect((await runCli(['export', caseId, '--format', 'pdf', '--user', 'alice', '--db', db])).stderr).toMatch(
      /unknown format "pdf"; use md, json, docx or zip/,
    );
  });

  it('cases lists the reminders waiting for a terminal user, worded as the chat platforms deliver them', async () => {
    const db = tempDb();
    const chat = await runCli(['chat', '--json', '--user', 'alice', '--db', db], 'review\npurchase\nhpc_servers\nyes\nyes\n');
    const caseId = parse(chat.stdout).find((l) => l.type === 'decision').caseId;
    await runCli(['chat', '--json', '--user', 'alice', '--db', db], `intake ${caseId}\n`); // the case moves to intake: its requester is told
    const text = await runCli(['cases', '--user', 'alice', '--db', db]);
    expect(text.stdout).toContain(`! Case ${caseId} is now in intake.`);
    const json = JSON.parse((await runCli(['cases', '--user', 'alice', '--json', '--db', db])).stdout);
    expect(json.reminders).toEqual([expect.objectContaining({ kind: 'status_changed', caseId, text: `Case ${caseId} is now in intake.` })]);
  });

  it('a broken people file stops with file:line messages', async () => {
    const { writeFileSync } = await import('node:fs');
    const dir = `${tempDb()}.people.yaml`;
    const { mkdirSync } = await import('node:fs');
    const { dirname } = await import('node:path');
    mkdirSync(dirname(dir), { recursive: true });
    writeFileSync(dir, 'people:\n  - { id: a, name: A, roles: [boss] }\n');
    const r = await runCli(['cases', '--user', 'a', '--db', await createdDb()], '', { REVIEW_BOT_DIRECTORY: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/people\.yaml:2: people\.0\.roles\.0:/);
  });
});
