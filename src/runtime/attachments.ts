import { createHash, randomUUID } from 'node:crypto';
import { MATERIALS_FOR, matterOf } from '../../flows/index.js';
import {
  auditEntry,
  can,
  checkAttachment,
  FINAL_STATUSES,
  formatBytes,
  INTAKE_EDITABLE,
  materialOf,
  type AttachmentMeta,
  type AttachmentProblem,
  type AuditEntry,
  type CaseRecord,
  type Person,
  shanghaiDate,
} from '../domain/index.js';
import type { Outbound } from '../engine/index.js';
import { t, type Lang, type MessageKey } from '../i18n/index.js';
import type { CaseUpdate } from '../store/index.js';
import type { BotDeps, InboundFile, Platform } from './contract.js';
import { personName } from './person-name.js';
import { noVisibleCase } from './visible-cases.js';

// Files attached in chat (a Slack file share, a Teams file, a path typed in the terminal) are
// checked before they are fetched (type by name, size), fetched through the platform with the
// bot's credentials (the adapter's `download`), hashed, and stored with the case in one write
// together with the materials item they tick and their audit rows.

const info = (text: string): Outbound => ({ type: 'info', text });
const err = (text: string): Outbound => ({ type: 'error', step: '', text });

function describeProblem(lang: Lang, name: string, p: AttachmentProblem): string {
  switch (p.type) {
    case 'too_large':
      return t(lang, 'attach.too_large', { name, size: formatBytes(p.size), max: formatBytes(p.max) });
    case 'empty':
      return t(lang, 'attach.empty', { name });
    case 'type_not_allowed':
      return t(lang, 'attach.type_not_allowed', { name, extension: p.extension || '—' });
    case 'bad_name':
      return t(lang, 'attach.bad_name');
  }
}

/** Who may attach to a case: whoever may fill in its intake, and its requester; not once it is closed or withdrawn. */
export const mayAttach = (person: Person, k: CaseRecord): boolean =>
  !FINAL_STATUSES.includes(k.status) && (can(person, 'edit_intake', k) || k.requester === person.key);

/**
 * Store `files` with the case. `text`: what came with them (a caption; it may say which material
 * a file is). One write per file, keyed by the platform event and the file's place in it, so a
 * repeated delivery stores nothing twice.
 */
export async function attachFiles(
  deps: BotDeps,
  person: Person,
  k: CaseRecord,
  files: readonly InboundFile[],
  text: string,
  lang: Lang,
  eventId?: string,
): Promise<Outbound[]> {
  // Someone who may not see the case hears what they would for a case that does not exist (the chat says it for an unknown id).
  if (!can(person, 'view', k)) return [err(noVisibleCase(lang, k.id))];
  if (!mayAttach(person, k)) return [err(t(lang, 'cases.not_allowed', { caseId: k.id }))];
  const out: Outbound[] = [];
  let current = k;
  for (const [i, file] of files.entries()) {
    const checked = checkAttachment(file.name, file.size ?? 1);
    if (!checked.ok) {
      out.push(err(describeProblem(lang, file.name, checked.error)));
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = await file.download();
    } catch (e) {
      deps.log.warn('attach.download_failed', { caseId: k.id, name: checked.value.name, err: e });
      out.push(err(t(lang, 'attach.download_failed', { name: checked.value.name })));
      continue;
    }
    // What arrived is what counts: a platform's size can be wrong, a download can be cut short.
    const arrived = checkAttachment(checked.value.name, bytes.byteLength);
    if (!arrived.ok) {
      out.push(err(describeProblem(lang, file.name, arrived.error)));
      continue;
    }
    const now = deps.clock();
    const at = now.toISOString();
    const owed = MATERIALS_FOR[matterOf(current)];
    const material = materialOf(`${checked.value.name} ${text}`, owed);
    const meta: AttachmentMeta = {
      id: `att-${randomUUID()}`,
      caseId: k.id,
      name: checked.value.name,
      mediaType: checked.value.mediaType,
      size: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      by: person.key,
      at,
      material,
    };
    const audit: AuditEntry[] = [
      auditEntry(k.id, at, person.key, 'case.attachment', null, { id: meta.id, name: meta.name, size: meta.size, sha256: meta.sha256, material }),
    ];
    const updates: CaseUpdate[] = [];
    // The materials item it stands for is ticked while the intake may still change; it stays as it is once submitted.
    const tick = material !== null && INTAKE_EDITABLE.includes(current.status) && current.intake.materials?.[material] !== 'ready';
    let next = current;
    if (tick) {
      const before = current.intake.materials?.[material!] ?? null;
      next = { ...current, intake: { ...current.intake, materials: { ...current.intake.materials, [material!]: 'ready' } }, updatedAt: at };
      updates.push({ case: next, expectedUpdatedAt: current.updatedAt });
      audit.push(auditEntry(k.id, at, person.key, `intake.materials.${material}`, before, 'ready'));
    }
    const saved = await deps.store.addAttachment({ meta, bytes }, { updates, audit, ...(eventId ? { eventId: `${eventId}#${i}` } : {}) });
    if (saved === 'duplicate') continue;
    if (saved === 'conflict') {
      out.push(err(t(lang, 'cases.conflict', { caseId: k.id })));
      continue;
    }
    current = next;
    const as = material
      ? t(lang, tick ? 'attach.saved_ticked' : 'attach.saved_as', { material: t(lang, `intake.materials.${material}.label` as MessageKey) })
      : '';
    out.push(info(t(lang, 'attach.saved', { name: meta.name, size: formatBytes(meta.size), caseId: k.id, sha: meta.sha256.slice(0, 12), as })));
  }
  return out;
}

/** The case's files as lines for the case view; people by name when the directory knows them. */
export function attachmentLines(
  deps: Pick<BotDeps, 'findPerson' | 'resolvePerson'>,
  lang: Lang,
  files: readonly AttachmentMeta[],
  reader?: Platform,
): string[] {
  if (files.length === 0) return [];
  return [
    t(lang, 'attach.list_header', { n: files.length }),
    ...files.map((f) =>
      t(lang, 'attach.list_line', { name: f.name, size: formatBytes(f.size), by: personName(deps, f.by, reader), at: shanghaiDate(new Date(f.at)) }),
    ),
  ];
}
