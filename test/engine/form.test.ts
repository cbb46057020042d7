import { describe, expect, it } from 'vitest';
import { registry } from '../../flows/index.js';
import { latestFlow } from '../../src/engine/index.js';
import { applyForm } from '../../src/engine/index.js';
import { fakeNlu } from '../support/fake-nlu.js';

// A submitted form is checked field by field: what is valid is kept, what is not comes back
// against its own field, and nothing else in the payload is taken for a field.

const applicantFlow = latestFlow(registry, 'intake.purchase.applicant')!;

describe('a submitted intake form', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'])('a field named %s is not a field: the valid fields are kept', (name) => {
    const submitted = JSON.parse(`{"legal_name":"Example Grid Co.","legal_representative":"Li Ming","${name}":"x"}`) as Record<string, unknown>;
    const r = applyForm(applicantFlow, 'en', submitted, fakeNlu());
    expect(r).toEqual({ values: { legal_name: 'Example Grid Co.', legal_representative: 'Li Ming' }, errors: {}, warnings: [] });
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
