import { describe, expect, it } from 'vitest';
import { checkFreeText, parseCaseCommand } from '../../src/domain/index.js';

// Found by the property tests (test/properties/chat.test.ts): a lone UTF-16 surrogate passed the
// check and was stored as U+FFFD; a case command with an unsafe tail ran and dropped the tail unseen.

describe('the free-text check', () => {
  it.each([
    ['a lone high surrogate', 'back\uD800', { ok: false, error: { type: 'bad_encoding' } }],
    ['a lone low surrogate', '\uDC00 router', { ok: false, error: { type: 'bad_encoding' } }],
    ['a low surrogate before a high one', 'x\uDC00\uD800y', { ok: false, error: { type: 'bad_encoding' } }],
    ['a surrogate pair (an emoji)', ' 👍 ok ', { ok: true, value: '👍 ok' }],
    ['a character outside the BMP (CJK extension B)', '𠀀', { ok: true, value: '𠀀' }],
  ])('%s', (_name, text, expected) => {
    expect(checkFreeText(text)).toEqual(expected);
  });
});

describe('case commands', () => {
  it.each([
    ['a NUL after a verb without argument', 'close RB-ABC123 \u0000'],
    ['a right-to-left override', 'show RB-ABC123 \u202Exe.txt'],
    ['a lone surrogate', 'withdraw RB-ABC123 \uD800'],
    ['a terminal escape in a comment', 'comment RB-ABC123 \u001b[2Jhi'],
    ['over 2,000 characters', `ready RB-ABC123 ${'x'.repeat(2001)}`],
  ])('are no command with %s', (_name, text) => {
    expect(parseCaseCommand(text)).toBeNull();
  });

  it('are still read with safe text', () => {
    expect(parseCaseCommand('close RB-ABC123')).toEqual({ caseId: 'RB-ABC123', action: { type: 'close' } });
    expect(parseCaseCommand('comment rb-abc123 looks fine 👍')).toEqual({ caseId: 'RB-ABC123', action: { type: 'comment', text: 'looks fine 👍' } });
  });
});
