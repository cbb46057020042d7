import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configuredManifest, validateManifest } from '../../../scripts/teams-package.js';

const pngSize = (file: string) => {
  const b = readFileSync(new URL(`../../../${file}`, import.meta.url));
  return { w: b.readUInt32BE(16), h: b.readUInt32BE(20), rgba: b[25] === 6 };
};

describe('Teams app package', () => {
  const manifest = configuredManifest('11111111-2222-3333-4444-555555555555', 'bot.example.com');

  it('the manifest validates against the published schema of its version', () => {
    expect(validateManifest(manifest)).toEqual([]);
  });

  it('a broken manifest fails validation', () => {
    expect(validateManifest({ ...manifest, bots: [{ scopes: ['nowhere'] }] }).length).toBeGreaterThan(0);
    expect(validateManifest({ ...manifest, manifestVersion: '0.9' })).toEqual(['no published schema for manifestVersion "0.9"']);
  });

  it('carries the bot id, the three scopes and the command list', () => {
    const bot = (manifest.bots as { botId: string; scopes: string[]; commandLists: { commands: { title: string }[] }[] }[])[0]!;
    expect(bot.botId).toBe('11111111-2222-3333-4444-555555555555');
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot.commandLists[0]!.commands.map((c) => c.title)).toEqual(['review', 'status', 'help']);
    expect(manifest.validDomains).toEqual(['bot.example.com']);
  });

  it('icons have the sizes Teams requires', () => {
    expect(pngSize('color.png')).toEqual({ w: 192, h: 192, rgba: true });
    expect(pngSize('outline.png')).toEqual({ w: 32, h: 32, rgba: true });
  });

  it('the script writes a flat zip with the three files', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'rb-zip-')), 'app.zip');
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/teams-package.ts', '--app-id', '11111111-2222-3333-4444-555555555555', '--host', 'bot.example.com', '--out', out]);
    const zip = readFileSync(out);
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    const text = zip.toString('latin1');
    for (const name of ['manifest.json', 'color.png', 'outline.png']) expect(text).toContain(name);
    expect(text).not.toContain('/manifest.json');
  });
});
