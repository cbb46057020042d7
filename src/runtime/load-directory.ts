import { readFileSync } from 'node:fs';
import { directoryFormat, formatDirectoryIssue, parseDirectory, resolvePerson, type Directory } from '../domain/index.js';
import type { ResolvePerson } from './contract.js';

/**
 * Read and check the people file (REVIEW_BOT_DIRECTORY). A `.json` file is read as strict JSON,
 * anything else as YAML. A bad file is a list of `file:line: field: message` lines, in English,
 * for the log and the admin who edits the file.
 */
export function loadDirectory(path: string): { ok: true; value: Directory } | { ok: false; error: string[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return { ok: false, error: [`${path}: cannot read the people file: ${(err as Error).message}`] };
  }
  const r = parseDirectory(text, path, directoryFormat(path));
  return r.ok ? r : { ok: false, error: r.error.map((i) => formatDirectoryIssue(i)) };
}

/** Who is behind a platform user id, by the directory (or, without a file, `localDirectory()`: everyone holds every role). */
export const resolveFromDirectory =
  (dir: Directory): ResolvePerson =>
  (platform, userId) =>
    resolvePerson(dir, platform, userId);
