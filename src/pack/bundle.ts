import { zipSync } from 'fflate';
import { cleanFileName } from '../domain/index.js';
import type { ApplicationPack } from './application-pack.js';
import { packToDocx } from './docx.js';
import { packToMarkdown } from './markdown.js';

// The pack as one zip a filing team can hand on: the Word document, the Markdown, the JSON and
// every attached file under attachments/ (names made unique, the pack lists each with its SHA-256).

export type BundleFile = { name: string; bytes: Uint8Array };

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Attachment names inside the zip: unique, and never a path out of the folder. */
function uniqueNames(files: readonly BundleFile[]): BundleFile[] {
  const seen = new Set<string>();
  return files.map((f) => {
    const base = cleanFileName(f.name).replace(/^\.+/, '') || 'file';
    let name = base;
    for (let i = 2; seen.has(name.toLowerCase()); i++) name = base.replace(/(\.[^.]*)?$/, (ext) => `-${i}${ext}`);
    seen.add(name.toLowerCase());
    return { ...f, name };
  });
}

export async function packToZip(p: ApplicationPack, attachments: readonly BundleFile[]): Promise<Uint8Array> {
  const stem = `${p.caseId}-${p.lang}`;
  const entries: Record<string, Uint8Array> = {
    [`${stem}.docx`]: await packToDocx(p),
    [`${stem}.md`]: utf8(packToMarkdown(p)),
    [`${stem}.json`]: utf8(`${JSON.stringify(p, null, 2)}\n`),
  };
  for (const f of uniqueNames(attachments)) entries[`attachments/${f.name}`] = f.bytes;
  return zipSync(entries, { level: 6 });
}
