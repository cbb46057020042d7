import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/engine/commands.js';
import { parseCaseCommand } from '../../src/domain/case-commands.js';

describe('"why 2020": how the 2020 Measures differed', () => {
  it.each([
    'why 2020',
    'why 2020?',
    'Why 2020 measures',
    '为什么 2020',
    '为什么2020',
    '依据 2020',
    'what about the 2020 measures?',
    'How did the 2020 version differ?',
    'what changed from the old measures?',
    '2020年版办法有什么不同？',
    '和2020年的办法有什么区别',
    '旧版办法是怎么规定的？',
  ])('%j asks about them', (text) => {
    expect(parseCommand(text)).toEqual({ type: 'why', about: 'measures_2020' });
  });

  it.each([
    'why',
    'we bought 20 core routers in 2020 and need 10 more',
    'renew the 2020 contract under the same measures',
    '2020',
    'quantity 2020',
    '2020年采购的服务器需要扩容',
  ])('%j is not that question', (text) => {
    expect(parseCommand(text)).not.toEqual({ type: 'why', about: 'measures_2020' });
  });
});

describe('countersigning a risk-prediction record in chat', () => {
  it.each(['countersign RB-4K7Q2M', 'Countersign rb-4k7q2m', '/countersign RB-4K7Q2M', '会签 RB-4K7Q2M'])('%j', (text) => {
    expect(parseCaseCommand(text)).toEqual({ caseId: 'RB-4K7Q2M', action: { type: 'countersign' } });
  });
});

describe('ready and item: an argument the verb does not take is refused with how it is typed, never read as free text', () => {
  it.each([
    ['ready RB-4K7Q2M', { type: 'mark_ready', missing: [] }],
    ['ready RB-4K7Q2M anyway filed on paper', { type: 'mark_ready', missing: [], reason: 'filed on paper' }],
    ['就绪 RB-4K7Q2M 仍然 已书面报送', { type: 'mark_ready', missing: [], reason: '已书面报送' }],
    ['ready RB-4K7Q2M !', { type: 'usage', verb: 'ready', problem: 'unexpected' }],
    ['ready RB-4K7Q2M soon', { type: 'usage', verb: 'ready', problem: 'unexpected' }],
    ['item RB-4K7Q2M add', { type: 'item', op: 'add' }],
    ['item RB-4K7Q2M 2', { type: 'item', op: 'edit', n: 2 }],
    ['明细 RB-4K7Q2M 删除 3', { type: 'item', op: 'remove', n: 3 }],
    ['item RB-4K7Q2M everything', { type: 'usage', verb: 'item', problem: 'unexpected' }],
  ])('%j', (text, action) => {
    expect(parseCaseCommand(text)).toEqual({ caseId: 'RB-4K7Q2M', action });
  });
});
