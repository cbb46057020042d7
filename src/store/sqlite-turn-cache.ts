import type { CaseRecord } from '../domain/index.js';
import type { ConvState } from '../engine/index.js';
import type { Lang } from '../i18n/lang.js';
import type { CaseUpdate, PersonRecord, ShownQuestion, StoredConversation, TurnWrite } from './store.js';

// The SQLite store's in-process copy of what a turn reads: conversation, person, the question
// shown last, and cases. A turn then waits for the database once, for its own write, not to read
// what this process itself wrote a moment ago.
//
// Meant for ONE process serving a SQLite file (the embedded default), and safe beyond it: the
// copy is never trusted for a write. Every turn commits with `WHERE rev = <the revision it
// read>`, every case update with `WHERE updated_at = <the one it read>`, and every turn and case
// write first checks SQLite's data_version: when another connection (another process) has
// committed anything since this copy was last known good, the write is refused as a 'conflict',
// the copy is dropped whole and the turn is computed again on what is stored. What another
// process changes is not seen by pure reads (a home view, a status) until this process next
// writes; several instances belong on PostgreSQL, which has no such copy.
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
    /** Whether `key` is held, without making it recent. */
    has: (key: string) => map.has(key),
    delete: (key: string) => {
      map.delete(key);
    },
    clear: () => map.clear(),
  };
}

/** How precisely a person's last-seen time is kept: every Slack or Teams event need not be a write. */
const LAST_SEEN_TO_THE = 60 * 60 * 1000;

/** Cases are larger than conversations and fewer are in play at once: a smaller share of memory. */
const CASES_PER_CONVERSATION = 0.2;

export function createTurnCache(max = 10_000) {
  const conversations = lru<{ state: string | null; rev: number }>(max);
  /** null: known to have no row. */
  const people = lru<PersonRow | null>(max);
  /** null: no question shown (or none recorded). */
  const shown = lru<string | null>(max);
  /** Case data as stored (a missing case is not remembered). */
  const cases = lru<string>(Math.ceil(max * CASES_PER_CONVERSATION));
  /**
   * After cases were written and committed: each as it is stored now. An update refreshes a copy
   * held but adds none: the daily sweep updates every case a page at a time, and would otherwise
   * push out the cases turns are working on (and make a copy of each to throw away).
   */
  const committedCases = (newCases: readonly CaseRecord[] = [], updates: readonly CaseUpdate[] = []): void => {
    for (const k of newCases) cases.set(k.id, JSON.stringify(k));
    for (const u of updates) if (cases.has(u.case.id)) cases.set(u.case.id, JSON.stringify(u.case));
  };
  /** Case writes that did not commit: read those cases from the database next time. */
  const forgetCases = (updates: readonly CaseUpdate[] = []): void => {
    for (const u of updates) cases.delete(u.case.id);
  };

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
    /** Whether `touchPerson` would write nothing new: the same platform and address, seen within the hour. */
    seenRecently(key: string, platform: string, address: string, at: string): boolean {
      const p = people.get(key);
      if (!p || p.platform !== platform || p.address !== address || !p.lastSeenAt) return false;
      const since = Date.parse(at) - Date.parse(p.lastSeenAt);
      return since >= 0 && since < LAST_SEEN_TO_THE;
    },
    /** After `touchPerson` committed (address already JSON text). */
    touchedPerson(key: string, platform: string, address: string, at: string): void {
      const p = people.get(key);
      if (p !== undefined) people.set(key, { lang: p?.lang ?? null, platform, address, lastSeenAt: at });
    },
    shownQuestion(conversation: string): ShownQuestion | null | undefined {
      const q = shown.get(conversation);
      return q === undefined || q === null ? q : (JSON.parse(q) as ShownQuestion);
    },
    /** Read from, or written to, the database (JSON text; null: none). */
    shown(conversation: string, data: string | null): void {
      shown.set(conversation, data);
    },
    case(id: string): CaseRecord | undefined {
      const k = cases.get(id);
      return k === undefined ? undefined : (JSON.parse(k) as CaseRecord);
    },
    /** Read from the database (`data` as stored). */
    loadedCase(id: string, data: string): void {
      cases.set(id, data);
    },
    committedCases,
    forgetCases,
    /** After a turn committed: the state it wrote (JSON text) at the next revision, the person's language, its cases (id, data as written). */
    committed(w: TurnWrite, stateJson: string | null | undefined, writtenCases: readonly (readonly [string, string])[]): void {
      if (stateJson !== undefined) conversations.set(w.conversation, { state: stateJson, rev: w.expectedRev + 1 });
      if (w.person) {
        const p = people.get(w.person.key);
        if (p !== undefined) people.set(w.person.key, { platform: null, address: null, lastSeenAt: null, ...p, lang: w.person.lang });
      }
      for (const [id, data] of writtenCases) cases.set(id, data);
    },
    /** A turn that did not commit (conflict, duplicate, failure): read what it rested on from the database next time. */
    forget(w: TurnWrite): void {
      conversations.delete(w.conversation);
      if (w.person) people.delete(w.person.key);
      forgetCases(w.caseUpdates);
    },
    clear(): void {
      conversations.clear();
      people.clear();
      shown.clear();
      cases.clear();
    },
  };
}
