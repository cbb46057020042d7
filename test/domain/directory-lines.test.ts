import { describe, expect, it } from 'vitest';
import { parseDirectory } from '../../src/domain/index.js';

// Found by the property tests (test/properties/directory.test.ts): Node's JSON parser names no
// position for an unexpected token, so such a syntax error in a .json people file had no line,
// and its message quoted the file's text back.

const syntax = (text: string) => {
  const r = parseDirectory(text, 'people.json');
  if (r.ok) throw new Error('expected a syntax error');
  return r.error.map((i) => ({ line: i.line, message: i.message }));
};

describe('JSON syntax errors in a people file carry their line', () => {
  it.each([
    ['a value missing on line 3', '{\n  "people": [\n    { "id": }\n  ]\n}\n', 3],
    ['a trailing comma in an array', '{ "people": [\n  1,\n] }', 3],
    ['a stray word after the JSON', '{ "people": [] }\n\nx\n', 3],
    ['a file cut short', '{\n  "people": [\n', 3],
    ['an empty file', '', 1],
  ])('%s', (_name, text, line) => {
    const [issue] = syntax(text);
    expect(issue!.line).toBe(line);
    expect(issue!.message).not.toContain('is not valid JSON');
  });
});
