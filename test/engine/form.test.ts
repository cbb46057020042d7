import { describe, expect, it } from 'vitest';
import { registry } from '../../flows/index.js';
import { latestFlow } from '../../src/engine/index.js';
import { applyForm } from '../../src/engine/index.js';
import { fakeNlu } from '../support/fake-nlu.js';

// A submitted form is checked field by field: what is valid is kept, what is not comes back
// against its own field, and nothing else in the payload is taken for a field.

const applicantFlow = latestFlow(registry, 'intake.purchase.applicant')!;
const flowOf = (section: string) => latestFlow(registry, `intake.purchase.${section}`)!;

describe('a submitted intake form', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'])('a field named %s is not a field: the valid fields are kept', (name) => {
    const submitted = JSON.parse(`{"legal_name":"Example Grid Co.","legal_representative":"Li Ming","${name}":"x"}`) as Record<string, unknown>;
    const r = applyForm(applicantFlow, 'en', submitted, fakeNlu());
    expect(r).toEqual({ values: { legal_name: 'Example Grid Co.', legal_representative: 'Li Ming' }, errors: {}, refused: false, warnings: [] });
  });

  it.each([
    ['a NUL', 'Grid\u0000Co', /control characters/],
    ['a terminal escape', '\u001b]0;pwned\u0007Grid', /control characters/],
    ['a right-to-left override', 'Grid\u202ECo', /direction-control/],
    ['a broken encoding', 'Grid \uFFFD', /not valid text/],
  ])('text with %s is refused on its field; the other fields are still saved', (_n, text, message) => {
    const r = applyForm(applicantFlow, 'en', { legal_name: text, legal_representative: 'Wang Li' }, fakeNlu());
    expect(r.values).toEqual({ legal_representative: 'Wang Li' });
    expect(Object.keys(r.errors)).toEqual(['legal_name']);
    expect(r.errors.legal_name).toMatch(message);
  });
});

describe('a field holding a list or an object', () => {
  const REFUSED = 'This field takes one value, not a list or a set of values.';
  // One field of each kind, each submitted beside a valid field of its own section (`other`).
  const FIELDS = {
    text: { section: 'applicant', field: 'legal_name', other: ['legal_representative', 'Li Ming'] },
    number: { section: 'item', field: 'quantity', other: ['product', 'GPU servers'] },
    date: { section: 'purchase', field: 'planned_purchase_date', other: ['deployment', 'Two data centres'] },
    choice: { section: 'applicant', field: 'truthful', other: ['legal_representative', 'Li Ming'] },
  } as const;
  const refused = 'refused (nothing saved)';
  it.each<[keyof typeof FIELDS, unknown, unknown]>([
    ['text', 'Example Grid Co.', 'Example Grid Co.'],
    ['text', 20, '20'],
    ['text', ['Example Grid Co.'], refused],
    ['text', [], refused],
    ['text', { text: 'Example Grid Co.' }, refused],
    ['text', {}, refused],
    ['number', '20', 20],
    ['number', 20, 20],
    ['number', [20], refused],
    ['number', ['20'], refused],
    ['number', { value: 20 }, refused],
    ['date', '2027-03-01', '2027-03-01'],
    ['date', ['2027-03-01'], refused],
    ['date', { year: 2027, month: 3, day: 1 }, refused],
    ['choice', 'confirmed', 'confirmed'],
    // Every choice field takes one choice: a list of choice ids, even of one, is not an answer.
    ['choice', ['confirmed'], refused],
    ['choice', ['confirmed', 'not_yet'], refused],
    ['choice', { id: 'confirmed' }, refused],
    ['choice', [['confirmed']], refused],
  ])('%s field, %j -> %j', (kind, submitted, expected) => {
    const { section, field, other } = FIELDS[kind];
    const r = applyForm(flowOf(section), 'en', { [field]: submitted, [other[0]]: other[1] }, fakeNlu());
    if (expected === refused) {
      // Refused on its field, and nothing of the submission is kept: not even the valid field beside it.
      expect(r).toEqual({ values: {}, errors: { [field]: REFUSED }, refused: true, warnings: [] });
    } else {
      expect(r).toEqual({ values: { [field]: expected, [other[0]]: other[1] }, errors: {}, refused: false, warnings: [] });
    }
  });

  it("is refused in the person's language, and the other fields still say what is wrong with them", () => {
    const r = applyForm(applicantFlow, 'zh-CN', { legal_name: { zh: '示例电网公司' }, truthful: 'perhaps', legal_representative: '李明' }, fakeNlu());
    expect(r.refused).toBe(true);
    expect(r.values).toEqual({});
    expect(r.errors.legal_name).toBe('此项只能填写一个值，不能是列表或多个值。');
    expect(Object.keys(r.errors).sort()).toEqual(['legal_name', 'truthful']);
  });

  it("outside the fields (a platform's own keys) is not a field and refuses nothing", () => {
    const r = applyForm(applicantFlow, 'en', { legal_name: 'Example Grid Co.', msteams: { suppressOutput: true }, constructor: [] }, fakeNlu());
    expect(r).toEqual({ values: { legal_name: 'Example Grid Co.' }, errors: {}, refused: false, warnings: [] });
  });
});
