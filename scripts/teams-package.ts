// Builds review-bot-teams.zip (manifest.json, zh-cn.json, color.png, outline.png; flat) after validating the
// manifest and its Chinese localization offline against the published Teams JSON schemas that the
// @microsoft/app-manifest npm package ships (build/json-schemas/teams/v<version>/, draft-04).
//   npm run teams:package -- --app-id <MICROSOFT_APP_ID> --host <bot.example.com> [--out review-bot-teams.zip]
// Without flags it reads MICROSOFT_APP_ID and REVIEW_BOT_HOST from the environment.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { crc32 } from 'node:zlib';
import Ajv04Module from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { t, type Lang, type MessageKey } from '../src/i18n/index.js';

const root = new URL('../', import.meta.url);
const require = createRequire(import.meta.url);

export type Manifest = Record<string, unknown>;
export const LOCALIZATION_FILE = 'zh-cn.json';
const COMMANDS = ['review', 'status', 'help'] as const;

/** A published schema file of the given manifest version, from the npm package (never fetched). */
const schemas = new Map<string, object>();
export function teamsSchema(version: string, file = 'MicrosoftTeams.schema.json'): object {
  const path = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${version}/${file}`);
  if (!schemas.has(path)) schemas.set(path, JSON.parse(readFileSync(path, 'utf8')) as object);
  return schemas.get(path)!;
}

type Validate = ReturnType<import('ajv').default['compile']>;
const compiled = new Map<object, Validate>();

function compile(schema: object): Validate {
  const known = compiled.get(schema);
  if (known) return known;
  // CommonJS default export under NodeNext: the class is the module's `default`.
  const Ajv04 = (Ajv04Module as unknown as { default: typeof Ajv04Module }).default ?? Ajv04Module;
  // unicodeRegExp off: the published localization schema has patterns (a bare `]`) that are invalid with the `u` flag.
  const ajv = new (Ajv04 as unknown as new (o: object) => import('ajv').default)({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);
  compiled.set(schema, validate);
  return validate;
}

function check(schema: object, doc: unknown, where: string): string[] {
  const validate = compile(schema);
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => `${where}${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

/** Problems with a manifest against the schema of its own manifestVersion; empty when valid. */
export function validateManifest(manifest: Manifest): string[] {
  const version = String(manifest.manifestVersion ?? '');
  let schema: object;
  try {
    schema = teamsSchema(version);
  } catch {
    return [`no published schema for manifestVersion "${version}"`];
  }
  return check(schema, manifest, 'manifest.json');
}

/** Problems with a localization file against the localization schema of the manifest's version. */
export function validateLocalization(manifestVersion: string, localization: Record<string, unknown>): string[] {
  let schema: object;
  try {
    schema = teamsSchema(manifestVersion, 'MicrosoftTeams.Localization.schema.json');
  } catch {
    return [`no published localization schema for manifestVersion "${manifestVersion}"`];
  }
  return check(schema, localization, LOCALIZATION_FILE);
}

/** The app's strings in one language, from the i18n catalogue (src/i18n/messages/teams.ts). */
const strings = (lang: Lang) => ({
  name: { short: t(lang, 'teams.app.name_short'), full: t(lang, 'teams.app.name_full') },
  description: { short: t(lang, 'teams.app.description_short'), full: t(lang, 'teams.app.description_full') },
  commands: COMMANDS.map((c) => ({
    title: t(lang, `teams.command.${c}.title` as MessageKey),
    description: t(lang, `teams.command.${c}.description` as MessageKey),
  })),
});

/** Accepts `bot.example.com`, `https://bot.example.com/` or `bot.example.com:8443`; returns the bare host. */
export const bareHost = (host: string): string =>
  host
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '');

