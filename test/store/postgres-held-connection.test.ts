import { EventEmitter } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import type { PgPool } from '../../src/store/index.js';
import { openPostgresStoreOn } from '../../src/store/postgres.js';
import { closeSharedPglite, pglitePool } from '../support/pglite-pool.js';
import { kase } from './conformance.js';

// node-postgres listens for errors on idle pooled connections only. A connection the server ends
// while the store holds it for a transaction (a restart, a failover, a forced drop) emits 'error'
// from its socket, on a tick of its own: with nobody listening, that is an uncaught exception and
// the process dies. The pool here is PGlite behind the same interface, with connections that can be
// made to end that way between two statements of a transaction.

afterAll(() => closeSharedPglite());

async function droppablePool() {
  const base = await pglitePool('held_connection');
  const released: unknown[] = [];
  let dropNext = false;
  let listenersWhenDropped = -1;
  const pool: PgPool = {
    query: (sql, params) => base.query(sql, params),
    end: () => base.end(),
    connect: async () => {
      const c = await base.connect();
      const events = new EventEmitter();
      const drop = dropNext;
      dropNext = false;
      return {
        query: async (sql, params) => {
          if (drop && sql !== 'BEGIN' && sql !== 'ROLLBACK') {
            listenersWhenDropped = events.listenerCount('error');
            // As the socket does: the error event on a later tick, the statement failing.
            setImmediate(() => events.emit('error', new Error('terminating connection due to administrator command')));
            await new Promise((r) => setImmediate(r));
            throw new Error('Connection terminated unexpectedly');
          }
          return c.query(sql, params);
        },
        release: (destroy) => {
          released.push(destroy);
          c.release();
        },
        on: (event, listener) => events.on(event, listener),
        removeListener: (event, listener) => events.removeListener(event, listener),
      };
    },
  };
  return { pool, released, dropOnNextCheckout: () => (dropNext = true), listenersWhenDropped: () => listenersWhenDropped };
}

describe('PostgreSQL store: a held connection the server ends', () => {
  it('fails that write with a StoreError, discards the connection, crashes nothing, and the next write goes through', async () => {
    const p = await droppablePool();
    const store = await openPostgresStoreOn(p.pool);
    expect(await store.saveCases({ newCases: [kase('RB-1')] })).toBe('ok');

    p.dropOnNextCheckout();
    await expect(store.saveCases({ newCases: [kase('RB-2')] })).rejects.toMatchObject({ name: 'StoreError' });
    await new Promise((r) => setImmediate(r)); // the error event has been emitted by now
    expect(p.listenersWhenDropped()).toBe(1);
    expect(p.released.at(-1)).toBe(true);

    expect(await store.getCase('RB-2')).toBeNull();
    expect(await store.saveCases({ newCases: [kase('RB-2')] })).toBe('ok');
    expect(await store.getCase('RB-2')).toMatchObject({ id: 'RB-2' });
    await store.close();
  });
});
