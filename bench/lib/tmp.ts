import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary folder for databases; removed by `dispose` (and best effort on exit). */
export function tempDir(prefix: string): { path: string; file(name: string): string; dispose(): void } {
  const path = mkdtempSync(join(tmpdir(), `review-bot-bench-${prefix}-`));
  const dispose = () => rmSync(path, { recursive: true, force: true });
  process.once('exit', dispose);
  return { path, file: (name) => join(path, name), dispose };
}
