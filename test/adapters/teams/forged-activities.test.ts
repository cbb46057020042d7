import { describe, expect, it } from 'vitest';
import { withoutMentions } from '../../../adapters/teams/inbound.js';
import { parseLang } from '../../../src/i18n/index.js';

// Found by the property tests (test/properties/teams.test.ts): an activity whose text or locale is
// not a string threw inside the turn ("out.replace is not a function", "value.trim is not a function").

describe('Teams activity fields of the wrong kind are read as absent', () => {
  it.each([5, null, {}, ['hi'], true])('text %j is no text', (text) => {
    expect(withoutMentions(text, [], '28:bot')).toBe('');
  });

  it('a mention entity whose text is not a string is left alone', () => {
    expect(withoutMentions('<at>Bot</at> review', [{ type: 'mention', text: 5, mentioned: { id: '28:bot' } }, null, 7], '28:bot')).toBe('<at>Bot</at> review');
    expect(withoutMentions('<at>Bot</at> review', [{ type: 'mention', text: '<at>Bot</at>', mentioned: { id: '28:bot' } }], '28:bot')).toBe('review');
  });

  it.each([0, null, {}, ['en'], true])('locale %j is no language', (locale) => {
    expect(parseLang(locale)).toBeNull();
  });
});
