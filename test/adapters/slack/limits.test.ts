import { beforeAll, describe, expect, it } from 'vitest';
import { labelsFor } from '../../../adapters/slack/index.js';
import { answeredBlocks, formModal, homeBlocks, toSlack, type Block } from '../../../adapters/slack/outbound.js';
import { INTAKE_FLOWS } from '../../../flows/index.js';
import { formOf } from '../../../src/engine/index.js';
import { t, type Lang } from '../../../src/i18n/index.js';
import { blockKitProblems, modalProblems, SLACK } from '../../support/block-kit-limits.js';
import { chatFixtures, longAnswer, type Fixture } from '../../support/chat-fixtures.js';

// Every Block Kit payload the Slack adapter builds for the same messages the Teams browser test
// renders (both languages, the longest answers included) stays within Slack's documented limits.

describe('the limit checker itself', () => {
  const button = (text: string, over: Block = {}) => ({ type: 'button', action_id: 'a', text: { type: 'plain_text', text }, value: 'v', ...over });
  it.each<[string, 'message' | 'home', Block[], RegExp]>([
    ['51 blocks in a message', 'message', Array.from({ length: 51 }, () => ({ type: 'divider' })), /message: blocks 51 > 50/],
    ['101 blocks on a home tab', 'home', Array.from({ length: 101 }, () => ({ type: 'divider' })), /home: blocks 101 > 100/],
    ['a 3001-character section', 'message', [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }], /text 3001 > 3000/],
    ['a 151-character header', 'message', [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }], /text 151 > 150/],
    ['a mrkdwn header', 'message', [{ type: 'header', text: { type: 'mrkdwn', text: 'x' } }], /text type mrkdwn/],
    ['a 76-character button', 'message', [{ type: 'actions', elements: [button('x'.repeat(76))] }], /text 76 > 75/],
    [
      '26 elements in an actions block',
      'message',
      [{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button('b', { action_id: `a${i}` })) }],
      /elements 26 > 25/,
    ],
    ['11 context elements', 'message', [{ type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' })) }], /elements 11 > 10/],
    [
      '101 options',
      'message',
      [
        {
          type: 'actions',
          elements: [
            {
              type: 'static_select',
              action_id: 's',
              options: Array.from({ length: 101 }, (_, i) => ({ text: { type: 'plain_text', text: 'o' }, value: `${i}` })),
            },
          ],
        },
      ],
      /options 101 > 100/,
    ],
    [
      'a 76-character option',
      'message',
      [
        {
          type: 'actions',
          elements: [{ type: 'static_select', action_id: 's', options: [{ text: { type: 'plain_text', text: 'x'.repeat(76) }, value: 'v' }] }],
        },
      ],
      /text 76 > 75/,
    ],
    [
      'a 151-character option value',
      'message',
      [
        {
          type: 'actions',
          elements: [{ type: 'static_select', action_id: 's', options: [{ text: { type: 'plain_text', text: 'o' }, value: 'v'.repeat(151) }] }],
        },
      ],
      /value 151 > 150/,
    ],
    [
      'a 151-character placeholder',
      'message',
      [
        {
          type: 'actions',
          elements: [
            {
              type: 'static_select',
              action_id: 's',
              placeholder: { type: 'plain_text', text: 'p'.repeat(151) },
              options: [{ text: { type: 'plain_text', text: 'o' }, value: 'v' }],
            },
          ],
        },
      ],
      /placeholder: text 151 > 150/,
    ],
    ['a 256-character block_id', 'message', [{ type: 'divider', block_id: 'b'.repeat(256) }], /block_id 256 > 255/],
    ['a 256-character action_id', 'message', [{ type: 'actions', elements: [button('b', { action_id: 'a'.repeat(256) })] }], /action_id 256 > 255/],
    [
      'a 2001-character label',
      'message',
      [{ type: 'input', label: { type: 'plain_text', text: 'l'.repeat(2001) }, element: { type: 'plain_text_input', action_id: 'v' } }],
      /label: text 2001 > 2000/,
    ],
    [
      'a 2001-character hint',
      'message',
      [
        {
          type: 'input',
          label: { type: 'plain_text', text: 'l' },
          hint: { type: 'plain_text', text: 'h'.repeat(2001) },
          element: { type: 'plain_text_input', action_id: 'v' },
        },
      ],
      /hint: text 2001 > 2000/,
    ],
    ['an unknown block', 'message', [{ type: 'rich_text' }], /no rules for block rich_text/],
    ['an unknown element', 'message', [{ type: 'actions', elements: [{ type: 'overflow', action_id: 'o' }] }], /no rules for element overflow/],
  ])('reports %s', (_name, surface, blocks, problem) => {
    expect(blockKitProblems(surface, blocks)).toEqual([expect.stringMatching(problem)]);
  });

  it('reports a modal title or submit over 24 characters, and a modal with inputs but no submit', () => {
    const input = { type: 'input', label: { type: 'plain_text', text: 'l' }, element: { type: 'plain_text_input', action_id: 'v' } };
    const plain = (text: string) => ({ type: 'plain_text', text });
    expect(
      modalProblems({ type: 'modal', title: plain('t'.repeat(25)), submit: plain('s'.repeat(25)), close: plain('c'.repeat(25)), blocks: [input] }),
    ).toEqual(['view.title: text 25 > 24', 'view.submit: text 25 > 24', 'view.close: text 25 > 24']);
    expect(modalProblems({ type: 'modal', title: plain('t'), blocks: [input] })).toEqual(['view.submit: missing']);
  });

  it('a payload within every limit has no problems', () => {
    expect(blockKitProblems('message', [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(SLACK.sectionText) } }])).toEqual([]);
  });
});

type Payload = { name: string; lang: Lang; surface: 'message' | 'modal' | 'home'; blocks: Block[]; view?: Block; shownText: string; fixture: Fixture };

function payloadsOf(lang: Lang, f: Fixture): Payload[] {
  const labels = labelsFor(lang);
  const base = { name: f.name, lang, fixture: f };
  const visible = (blocks: Block[]) => JSON.stringify(blocks);
  switch (f.kind) {
    case 'message': {
      const s = toSlack(f.msg, labels);
      return [{ ...base, surface: 'message', blocks: s.blocks, shownText: visible(s.blocks) }];
    }
    case 'answered': {
      const asked = toSlack(f.asked, labels).blocks;
      const short = answeredBlocks(asked, f.asked.text, t(lang, 'platform.answered', { answer: f.answer }));
      // The longest answer a person can give, shown back under its question.
      const long = answeredBlocks(asked, f.asked.text, t(lang, 'platform.answered', { answer: longAnswer(lang) }));
      return [
        { ...base, surface: 'message', blocks: short, shownText: visible(short) },
        { ...base, name: `${f.name}-long`, surface: 'message', blocks: long, shownText: visible(long) },
      ];
    }
    case 'form': {
      const view = formModal(f.form);
      return [{ ...base, surface: 'modal', blocks: view.blocks as Block[], view, shownText: visible(view.blocks as Block[]) }];
    }
    case 'home': {
      const blocks = homeBlocks(f.view);
      // A person with many cases: more than a home tab holds.
      const many = homeBlocks({
        ...f.view,
        cases: Array.from({ length: 40 }, (_, i) => f.view.cases.map((k) => ({ ...k, caseId: `${k.caseId}-${i}` }))).flat(),
      });
      return [
        { ...base, surface: 'home', blocks, shownText: visible(blocks) },
        { ...base, name: `${f.name}-many`, surface: 'home', blocks: many, shownText: visible(many) },
      ];
    }
  }
}

describe('every Block Kit payload of the Slack adapter, both languages, long texts included', () => {
  let payloads: Payload[] = [];
  beforeAll(async () => {
    const fixtures = await chatFixtures();
    payloads = (['en', 'zh-CN'] as const).flatMap((lang) => fixtures[lang].flatMap((f) => payloadsOf(lang, f)));
  });

  it('covers messages, modals and home tabs in both languages, with the long answer and supplier name', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const mine = payloads.filter((p) => p.lang === lang);
      expect(new Set(mine.map((p) => p.surface))).toEqual(new Set(['message', 'modal', 'home']));
      expect(mine.some((p) => p.shownText.includes(longAnswer(lang).slice(0, 200)))).toBe(true);
      expect(mine.filter((p) => p.fixture.kind === 'message' && p.fixture.msg.type === 'question').length).toBeGreaterThan(5);
    }
  });

  it('stays within every limit', () => {
    const broken = payloads.flatMap((p) => {
      const problems = p.view ? modalProblems(p.view) : blockKitProblems(p.surface, p.blocks);
      return problems.map((x) => `${p.lang}/${p.name}: ${x}`);
    });
    expect(broken).toEqual([]);
  });

  it('every modal title names the case whole within 24 characters (never cut), and every modal has its close label', () => {
    const close = { en: 'Close', 'zh-CN': '关闭' } as const;
    const modals = payloads.filter((p) => p.view && p.fixture.kind === 'form');
    expect(new Set(modals.map((p) => p.lang))).toEqual(new Set(['en', 'zh-CN']));
    const wrong = modals.flatMap((p) => {
      const v = p.view as { title: { text: string }; close?: { text: string } };
      const caseId = p.fixture.kind === 'form' ? p.fixture.form.caseId! : '';
      const title = v.title.text;
      return [
        ...(title.includes(caseId) && !title.endsWith('…') && [...title].length <= SLACK.modalTitle ? [] : [`${p.lang}/${p.name}: title ${title}`]),
        ...(v.close?.text === close[p.lang] ? [] : [`${p.lang}/${p.name}: close ${v.close?.text}`]),
      ];
    });
    expect(wrong).toEqual([]);
  });

  it('every section of every matter (listings and data processing too) gets a short title that keeps the longest case id whole', () => {
    const caseId = 'RB-WWWWWW';
    const titles = INTAKE_FLOWS.flatMap((flow) => (['en', 'zh-CN'] as const).map((lang) => formOf(flow, lang, {}, caseId).shortTitle));
    expect(titles.length).toBeGreaterThan(20);
    expect(titles.filter((title) => !title.endsWith(caseId) || [...title].length > SLACK.modalTitle)).toEqual([]);
  });

  it("every modal field shows its hint, and Slack's required flag matches the field", () => {
    const wrong = payloads.flatMap((p) => {
      if (!p.view || p.fixture.kind !== 'form') return [];
      return p.fixture.form.fields.flatMap((f) => {
        const b = p.blocks.find((x) => x.block_id === f.id) as { optional: boolean; hint?: { text: string } } | undefined;
        return b && b.optional === !f.required && b.hint?.text === f.hint ? [] : [`${p.lang}/${p.name}/${f.id}`];
      });
    });
    expect(wrong).toEqual([]);
    expect(payloads.some((p) => p.view && p.blocks.some((b) => b.hint))).toBe(true);
  });

  it('shows every engine message in full: long texts are split over blocks, never cut', () => {
    const cut = payloads.flatMap((p) => {
      if (p.fixture.kind !== 'message' || !('text' in p.fixture.msg)) return [];
      const sections = p.blocks
        .filter((b) => b.type === 'section')
        .map((b) => (b.text as { text: string }).text)
        .join('\n');
      const plain = sections
        .replace(/^:warning: /, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
      return plain.replace(/\n/g, '') === p.fixture.msg.text.replace(/\n/g, '') ? [] : [`${p.lang}/${p.name}`];
    });
    expect(cut).toEqual([]);
  });
});
