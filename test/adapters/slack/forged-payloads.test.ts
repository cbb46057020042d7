import { describe, expect, it } from 'vitest';
import { fromSlackText, mentionText, modalValues } from '../../../adapters/slack/inbound.js';

// Found by the property tests (test/properties/slack.test.ts): a signed payload whose text is not a
// string, or whose modal state holds null, threw inside our listeners instead of being read as empty.

describe('Slack payload fields of the wrong kind are read as absent', () => {
  it.each([5, null, {}, ['a'], true])('message text %j is no text', (text) => {
    expect(fromSlackText(text)).toBe('');
    expect(mentionText(text)).toBe('review'); // an empty mention starts a check
  });

  it('modal state: only objects are inputs, and every field is an own key', () => {
    expect(modalValues({ values: 5 } as never)).toEqual({});
    expect(modalValues({ values: { a: null, b: { value: null }, c: { value: 'x' }, d: { value: { value: 'ok' } } } } as never)).toEqual({ d: 'ok' });
    const v = modalValues({ values: { __proto__: { value: { value: 'x' } } } } as never);
    expect(Object.keys(v)).toEqual([]); // a literal __proto__ key sets the prototype: not an own field
    const parsed = modalValues(JSON.parse('{"values":{"__proto__":{"value":{"value":"x"}}}}'));
    expect(Object.hasOwn(parsed, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });
});
