import { describe, expect, it } from 'vitest';
import { declarationFlow } from '../../flows/index.js';
import { applyForm } from '../../src/engine/index.js';
import { fakeNlu } from '../support/fake-nlu.js';

// A submitted form is checked field by field: what is valid is kept, what is not comes back
// against its own field, and nothing else in the payload is taken for a field.

describe('a submitted intake form', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'])('a field named %s is not a field: the valid fields are kept', (name) => {
    const submitted = JSON.parse(`{"applicant_org":"Example Grid Co.","quantity":"20","${name}":"x"}`) as Record<string, unknown>;
    const r = applyForm(declarationFlow, 'en', submitted, fakeNlu());
    expect(r).toEqual({ values: { applicant_org: 'Example Grid Co.', quantity: 20 }, errors: {} });
  });

  it.each([
    ['a NUL', 'Grid\u0000Co', /control characters/],
    ['a terminal escape', '\u001b]0;pwned\u0007Grid', /control characters/],
    ['a right-to-left override', 'Grid\u202ECo', /direction-control/],
    ['a broken encoding', 'Grid \uFFFD', /not valid text/],
  ])('text with %s is refused on its field; the other fields are still saved', (_n, text, message) => {
    const r = applyForm(declarationFlow, 'en', { applicant_org: text, contact: 'Wang Li, 010-1234-5678' }, fakeNlu());
    expect(r.values).toEqual({ contact: 'Wang Li, 010-1234-5678' });
    expect(Object.keys(r.errors)).toEqual(['applicant_org']);
    expect(r.errors.applicant_org).toMatch(message);
  });
});
