import type { ConvState } from '../engine/index.js';
import type { Lang } from '../i18n/lang.js';
import type { PersonRecord, StoredConversation, TurnWrite } from './store.js';

// The SQLite store's in-process copy of conversation and person rows, so that a turn does not
// wait for the database to read what this process itself wrote a moment ago.
//
// Valid only where ONE process serves a SQLite file (the embedded default). The copy is never
// trusted for a write: every turn still commits with `WHERE rev = <the revision it read>`, so a
// conversation another process changed meanwhile is a 'conflict' (the entry is dropped and the
// turn recomputed on the stored row), never a lost update. What another process changes is not
// seen by reads until then: a person's language chosen in another process, for instance, shows
// once the entry is evicted or the process restarts. Several instances belong on PostgreSQL,
// which has no such copy.
//
// Entries hold JSON text, not objects: every read parses a fresh value, so no caller can change
// the cached copy by changing what it was given. Updates happen inside the store's connection
// queue, in the order the database saw them.

type PersonRow = { lang: Lang | null; platform: string | null; address: string | null; lastSeenAt: string | null };

/** A map that forgets its least recently used entries beyond `max`. */
function lru<V>(max: number) {
  const map = new Map<string, V>();
  return {
    get(key: string): V | undefined {
      const v = map.get(key);
      if (v !== undefined) {
        map.delete(key);
        map.set(key, v);
      }
      return v;
    },
    set(key: string, v: V): void {
      map.delete(key);
      map.set(key, v);
      if (map.size > max) map.delete(map.keys().next().value as string);
    },
    delete: (key: string) => {
      map.delete(key);
    },
    clear: () => map.clear(),
  };
}

export function createTurnCache(max = 10_000) {
  const conversations = lru<{ state: string | null; rev: number }>(max);
  /** null: known to have no row. */
  const people = lru<PersonRow | null>(max);

  return {
    conversation(key: string): StoredConversation | undefined {
      const c = conversations.get(key);
      return c && { state: c.state === null ? null : (JSON.parse(c.state) as ConvState), rev: c.rev };
    },
    /** What was read from the database (`state` as stored: JSON text or NULL; no row is rev 0). */
    loadedConversation(key: string, state: string | null, rev: number): void {
      conversations.set(key, { state, rev });
    },
    person(key: string): PersonRecord | null | undefined {
      const p = people.get(key);
      if (p === undefined) return undefined;
      return p && { key, lang: p.lang, platform: p.platform, address: p.address ? JSON.parse(p.address) : null, lastSeenAt: p.lastSeenAt };
    },
    loadedPerson(key: string, row: PersonRow | null): void {
      people.set(key, row);
    },
    /** After `touchPerson` committed (address already JSON text). */
    touchedPerson(key: string, platform: string, address: string, at: string): void {
      const p = people.get(key);
      if (p !== undefined) people.set(key, { lang: p?.lang ?? null, platform, address, lastSeenAt: at });
    },
    /** After a turn committed: the state it wrote (JSON text) at the next revision, and the person's language. */
    committed(w: TurnWrite, stateJson: string | null | undefined): void {
      if (stateJson !== undefined) conversations.set(w.conversation, { state: stateJson, rev: w.expectedRev + 1 });
      if (w.person) {
        const p = people.get(w.person.key);
        if (p !== undefined) people.set(w.person.key, { platform: null, address: null, lastSeenAt: null, ...p, lang: w.person.lang });
      }
    },
    /** A turn that did not commit (conflict, duplicate, failure): read this conversation from the database next time. */
    forget(w: TurnWrite): void {
      conversations.delete(w.conversation);
      if (w.person) people.delete(w.person.key);
    },
    clear(): void {
      conversations.clear();
      people.clear();
    },
  };
}
