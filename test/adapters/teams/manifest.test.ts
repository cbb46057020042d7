import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { t } from '../../../src/i18n/index.js';
import {
  appPackage,
  bareHost,
  chineseLocalization,
  configuredManifest,
  validateLocalization,
  validateManifest,
  zip,
  type Manifest,
} from '../../../scripts/teams-package.js';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const file = (name: string) => readFileSync(new URL(`../../../${name}`, import.meta.url));

/** Width, height, colour type from the IHDR chunk; the RGBA pixels for our own unfiltered 8-bit files. */
function png(name: string) {
  const b = file(name);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(b.toString('latin1', 12, 16)).toBe('IHDR');
  const w = b.readUInt32BE(16),
    h = b.readUInt32BE(20),
    depth = b[24],
    colourType = b[25];
  const idat: Buffer[] = [];
  for (let at = 8; at < b.length; ) {
    const len = b.readUInt32BE(at);
    if (b.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(b.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels: [number, number, number, number][] = [];
  for (let y = 0; y < h; y++) {
    expect(raw[y * (w * 4 + 1)]).toBe(0); // filter "none" on every row: the generator writes them so
    for (let x = 0; x < w; x++) {
      const i = y * (w * 4 + 1) + 1 + x * 4;
      pixels.push([raw[i]!, raw[i + 1]!, raw[i + 2]!, raw[i + 3]!]);
    }
  }
  return { w, h, depth, colourType, pixels };
}

/** The entries of a stored (uncompressed) zip, read back from its central directory. */
function unzip(z: Buffer): Map<string, Buffer> {
  const end = z.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = z.readUInt16LE(end + 10);
  let at = z.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(z.readUInt32LE(at)).toBe(0x02014b50);
    const size = z.readUInt32LE(at + 24),
      nameLen = z.readUInt16LE(at + 28),
      local = z.readUInt32LE(at + 42);
    const name = z.toString('utf8', at + 46, at + 46 + nameLen);
    const dataAt = local + 30 + z.readUInt16LE(local + 26) + z.readUInt16LE(local + 28);
    out.set(name, z.subarray(dataAt, dataAt + size));
    at += 46 + nameLen + z.readUInt16LE(at + 30) + z.readUInt16LE(at + 32);
  }
  return out;
}

describe('Teams app package', () => {
  const manifest = configuredManifest(APP_ID, 'bot.example.com');

  it('the configured manifest and the shipped template both validate against the published schema of their version', () => {
    expect(validateManifest(manifest)).toEqual([]);
    expect(validateManifest(JSON.parse(file('manifest.json').toString()) as Manifest)).toEqual([]);
    expect(manifest.manifestVersion).toBe('1.30'); // the newest stable schema in @microsoft/app-manifest
    expect(manifest.$schema).toContain('/v1.30/MicrosoftTeams.schema.json');
  });

  it.each<[string, (m: Manifest) => Manifest]>([
    ['an unknown scope', (m) => ({ ...m, bots: [{ ...(m.bots as object[])[0], scopes: ['nowhere'] }] })],
    ['no bot id', (m) => ({ ...m, bots: [{ scopes: ['personal'] }] })],
    ['an id that is not a GUID', (m) => ({ ...m, id: 'review-bot' })],
    ['a short name over 30 characters', (m) => ({ ...m, name: { short: 'x'.repeat(31), full: 'x' } })],
    ['an unknown top-level key', (m) => ({ ...m, colour: 'red' })],
    [
      'no icons',
      (m) => {
        const { icons: _i, ...rest } = m;
        return rest;
      },
    ],
  ])('a broken manifest fails validation: %s', (_n, breakIt) => {
    expect(validateManifest(breakIt(manifest)).length).toBeGreaterThan(0);
  });

  it('a manifest version with no published schema is reported, not guessed', () => {
    expect(validateManifest({ ...manifest, manifestVersion: '0.9' })).toEqual(['no published schema for manifestVersion "0.9"']);
  });

  it('carries the bot id, the three scopes, the command list and the host', () => {
    const bot = (
      manifest.bots as { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[] }[]
    )[0]!;
    expect(manifest.id).toBe(APP_ID);
    expect(bot.botId).toBe(APP_ID);
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot.commandLists[0]!.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot.commandLists[0]!.commands.map((c) => c.title)).toEqual(['review', 'status', 'help']);
    expect(bot.commandLists[0]!.commands.every((c) => c.description.length > 0)).toBe(true);
    expect(manifest.validDomains).toEqual(['bot.example.com']);
  });

  it('the shipped manifest.json says what the catalogue says in English (they cannot drift apart)', () => {
    const shipped = JSON.parse(file('manifest.json').toString()) as Manifest;
    const commands = (m: Manifest) => (m.bots as { commandLists: unknown[] }[])[0]!.commandLists;
    expect(shipped.name).toEqual(manifest.name);
    expect(shipped.description).toEqual(manifest.description);
    expect(commands(shipped)).toEqual(commands(manifest));
    // Files sent in the 1:1 chat (attachments of a case) reach the bot only when the app says it takes them.
    expect((shipped.bots as { supportsFiles?: boolean }[])[0]!.supportsFiles).toBe(true);
  });

  it('the Chinese localization validates, and its command titles are engine command words', () => {
    const zh = chineseLocalization('1.30');
    expect(validateLocalization('1.30', zh)).toEqual([]);
    expect(zh['name.short']).toBe(t('zh-CN', 'teams.app.name_short'));
    expect(zh['name.full']).toBe(t('zh-CN', 'teams.app.name_full'));
    expect(zh['name.full']).toContain('申报材料填写'); // the intake's one term (domain.md §11)
    expect([0, 1, 2].map((i) => zh[`bots[0].commandLists[0].commands[${i}].title`])).toEqual(['审查', '状态', '帮助']);
    expect(validateLocalization('1.30', { 'name.short': 'x' }).length).toBeGreaterThan(0); // descriptions are required
  });

  it.each([['bot.example.com'], ['https://bot.example.com/'], ['  https://bot.example.com/api/messages ']])('host %j becomes bot.example.com', (host) => {
    expect(bareHost(host)).toBe('bot.example.com');
  });

  it('icons: color.png 192x192 RGBA; outline.png 32x32, white on transparent', () => {
    const color = png('color.png');
    expect([color.w, color.h, color.depth, color.colourType]).toEqual([192, 192, 8, 6]);
    const outline = png('outline.png');
    expect([outline.w, outline.h, outline.depth, outline.colourType]).toEqual([32, 32, 8, 6]);
    const kinds = new Set(outline.pixels.map((p) => (p[3] === 0 ? 'transparent' : p.join() === '255,255,255,255' ? 'white' : 'other')));
    expect([...kinds].sort()).toEqual(['transparent', 'white']);
  });

  it('appPackage validates without writing anything; the zip holds the four files, flat, byte for byte', () => {
    const pkg = appPackage(APP_ID, 'bot.example.com');
    if (!pkg.ok) throw new Error(pkg.problems.join('\n'));
    const entries = unzip(zip(pkg.files));
    expect([...entries.keys()]).toEqual(['manifest.json', 'zh-cn.json', 'color.png', 'outline.png']);
    expect(entries.get('color.png')).toEqual(file('color.png'));
    expect(JSON.parse(entries.get('manifest.json')!.toString())).toEqual(pkg.manifest);
    expect(zip(pkg.files)).toEqual(zip(pkg.files)); // reproducible
  });

  it('the script writes the zip, and refuses a missing app id', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'rb-zip-')), 'app.zip');
    const env = { ...process.env, MICROSOFT_APP_ID: '', REVIEW_BOT_HOST: '' };
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/teams-package.ts', '--app-id', APP_ID, '--host', 'bot.example.com', '--out', out], {
      env,
      stdio: 'pipe',
    });
    const manifestInZip = JSON.parse(unzip(readFileSync(out)).get('manifest.json')!.toString()) as Manifest;
    expect(manifestInZip.id).toBe(APP_ID);
    let status = 0;
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/teams-package.ts', '--host', 'bot.example.com', '--out', out], { env, stdio: 'pipe' });
    } catch (e) {
      status = (e as { status: number }).status;
    }
    expect(status).toBe(2);
  });
});
