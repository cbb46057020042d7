import { describe, expect, it } from 'vitest';
import { triageFlow } from '../../../flows/index.js';
import { CATEGORIES } from '../../../src/domain/index.js';
import { renderQuestion } from '../../../src/engine/index.js';
import { t, type MessageKey } from '../../../src/i18n/index.js';
import { renderText, terminalLabels as labels } from '../../../adapters/terminal/outbound.js';

describe('terminal: a guessed category is marked where it stands, numbered as the engine counts', () => {
  it.each(['en', 'zh-CN'] as const)('%s', (lang) => {
    const guess = CATEGORIES[CATEGORIES.length - 1]!;
    const lines = renderText(renderQuestion(lang, triageFlow.steps.category!, guess), labels(lang)).split('\n');
    expect(lines[0]).toContain(t(lang, `category.${guess}` as MessageKey)); // the confirmation names the guess
    const label = (c: string) => t(lang, `category.${c}` as MessageKey);
    expect(lines.slice(1)).toEqual(CATEGORIES.map((c, i) => `  ${i + 1}. ${c === guess ? labels(lang).suggested(label(c)) : label(c)}`));
  });

  it('the marks read as the catalogue says, in each language', () => {
    expect(labels('en').suggested('Cloud computing services')).toBe('Cloud computing services (suggested)');
    expect(labels('zh-CN').suggested('云计算服务')).toBe('云计算服务（建议）');
  });

  it('without a guess nothing is marked', () => {
    const text = renderText(renderQuestion('en', triageFlow.steps.category!), labels('en'));
    expect(text).not.toContain('(suggested)');
    expect(text.split('\n')).toHaveLength(CATEGORIES.length + 1);
  });
});

describe('terminal: a decision lists the next actions with what to type for each', () => {
  it.each([
    ['en', 'Next:', '  > View the case: type "show RB-ABC123"'],
    ['zh-CN', '下一步：', '  > 查看审查事项：输入“查看 RB-ABC123”'],
  ] as const)('%s', (lang, heading, line) => {
    const text = renderText(
      {
        type: 'decision',
        outcome: 'required',
        title: 'T',
        reasons: [],
        caseId: 'RB-ABC123',
        reference: 'REF',
        actions: [{ id: 'view', label: t(lang, 'actions.view'), caseId: 'RB-ABC123', command: t(lang, 'actions.command.view', { caseId: 'RB-ABC123' }) }],
      },
      labels(lang),
    );
    expect(text.split('\n')).toEqual(['== T [REF] ==', heading, line]);
  });
});
