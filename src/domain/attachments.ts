import type { Result } from './result.js';

// Files attached to a case in chat (procurement documents, draft contracts, the impact report,
// supplier letters): what is accepted, and which Art. 8 material a file stands for. The bytes
// are the store's; here only their description and the rules.

/** A stored file of a case, without its bytes. */
export type AttachmentMeta = {
  id: string;
  caseId: string;
  name: string;
  mediaType: string;
  size: number;
  /** Hex SHA-256 of the bytes, as stored: the pack lists it so the filing team can check the copy. */
  sha256: string;
  /** Person key of who attached it, and when (ISO instant). */
  by: string;
  at: string;
  /** The materials item it ticks (flows' MATERIALS id), or null when it is another document. */
  material: string | null;
};

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACHMENT_NAME = 200;

/** Office documents, PDF, images of signed pages, plain text: what a filing contains. */
export const ALLOWED_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ofd: 'application/ofd',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  txt: 'text/plain',
  zip: 'application/zip',
};

export type AttachmentProblem =
  | { type: 'too_large'; size: number; max: number }
  | { type: 'empty' }
  | { type: 'type_not_allowed'; extension: string }
  | { type: 'bad_name' };

const extensionOf = (name: string) => (/\.([a-z0-9]{1,8})$/i.exec(name)?.[1] ?? '').toLowerCase();

/** A file name as stored: the last path part, no control characters, at most MAX_ATTACHMENT_NAME characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
const UNSAFE_IN_NAMES = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop()!.replace(UNSAFE_IN_NAMES, '').trim();
  if (base.length <= MAX_ATTACHMENT_NAME) return base;
  const ext = extensionOf(base);
  return `${base.slice(0, MAX_ATTACHMENT_NAME - ext.length - 1)}.${ext}`;
}

/** Whether a file may be attached: its name (by extension), its size. The media type comes from the extension, not from the sender. */
export function checkAttachment(name: string, size: number): Result<{ name: string; mediaType: string }, AttachmentProblem> {
  const clean = cleanFileName(name);
  if (!clean || clean === '.' || clean === '..') return { ok: false, error: { type: 'bad_name' } };
  const ext = extensionOf(clean);
  const mediaType = ALLOWED_TYPES[ext];
  if (!mediaType) return { ok: false, error: { type: 'type_not_allowed', extension: ext } };
  if (size === 0) return { ok: false, error: { type: 'empty' } };
  if (size > MAX_ATTACHMENT_BYTES) return { ok: false, error: { type: 'too_large', size, max: MAX_ATTACHMENT_BYTES } };
  return { ok: true, value: { name: clean, mediaType } };
}

// Words in a file name (or the message it came with) that say which material it is.
const MATERIAL_HINTS: readonly [string, RegExp][] = [
  ['impact_report', /impact|analysis report|risk report|影响|分析报告|风险评估/i],
  ['supplier_letters', /commitment|undertaking|letter|confidential|nda|承诺|保密协议|安全保密|函/i],
  ['listing_documents', /prospectus|listing|ipo|f-1|招股|上市/i],
  ['declaration_form', /declaration|application form|申报书|申报表/i],
  ['procurement_documents', /procurement|tender|contract|agreement|bid|purchase|采购|招标|合同|协议|投标|询价/i],
];

/** The material a file stands for, from its name and the words sent with it, among those the case owes; null when none says. */
export function materialOf(text: string, owed: readonly string[]): string | null {
  for (const [material, re] of MATERIAL_HINTS) if (owed.includes(material) && re.test(text)) return material;
  return null;
}

/** "1.2 MB", "640 KB", "512 B". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}