/** The shipped manifest with this deployment's bot id and host, and its English text from the catalogue. */
export function configuredManifest(appId: string, host: string): Manifest {
  const m = JSON.parse(readFileSync(new URL('manifest.json', root), 'utf8')) as Manifest & {
    bots: { botId: string; commandLists: { commands: { title: string; description: string }[] }[] }[];
    developer: Record<string, string>;
  };
  const domain = bareHost(host);
  const en = strings('en');
  m.id = appId;
  m.bots[0]!.botId = appId;
  m.bots[0]!.commandLists[0]!.commands = en.commands;
  m.name = en.name;
  m.description = en.description;
  m.validDomains = [domain];
  m.developer = { ...m.developer, websiteUrl: `https://${domain}`, privacyUrl: `https://${domain}/privacy`, termsOfUseUrl: `https://${domain}/terms` };
  return m;
}

/** The Simplified Chinese strings of the app (localizationInfo points Teams to this file). */
export function chineseLocalization(manifestVersion: string): Record<string, unknown> {
  const zh = strings('zh-CN');
  return {
    $schema: `https://developer.microsoft.com/en-us/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.Localization.schema.json`,
    'name.short': zh.name.short,
    'name.full': zh.name.full,
    'description.short': zh.description.short,
    'description.full': zh.description.full,
    ...Object.fromEntries(
      zh.commands.flatMap((c, i) => [
        [`bots[0].commandLists[0].commands[${i}].title`, c.title],
        [`bots[0].commandLists[0].commands[${i}].description`, c.description],
      ]),
    ),
  };
}

/** Everything that goes into the zip, validated; or the problems. No file is written. */
export function appPackage(
  appId: string,
  host: string,
): { ok: true; manifest: Manifest; files: { name: string; data: Buffer }[] } | { ok: false; problems: string[] } {
  const manifest = configuredManifest(appId, host);
  const version = String(manifest.manifestVersion);
  const localization = chineseLocalization(version);
  const problems = [...validateManifest(manifest), ...validateLocalization(version, localization)];
  const info = manifest.localizationInfo as { additionalLanguages?: { file: string }[] } | undefined;
  if (!info?.additionalLanguages?.some((l) => l.file === LOCALIZATION_FILE))
    problems.push(`manifest.json: localizationInfo does not list ${LOCALIZATION_FILE}`);
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    manifest,
    files: [
      { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
      { name: LOCALIZATION_FILE, data: Buffer.from(`${JSON.stringify(localization, null, 2)}\n`) },
      { name: 'color.png', data: readFileSync(new URL('color.png', root)) },
      { name: 'outline.png', data: readFileSync(new URL('outline.png', root)) },
    ],
  };
}

/** A minimal zip (stored entries, fixed 1980-01-01 timestamps so the output is reproducible): enough for a Teams app package. */
export function zip(files: { name: string; data: Buffer }[]): Buffer {
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name);
    const crc = crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(f.data.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(f.data.length, 20);
    central.writeUInt32LE(f.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, f.data);
    centrals.push(central, name);
    offset += 30 + name.length + f.data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function main(): number {
  const { values } = parseArgs({
    options: { 'app-id': { type: 'string' }, host: { type: 'string' }, out: { type: 'string', default: 'review-bot-teams.zip' } },
  });
  const appId = values['app-id'] ?? process.env.MICROSOFT_APP_ID;
  const host = values.host ?? process.env.REVIEW_BOT_HOST;
  if (!appId || !UUID.test(appId) || !host) {
    console.error('teams:package needs --app-id <GUID> (or MICROSOFT_APP_ID) and --host <domain> (or REVIEW_BOT_HOST)');
    return 2;
  }
  const pkg = appPackage(appId, host);
  if (!pkg.ok) {
    console.error(`the Teams app package does not match the published schema:\n${pkg.problems.join('\n')}`);
    return 1;
  }
  writeFileSync(values.out!, zip(pkg.files));
  console.log(
    `wrote ${values.out} (manifest v${String(pkg.manifest.manifestVersion)} and ${LOCALIZATION_FILE} valid; bot ${appId}; https://${bareHost(host)}/api/messages)`,
  );
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
