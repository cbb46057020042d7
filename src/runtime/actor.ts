import type { Role } from '../domain/case.js';
import type { Lang } from '../i18n/lang.js';

export type Platform = 'terminal' | 'slack' | 'teams';

/** The person behind a message, as the directory knows them. */
export type Actor = {
  key: string;
  name: string;
  team: string | null;
  teamLead: string | null;
  roles: readonly Role[];
  lang: Lang | null;
};

export type ResolveActor = (platform: Platform, userId: string) => Actor;
