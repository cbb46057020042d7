import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(join(root, dir)).flatMap((f) => {
    const p = join(dir, f);
    return statSync(join(root, p)).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
const imports = (file: string) => [...readFileSync(join(root, file), 'utf8').matchAll(/from '([^']+)'|import\('([^']+)'\)/g)].map((m) => m[1] ?? m[2]!);

describe('dependencies point inward', () => {
  const pure = [...files('flows'), ...files('src/engine'), ...files('src/domain')];
  it.each(pure.map((f) => [relative(root, join(root, f))]))('%s imports no I/O, database or platform SDK', (file) => {
    const bad = imports(file).filter((m) => /^(node:(fs|net|http|https|child_process|dgram|os)|fs|sqlite3|@slack\/|botbuilder|express)/.test(m));
    expect(bad).toEqual([]);
  });

  it('every botbuilder import is inside adapters/teams/ (one folder to change when the SDK is replaced)', () => {
    const outside = [...files('src'), ...files('adapters'), ...files('flows')]
      .filter((f) => !f.startsWith('adapters/teams/') && imports(f).some((m) => m.startsWith('botbuilder')));
    expect(outside).toEqual([]);
  });

  it('@slack/* is imported only by adapters/slack/', () => {
    const outside = [...files('src'), ...files('adapters'), ...files('flows')]
      .filter((f) => !f.startsWith('adapters/slack/') && imports(f).some((m) => m.startsWith('@slack/')));
    expect(outside).toEqual([]);
  });
});
