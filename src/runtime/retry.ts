/** How often a read-decide-write is tried again when another writer changed the same rows first. */
export const MAX_CONFLICT_RETRIES = 5;

/**
 * Every writer's loop: read what is stored, decide, commit with the revision it read; when the
 * commit reports a conflict, do it all again on the new state (so rights and statuses are checked
 * against the case as it is at commit). Gives up with 'conflict' after `retries` more attempts.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T | 'conflict'>, retries = MAX_CONFLICT_RETRIES): Promise<T | 'conflict'> {
  for (let i = 0; ; i++) {
    const r = await attempt();
    if (r !== 'conflict' || i >= retries) return r;
  }
}
