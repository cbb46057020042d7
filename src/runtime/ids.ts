import { randomFillSync } from 'node:crypto';

// Crockford base32: no I, L, O, U, so ids survive being read aloud or retyped.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ID_BYTES = 6;

// Random bytes drawn for 256 ids at a time: one call into the CSPRNG per id was 1.7% of the main
// thread with 200 turns in flight (bench/profile-turns.ts under --cpu-prof).
const pool = Buffer.alloc(ID_BYTES * 256);
let next = pool.length;

/** Case ids like RB-7K3Q9X: short enough to type, random across instances; an id already taken is refused at the write, and the turn draws again. */
export function newCaseId(): string {
  if (next + ID_BYTES > pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  let s = '';
  for (let i = next; i < next + ID_BYTES; i++) s += ALPHABET[pool[i]! & 31];
  next += ID_BYTES;
  return `RB-${s}`;
}
