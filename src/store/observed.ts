import { StoreError, type StoreErrorCode } from './errors.js';
import type { Store } from './store.js';

/** Told about every failed store call and every write turned away, whichever backend. */
export type StoreObserver = { error(code: StoreErrorCode): void; rejected(result: 'duplicate' | 'conflict'): void };

/** The same store, reporting to `observer` (metrics) without either backend knowing about it. */
export function observeStore(store: Store, observer: StoreObserver): Store {
  const observed: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(store) as [keyof Store, (...args: unknown[]) => Promise<unknown>][]) {
    observed[name] = async (...args: unknown[]) => {
      try {
        const result = await fn.apply(store, args);
        if ((name === 'commitTurn' || name === 'saveCases') && (result === 'duplicate' || result === 'conflict')) observer.rejected(result);
        if (name === 'hasEvent' && result === true) observer.rejected('duplicate');
        return result;
      } catch (err) {
        if (err instanceof StoreError) observer.error(err.code);
        throw err;
      }
    };
  }
  return observed as unknown as Store;
}
