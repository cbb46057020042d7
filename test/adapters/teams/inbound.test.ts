import { describe, expect, it } from 'vitest';
import { reachable } from '../../../adapters/teams/address.js';
import {
  answeredBySomeoneElse,
  answerOf,
  formRequestOf,
  formSubmissionOf,
  inboundOf,
  START_COMMAND,
  withoutMentions,
} from '../../../adapters/teams/inbound.js';

describe('Teams payloads -> engine inputs', () => {
  it.each<[string, unknown, unknown]>([
    ['card answer', { step: 'ciio', choice: 'yes', question: 'Q?', label: 'Yes' }, { type: 'choice', step: 'ciio', choice: 'yes' }],
    ['card answer without question/label', { step: 'ciio', choice: 'no' }, { type: 'choice', step: 'ciio', choice: 'no' }],
    ['start button', { start: true }, { type: 'text', text: START_COMMAND }],
    ['a home case command button (countersign)', { command: 'countersign RB-ABC123' }, { type: 'text', text: 'countersign RB-ABC123' }],
    ['an empty command', { command: '  ' }, { type: 'text', text: 'typed' }],
    ['no value: the typed text', undefined, { type: 'text', text: 'typed' }],
    ['a value that is not ours', { foo: 1 }, { type: 'text', text: 'typed' }],
    ['a step that is not a string', { step: 3, choice: 'yes' }, { type: 'text', text: 'typed' }],
    ['an empty step', { step: '', choice: 'yes' }, { type: 'text', text: 'typed' }],
    ['an array', ['ciio', 'yes'], { type: 'text', text: 'typed' }],
  ])('%s', (_n, value, expected) => {
    expect(inboundOf(value, 'typed')).toEqual(expected);
  });

  it('answerOf keeps question, label and owner, and drops anything else', () => {
    expect(answerOf({ step: 's', choice: 'c', question: 'Q?', label: 'L', owner: 'aad-1', extra: 1 })).toEqual({
      step: 's',
      choice: 'c',
      question: 'Q?',
      label: 'L',
      owner: 'aad-1',
    });
  });

  it.each([
    ['the person it was asked of', 'aad-1', false],
    ['someone else', 'aad-2', true],
  ])('a card answer by %s is refused: %s', (_n, clicker, refused) => {
    expect(answeredBySomeoneElse({ step: 's', choice: 'c', owner: 'aad-1' }, clicker)).toBe(refused);
    expect(answeredBySomeoneElse({ step: 's', choice: 'c' }, clicker)).toBe(false); // cards without an owner (reminders) are anyone's
  });

  it.each<[string, string | undefined, unknown, string]>([
    ['mention first', '<at>review-bot</at> review', [{ type: 'mention', text: '<at>review-bot</at>', mentioned: { id: '28:bot' } }], 'review'],
    [
      'mention in the middle, twice',
      'hi <at>review-bot</at> we buy routers <at>review-bot</at>',
      [{ type: 'mention', text: '<at>review-bot</at>', mentioned: { id: '28:bot' } }],
      'hi  we buy routers',
    ],
    [
      'another person is kept',
      '<at>Ann</at> <at>review-bot</at> status',
      [
        { type: 'mention', text: '<at>Ann</at>', mentioned: { id: '29:ann' } },
        { type: 'mention', text: '<at>review-bot</at>', mentioned: { id: '28:bot' } },
      ],
      '<at>Ann</at>  status',
    ],
    ['no entities (personal chat)', ' review \n', undefined, 'review'],
    ['no text (a card submit)', undefined, [{ type: 'mention', text: '<at>review-bot</at>', mentioned: { id: '28:bot' } }], ''],
    [
      'non-breaking space after the mention',
      '<at>review-bot</at>\u00a0review',
      [{ type: 'mention', text: '<at>review-bot</at>', mentioned: { id: '28:bot' } }],
      'review',
    ],
  ])('withoutMentions: %s', (_n, text, entities, expected) => {
    expect(withoutMentions(text, entities, '28:bot')).toBe(expected);
  });

  it('task/fetch and task/submit data', () => {
    expect(formRequestOf({ msteams: { type: 'task/fetch' }, caseId: 'RB-1', form: 'declaration' })).toEqual({ caseId: 'RB-1', form: 'declaration' });
    expect(formRequestOf({ caseId: 'RB-1' })).toBeNull();
    expect(formRequestOf(null)).toBeNull();
    expect(formSubmissionOf({ caseId: 'RB-1', form: 'risk', msteams: {}, a_rating: 'high', note: '' })).toEqual({
      caseId: 'RB-1',
      form: 'risk',
      values: { a_rating: 'high', note: '' },
    });
    expect(formSubmissionOf({ form: 'risk', a: 1 })).toBeNull();
  });
});

