import type { Labelled } from './types.js';
import { CORE_NETWORK } from './core-network.js';
import { SERVERS } from './servers.js';
import { STORAGE } from './storage.js';
import { DATABASE } from './database.js';
import { SECURITY } from './security.js';
import { CLOUD } from './cloud.js';
import { OTHER_NETWORK } from './other-network.js';
import { NOT_NETWORK } from './not-network.js';
import { COMMUNICATION } from './communication.js';
import { IN_CONTEXT } from './in-context.js';

/** Every hand-written request: one file per category, then requests in context (forms, tenders, contrast). */
export const HANDWRITTEN: readonly Labelled[] = [
  ...CORE_NETWORK,
  ...COMMUNICATION,
  ...SERVERS,
  ...STORAGE,
  ...DATABASE,
  ...SECURITY,
  ...CLOUD,
  ...OTHER_NETWORK,
  ...NOT_NETWORK,
  ...IN_CONTEXT,
];
