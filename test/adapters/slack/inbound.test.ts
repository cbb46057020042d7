import { describe, expect, it } from 'vitest';
import {
  answerValue,
  eventKeys,
  formRef,
  fromSlackText,
  isDmChannel,
  mentionText,
  modalValues,
  parseAddress,
  parseAnswerValue,
  parseFormRef,
} from '../../../adapters/slack/inbound.js';

// Slack payload details -> plain engine inputs.

describe('fromSlackText', () => {
  it.each([
    ['we want to buy 20 core routers', 'we want to buy 20 core routers'],
    ['<@UBOT> we want routers', 'we want routers'],
    ['ask <@U123> about <@U456|ann>', 'ask @U123 about @ann'],
    ['see <#C123|procurement> and <#C999>', 'see #procurement and #C999'],
    ['<!here> please check', '@here please check'],
    ['<!subteam^S1|@buyers> please', '@buyers please'],
    ['quote: <https://example.com/q?id=1&amp;x=2|the quote> and <https://example.com/raw>', 'quote: the quote and https://example.com/raw'],
    ['mail <mailto:a@example.com|a@example.com>', 'mail a@example.com'],
    ['A &lt; B &amp;&amp; C &gt; D', 'A < B && C > D'],
    ['采购一批办公桌椅，见 &lt;清单&gt;', '采购一批办公桌椅，见 <清单>'],
    ['  spaced   out  ', 'spaced out'],
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(fromSlackText(input, 'UBOT')).toBe(expected);
  });

  it('keeps line breaks (a pasted request may have several lines)', () => {
    expect(fromSlackText('line one\nline two')).toBe('line one\nline two');
  });
});

describe('mentionText', () => {
  it.each([
    ['<@UBOT> 20 routers', 'UBOT', '20 routers'],
    ['<@UBOT>', 'UBOT', 'review'], // a bare mention starts a check
    ['<@UBOT> ask <@U2>', 'UBOT', 'ask @U2'],
    ['<@UBOT> 20 routers', undefined, '20 routers'], // bot id not known yet: the leading mention is the bot's
  ])('%j (bot %s) -> %j', (text, bot, expected) => {
    expect(mentionText(text, bot)).toBe(expected);
  });
});

describe('values that travel with controls', () => {
  it('an answer value round-trips its step and choice', () => {
    expect(parseAnswerValue(answerValue('affects_national_security', 'unsure'))).toEqual({ step: 'affects_national_security', choice: 'unsure' });
    expect(answerValue('affects_national_security', 'unsure').length).toBeLessThanOrEqual(150); // Slack's limit for option values
  });

  it('reads answers sent by earlier versions ({ step, choice })', () => {
    expect(parseAnswerValue('{"step":"ciio","choice":"yes"}')).toEqual({ step: 'ciio', choice: 'yes' });
  });

  it.each([undefined, '', 'yes', '{"s":1,"c":"x"}', '{"s":"","c":"x"}', '[1]', 'null', '{"c":"x"}'])('answer value %j is not an answer', (v) => {
    expect(parseAnswerValue(v)).toBeNull();
  });

  it('a form reference round-trips; anything else is refused', () => {
    expect(parseFormRef(formRef('RB-ABC123', 'risk'))).toEqual({ caseId: 'RB-ABC123', form: 'risk' });
    for (const bad of [undefined, '', '{}', '{"caseId":"","form":"risk"}', '{"caseId":"RB-1"}', 'not json']) expect(parseFormRef(bad)).toBeNull();
  });
});

describe('modalValues', () => {
  it('reads each input by its type; empty inputs are null; other actions are ignored', () => {
    expect(
      modalValues({
        values: {
          org: { value: { type: 'plain_text_input', value: 'Grid Co' } },
          qty: { value: { type: 'number_input', value: '20' } },
          date: { value: { type: 'datepicker', selected_date: '2026-04-01' } },
          rating: { value: { type: 'static_select', selected_option: { value: 'high' } } },
          empty: { value: { type: 'plain_text_input', value: null } },
          unset: { value: { type: 'static_select', selected_option: null } },
          other: { something_else: { type: 'plain_text_input', value: 'x' } },
        },
      }),
    ).toEqual({ org: 'Grid Co', qty: '20', date: '2026-04-01', rating: 'high', empty: null, unset: null });
    expect(modalValues(undefined)).toEqual({});
  });
});

describe('addresses and keys', () => {
  it.each([
    [
      { user: 'U1', team: 'T1', dm: 'D1' },
      { user: 'U1', team: 'T1', dm: 'D1' },
    ],
    [
      { user: 'U1', team: null },
      { user: 'U1', team: null },
    ],
    [{ channel: 'D9' }, { user: '', team: null, dm: 'D9' }], // stored by an earlier version
    [{ channel: 'C9' }, null], // a public channel is never a reminder address
    [null, null],
    ['D1', null],
  ])('%j -> %j', (stored, expected) => {
    expect(parseAddress(stored)).toEqual(expected);
  });

  it('DM channels are told apart from channels and groups', () => {
    expect([isDmChannel('D123'), isDmChannel('C123'), isDmChannel('G123'), isDmChannel(undefined)]).toEqual([true, false, false, false]);
  });

  it('interaction keys are distinct per kind and per interaction', () => {
    const keys = [
      eventKeys.command('t1'),
      eventKeys.shortcut('t1'),
      eventKeys.action('U1', '1.1'),
      eventKeys.action('U2', '1.1'),
      eventKeys.view('V1', 't1'),
      eventKeys.view('V1', 't2'),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((k) => k.startsWith('slack:'))).toBe(true);
  });
});