describe('where reminders go', () => {
  const base = {
    serviceUrl: 'https://smba.example/',
    channelId: 'msteams',
    bot: { id: '28:bot', name: 'review-bot' },
    user: { id: '29:u', name: 'U', aadObjectId: 'aad-u' },
  };

  it.each<[string, Record<string, unknown>, string]>([
    ['personal chat', { id: 'a:1', conversationType: 'personal', tenantId: 't' }, 'continue'],
    ['no conversation type (Emulator, Web Chat)', { id: 'c1' }, 'continue'],
    ['channel thread', { id: '19:x@thread.tacv2;messageid=1', conversationType: 'channel', isGroup: true, tenantId: 't' }, 'create'],
    ['group chat', { id: '19:g@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: 't' }, 'create'],
  ])('%s -> %s', (_n, conversation, type) => {
    expect(reachable({ ...base, conversation }).type).toBe(type);
  });

  it('a channel reference becomes a 1:1 chat with that person in the same tenant', () => {
    expect(reachable({ ...base, conversation: { id: '19:x', conversationType: 'channel', isGroup: true, tenantId: 't' } })).toEqual({
      type: 'create',
      channelId: 'msteams',
      serviceUrl: 'https://smba.example/',
      parameters: {
        isGroup: false,
        bot: { id: '28:bot', name: 'review-bot' },
        members: [{ id: '29:u', name: 'U' }],
        tenantId: 't',
        channelData: { tenant: { id: 't' } },
      },
    });
  });

  it.each<[string, unknown]>([
    ['nothing stored', null],
    ['a Slack address', { channel: 'D123' }],
    ['no service URL', { ...base, serviceUrl: undefined, conversation: { id: 'c' } }],
    ['a channel reference without the user', { ...base, user: undefined, conversation: { id: '19:x', conversationType: 'channel' } }],
  ])('%s -> none', (_n, address) => {
    expect(reachable(address).type).toBe('none');
  });
});

describe('files of an activity', () => {
  it('a shared file by its downloadUrl; an upload by its contentUrl; the message HTML and cards are not files', async () => {
    const { filesOf } = await import('../../../adapters/teams/inbound.js');
    expect(
      filesOf([
        {
          contentType: 'application/vnd.microsoft.teams.file.download.info',
          name: 'a.pdf',
          contentUrl: 'https://sp/x',
          content: { downloadUrl: 'https://sp/dl?sig=1' },
        },
        { contentType: 'image/png', name: 'scan.png', contentUrl: 'https://smba.trafficmanager.net/att/1' },
        { contentType: 'text/html', content: '<p>hi</p>' },
        { contentType: 'application/vnd.microsoft.card.adaptive', content: {} },
        { contentType: 'application/pdf', name: 'no-url.pdf' },
      ]),
    ).toEqual([
      { name: 'a.pdf', url: 'https://sp/dl?sig=1', signed: true },
      { name: 'scan.png', url: 'https://smba.trafficmanager.net/att/1', signed: false },
    ]);
    expect(filesOf(undefined)).toEqual([]);
  });
});
