import { readFileSync } from 'node:fs';
import { formatIssue, parseDirectory, resolvePerson, type Directory } from '../domain/directory.js';
import type { ResolveActor } from './actor.js';

/** Read and check the people file; a bad file is a list of `file:line: field: message` lines. */
export function loadDirectory(path: string): { ok: true; value: Directory } | { ok: false; error: string[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return { ok: false, error: [`${path}: cannot read the people file: ${(err as Error).message}`] };
  }
  const r = parseDirectory(text);
  return r.ok ? r : { ok: false, error: r.error.map((i) => formatIssue(path, i)) };
}

export const directoryActor = (dir: Directory): ResolveActor => (platform, userId) => resolvePerson(dir, platform, userId);
