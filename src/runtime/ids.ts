import { randomBytes } from 'node:crypto';

// Crockford base32: no I, L, O, U, so ids survive being read aloud or retyped.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Case ids like RB-7K3Q9X: short enough to type, random so several instances never collide in practice. */
export function newCaseId(): string {
  const bytes = randomBytes(6);
  let s = '';
  for (const b of bytes) s += ALPHABET[b & 31];
  return `RB-${s}`;
}
