import type { ConversationParameters, ConversationReference } from 'botbuilder';

// Where a person can be reached later (pure; only SDK types). The stored address is the
// conversation reference of the person's latest message, without that message's id (addressOf in handler.ts).

export type Reachable =
  | { type: 'continue'; reference: Partial<ConversationReference> }
  | { type: 'create'; channelId: string; serviceUrl: string; parameters: ConversationParameters }
  | { type: 'none' };

/** A 1:1 chat, or a reference without a Teams conversation type (Emulator, Web Chat): continue it. */
export const isPersonal = (ref: Partial<ConversationReference>): boolean => {
  const type = ref.conversation?.conversationType;
  return type === 'personal' || (!type && !ref.conversation?.isGroup);
};

/**
 * How to deliver a reminder: into the stored 1:1 chat, or, when the person was last seen in a
 * channel or group chat, into a 1:1 chat created with them (never into the channel: reminders name
 * cases and deadlines that the channel must not see). Teams returns the existing 1:1 chat if there is one.
 */
export function reachable(address: unknown): Reachable {
  const ref = (typeof address === 'object' && address !== null ? address : {}) as Partial<ConversationReference>;
  if (!ref.serviceUrl || !ref.conversation?.id) return { type: 'none' };
  if (isPersonal(ref)) return { type: 'continue', reference: ref };
  if (!ref.user?.id || !ref.bot?.id) return { type: 'none' };
  const tenantId = ref.conversation.tenantId;
  return {
    type: 'create',
    channelId: ref.channelId ?? 'msteams',
    serviceUrl: ref.serviceUrl,
    parameters: {
      isGroup: false,
      bot: { id: ref.bot.id, name: ref.bot.name ?? '' },
      members: [{ id: ref.user.id, name: ref.user.name ?? '' }],
      ...(tenantId ? { tenantId } : {}),
      channelData: tenantId ? { tenant: { id: tenantId } } : {},
    },
  };
}
