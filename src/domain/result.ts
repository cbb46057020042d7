/** An expected failure as a value (style.md, Errors): callers switch on `ok`, then on `error.type`. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };
