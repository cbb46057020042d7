import type { Person, Platform } from '../domain/directory.js';

export type { Platform };

/** The person behind a message: the directory's view of them (src/domain/directory.ts). */
export type Actor = Person;

export type ResolveActor = (platform: Platform, userId: string) => Actor;
