import { describe, expect, it } from 'vitest';
import { replay } from '../support/replay.js';

// Questions asked back at a step, hedged answers and yes/no words at questions that are not
// yes/no: (what the person types) -> (messages of the last turn, answers kept). The expected
// texts are written out here, not taken from the catalogues.

const texts = (run: ReturnType<typeof replay>) => run.last.map((m) => `${m.type}${'step' in m ? `:${m.step}` : ''}: ${'text' in m ? m.text : ''}`);
const CIIO_HELP = /identified its system as critical information infrastructure and notified it/;
const ICP_HELP = /Important communication products \(Art\. 21\): radio access network equipment/;
const TO_CIIO = ['review', 'A purchase', 'hpc_servers'];

type Row = { name: string; inputs: string[]; last: RegExp[]; answers: Record<string, string> };
const rows: Row[] = [
  {
    name: 'what is a CIIO? gets the explanation and the same question, nothing recorded',
    inputs: [...TO_CIIO, 'what is a CIIO?'],
    last: [/^info: .*/, /^question:ciio: Is the buyer/],
    answers: { matter: 'purchase', category: 'hpc_servers' },
  },
  {
    name: 'the explanation is the CIIO one',
    inputs: [...TO_CIIO, 'what is a CIIO?'],
    last: [CIIO_HELP, /question:ciio/],
    answers: { matter: 'purchase', category: 'hpc_servers' },
  },
  {
    name: 'in Chinese',
    inputs: ['审查', '采购', 'hpc_servers', '什么是关键信息基础设施？'],
    last: [/保护工作部门认定其系统为关键信息基础设施/, /^question:ciio: 采购方/],
    answers: { matter: 'purchase', category: 'hpc_servers' },
  },
  {
    name: 'a question about a category at the category step explains that category',
    inputs: ['review', 'A purchase', 'what counts as important communication products?'],
    last: [ICP_HELP, /^question:category: What are you buying/],
    answers: { matter: 'purchase' },
  },
  {
    name: 'the same question at another step still explains the category',
    inputs: [...TO_CIIO, 'what counts as important communication products?'],
    last: [ICP_HELP, /^question:ciio/],
    answers: { matter: 'purchase', category: 'hpc_servers' },
  },
  {
    name: 'a question without a known term explains the step',
    inputs: [...TO_CIIO, 'what does this mean?'],
    last: [CIIO_HELP, /^question:ciio/],
    answers: { matter: 'purchase', category: 'hpc_servers' },
  },
  {
    name: '"not sure what CIIO means": explanation, then asks whether to record not sure',
    inputs: [...TO_CIIO, 'not sure what CIIO means'],
    last: [CIIO_HELP, /^question:ciio: Shall I record "Not sure"\?/],
    answers: { matter: 'purchase', category: 'hpc_servers' },
  },
  {
    name: '...and yes records not sure',
    inputs: [...TO_CIIO, 'not sure what CIIO means', 'yes'],
    last: [/^decision/, /^info/],
    answers: { matter: 'purchase', category: 'hpc_servers', ciio: 'unsure' },
  },
  {
    name: '...and no records nothing and asks again',
    inputs: [...TO_CIIO, 'not sure what CIIO means', 'no'],
    last: [/^info: All right, nothing is recorded yet/, /^question:ciio: Is the buyer/],
    answers: { matter: 'purchase', category: 'hpc_servers' },
  },
  {
    name: '...and a number picks the choice in the order shown (flow order)',
    inputs: [...TO_CIIO, 'not sure what CIIO means', '1'],
    last: [/^question:affects_national_security/],
    answers: { matter: 'purchase', category: 'hpc_servers', ciio: 'yes' },
  },
  {
    name: 'maybe asks whether to record not sure',
    inputs: [...TO_CIIO, 'maybe'],
    last: [/^question:ciio: Shall I record "Not sure"\?/],
    answers: { matter: 'purchase', category: 'hpc_servers' },
  },
  {
    name: 'maybe, then yes, records not sure',
    inputs: [...TO_CIIO, 'maybe', 'yes'],
    last: [/^decision/, /^info/],
    answers: { matter: 'purchase', category: 'hpc_servers', ciio: 'unsure' },
  },
  {
    name: '可能吧 asks in Chinese',
    inputs: ['审查', '采购', 'hpc_servers', '可能吧'],
    last: [/^question:ciio: 是否记录为“不确定”？/],
    answers: { matter: 'purchase', category: 'hpc_servers' },
  },
  {
    name: 'maybe where "not sure" is no choice is not an answer',
    inputs: ['review', 'maybe'],
    last: [
      /^error:matter: Please choose one of: 1\. Buying a network product or service; 2\. Listing the company \(IPO\); 3\. Our platform's data processing/,
      /^question:matter/,
    ],
    answers: {},
  },
  {
    name: 'yeah at a yes/no question answers it',
    inputs: [...TO_CIIO, 'yeah'],
    last: [/^question:affects_national_security/],
    answers: { matter: 'purchase', category: 'hpc_servers', ciio: 'yes' },
  },
  {
    name: 'yeah at "a purchase or a listing?" is never taken for a choice',
    inputs: ['review', 'yeah'],
    last: [
      /^error:matter: This question is not answered with yes or no\. Please choose one of: 1\. Buying a network product or service; 2\. Listing/,
      /^question:matter/,
    ],
    answers: {},
  },
  { name: '是 there neither', inputs: ['审查', '是'], last: [/^error:matter: 此问题不能用“是”或“否”回答/, /^question:matter/], answers: {} },
  {
    name: 'yeah at the category question (no guess pending) is not a category',
    inputs: ['review', 'A purchase', 'yeah'],
    last: [/^error:category: This question is not answered with yes or no/, /^question:category/],
    answers: { matter: 'purchase' },
  },
  {
    name: 'a question naming a product explains its category and offers it as the guess',
    inputs: ['review', 'A purchase', 'is a base station an important communication product?'],
    last: [ICP_HELP, /^question:category: This sounds like Important communication products\. Is that right\?/],
    answers: { matter: 'purchase' },
  },
  {
    name: '...which yes confirms',
    inputs: ['review', 'A purchase', 'is a base station an important communication product?', 'yes'],
    last: [/^question:ciio/],
    answers: { matter: 'purchase', category: 'important_communication_products' },
  },
];

describe('questions and hedges at a step', () => {
  it.each(rows)('$name', ({ inputs, last, answers }) => {
    const run = replay(inputs);
    const got = texts(run);
    expect(got, got.join('\n')).toHaveLength(last.length);
    for (const [i, re] of last.entries()) expect(got[i]).toMatch(re);
    expect(run.state?.answers).toEqual(answers);
  });

  it('a question changes nothing that is stored', () => {
    const before = replay(TO_CIIO);
    const after = replay([...TO_CIIO, 'what is a CIIO?']);
    expect(after.state).toEqual(before.state);
    expect(after.effects).toEqual(before.effects);
  });
});

describe('a first message that lists several items', () => {
  it('says what was recognised and guesses the most demanding item', () => {
    const run = replay(['we need 10 laptops, 2 firewalls and chairs']);
    expect(texts(run)).toEqual([
      'info: I recognised several items: Other network product or service ×10; Network security equipment ×2; Not a network product or service. The check follows the most demanding of them.',
      'question:category: This sounds like Network security equipment. Is that right? Answer yes, or choose the right category.',
    ]);
  });

  it('says nothing extra for one item', () => {
    expect(texts(replay(['we want to buy 20 core routers']))[0]).toMatch(/^question:category: This sounds like Core network equipment/);
  });
});
