import type { Activity } from 'botbuilder';

// POST /api/messages bodies -> activities the handlers may run, checked before any handler (ours
// or botbuilder's) sees them. botbuilder reads the fields below without looking, copies who asks
// and where into every reply and the stored address (its serialiser refuses other types), so an
// activity with another shape threw inside the turn or failed its reply. The Bot Framework never
// sends one: it is refused with a 400 and changes nothing.

/** `ignored`: authenticate it and answer 200, but run no handler. */
export type Received = { ok: true; activity: Activity; ignored: boolean } | { ok: false; error: 'malformed_json' | 'invalid_payload' };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isText = (v: unknown) => isString(v) && v !== '';
const absentOr = (v: unknown, ok: (v: unknown) => boolean) => v === undefined || ok(v);

/** A person or the bot (ChannelAccount). The sender's `aadObjectId`, else its `id`, is the person's key: never empty. */
const isAccount = (v: unknown): v is Record<string, unknown> =>
  isObject(v) && isText(v.id) && absentOr(v.aadObjectId, isText) && absentOr(v.name, isString) && absentOr(v.role, isString);
const isAccountList = (v: unknown) => absentOr(v, (l) => Array.isArray(l) && l.every(isAccount));
/** A conversation (ConversationAccount): an account with its kind, tenant and whether it is a group. */
const isConversation = (v: unknown) =>
  isAccount(v) && absentOr(v.conversationType, isString) && absentOr(v.tenantId, isString) && absentOr(v.isGroup, (b) => typeof b === 'boolean');
/** Where replies go: an http(s) URL (a number was a 500, a missing one sent replies to api.botframework.com). */
const isServiceUrl = (v: unknown) => {
  if (!isString(v)) return false;
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
};

/** Whether `a` has the shape the Bot Framework always gives what the handlers read unchecked. */
function wellFormed(a: Record<string, unknown>): boolean {
  if (!isAccount(a.from) || !isAccount(a.recipient) || !isConversation(a.conversation)) return false;
  if (!isText(a.channelId) || !isServiceUrl(a.serviceUrl) || !absentOr(a.id, isString) || !absentOr(a.locale, isString)) return false;
  // conversationUpdate: the welcome looks for the bot among membersAdded.
  if (!isAccountList(a.membersAdded) || !isAccountList(a.membersRemoved)) return false;
  // Action.Execute: Teams always sends value.action; botbuilder reads value.action.type.
  if (a.type === 'invoke' && a.name === 'adaptiveCard/action' && !(isObject(a.value) && isObject(a.value.action))) return false;
  return true;
}

/**
 * Message edits and deletions: the bot acts on neither, so they are answered 200 and run no handler.
 * Not a 400: whatever their channelData, they ask nothing of the bot (botbuilder's Teams handler
 * reads channelData.eventType, and threw when channelData was missing).
 */
const IGNORED: readonly string[] = ['messageUpdate', 'messageDelete'];

/** The body as an activity (a well-formed object with a type), its timestamps as the SDK expects them (Dates, raw strings kept). */
export function readActivity(body: Buffer): Received {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, error: 'malformed_json' };
  }
  if (!isObject(parsed) || !isText(parsed.type) || !wellFormed(parsed)) return { ok: false, error: 'invalid_payload' };
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    if (typeof parsed[field] === 'string') {
      parsed[raw] = parsed[field];
      parsed[field] = new Date(parsed[field]);
    }
  }
  return { ok: true, activity: parsed as unknown as Activity, ignored: IGNORED.includes(parsed.type as string) };
}
