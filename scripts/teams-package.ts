// Builds review-bot-teams.zip (manifest.json + icons, flat) after validating the manifest offline
// against the published Teams JSON schema shipped in the @microsoft/app-manifest npm package.
//   npm run teams:package -- --app-id <MICROSOFT_APP_ID> --host <bot.example.com> [--out review-bot-teams.zip]
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { crc32 } from 'node:zlib';
import Ajv04Module from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const root = new URL('../', import.meta.url);
const require = createRequire(import.meta.url);

export function manifestSchema(version: string): object {
  const path = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as object;
}

/** Problems with a manifest against the schema of its own manifestVersion; empty when valid. */
export function validateManifest(manifest: Record<string, unknown>): string[] {
  const version = String(manifest.manifestVersion ?? '');
  let schema: object;
  try {
    schema = manifestSchema(version);
  } catch {
    return [`no published schema for manifestVersion "${version}"`];
  }
  // CommonJS default export under NodeNext: the class is the module's `default`.
  const Ajv04 = (Ajv04Module as unknown as { default: typeof Ajv04Module }).default ?? Ajv04Module;
  const ajv = new (Ajv04 as unknown as new (o: object) => import('ajv').default)({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

/** The shipped manifest with this deployment's bot id and host filled in. */
export function configuredManifest(appId: string, host: string): Record<string, unknown> {
  const m = JSON.parse(readFileSync(new URL('manifest.json', root), 'utf8')) as Record<string, unknown> & { bots: { botId: string }[]; developer: Record<string, string> };
  m.id = appId;
  m.bots[0]!.botId = appId;
  m.validDomains = [host];
  m.developer = { ...m.developer, websiteUrl: `https://${host}`, privacyUrl: `https://${host}/privacy`, termsOfUseUrl: `https://${host}/terms` };
  return m;
}

/** A minimal zip (stored entries): enough for a Teams app package, no archive library needed. */
export function zip(files: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name);
    const crc = crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(f.data.length, 18); local.writeUInt32LE(f.data.length, 22); local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(f.data.length, 20); central.writeUInt32LE(f.data.length, 24); central.writeUInt16LE(name.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, name, f.data);
    centrals.push(central, name);
    offset += 30 + name.length + f.data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const { values } = parseArgs({ options: { 'app-id': { type: 'string' }, host: { type: 'string' }, out: { type: 'string', default: 'review-bot-teams.zip' } } });
  const appId = values['app-id'] ?? process.env.MICROSOFT_APP_ID;
  const host = values.host ?? process.env.REVIEW_BOT_HOST;
  if (!appId || !UUID.test(appId) || !host) {
    console.error('teams:package needs --app-id <GUID> (or MICROSOFT_APP_ID) and --host <domain> (or REVIEW_BOT_HOST)');
    process.exit(2);
  }
  const manifest = configuredManifest(appId, host);
  const problems = validateManifest(manifest);
  if (problems.length) {
    console.error(`manifest.json does not match the Teams schema v${String(manifest.manifestVersion)}:\n${problems.join('\n')}`);
    process.exit(1);
  }
  const files = [
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2)) },
    { name: 'color.png', data: readFileSync(new URL('color.png', root)) },
    { name: 'outline.png', data: readFileSync(new URL('outline.png', root)) },
  ];
  writeFileSync(values.out!, zip(files));
  console.log(`wrote ${values.out} (manifest v${String(manifest.manifestVersion)} valid)`);
}
