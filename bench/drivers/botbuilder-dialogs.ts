import { ConversationState, MemoryStorage, TestAdapter, type Activity, type ConversationAccount, type Storage, type TurnContext } from 'botbuilder-core';
import { ChoicePrompt, DialogSet, DialogTurnStatus, WaterfallDialog, type Choice, type WaterfallStep, type WaterfallStepContext } from 'botbuilder-dialogs';
import { triageFlow } from '../../flows/triage.js';
import { evaluateTriage, type Fact, type Facts } from '../../src/domain/triage-rules.js';
import { choiceList, renderDecision } from '../../src/engine/index.js';
import { t } from '../../src/i18n/index.js';
import type { Driver, Reply } from './types.js';

// The peer: the same triage questions as a botbuilder-dialogs WaterfallDialog with
// ChoicePrompts, state through ConversationState, driven by TestAdapter: in MemoryStorage
// (persists nothing), or in a durable `Storage` (drivers/sqlite-storage.ts) for the fairer peer.
// It reuses our question texts, choice labels, rules and decision rendering, so the
// difference measured is the dialog runtime + state handling, not the wording.

// Rule order gives a fixed question order; a step whose fact the rules do not need is skipped.
const ORDER: readonly Fact[] = ['matter', 'listing_venue', 'personal_info_users_over_1m', 'category', 'ciio', 'affects_national_security'];

type Values = { facts: Record<string, string>; asked?: Fact };

function recordAnswer(step: WaterfallStepContext): Values {
  const values = step.values as Values;
  values.facts ??= {};
  const found = step.result as { value?: string } | undefined;
  if (values.asked && found?.value) values.facts[values.asked] = found.value;
  delete values.asked;
  return values;
}

async function decide(step: WaterfallStepContext, facts: Record<string, string>) {
  const d = renderDecision('en', triageFlow.decide!(facts));
  if (d.type !== 'decision') throw new Error('not a decision');
  const text = `${d.title}\n${d.reasons.map((r) => `- ${r.text} (${r.citation})`).join('\n')}`;
  await step.context.sendActivity({ type: 'message', text, channelData: { outcome: d.outcome } });
  return step.endDialog(d.outcome);
}

const askOrSkip =
  (fact: Fact): WaterfallStep =>
  async (step) => {
    const values = recordAnswer(step);
    const state = evaluateTriage(values.facts as Facts);
    if (state.type === 'decided') return decide(step, values.facts);
    if (state.fact !== fact) return step.next();
    const def = triageFlow.steps[fact]!;
    values.asked = fact;
    const choices: Choice[] = choiceList('en', def).map((c) => ({ value: c.id, action: { type: 'imBack', title: c.label, value: c.id } }));
    return step.prompt('choice', {
      prompt: { type: 'message', text: t('en', def.prompt), channelData: { step: fact } },
      retryPrompt: { type: 'message', text: 'Please choose one of the options.', channelData: { error: true } },
      choices,
    });
  };

const finish: WaterfallStep = async (step) => decide(step, recordAnswer(step).facts);

export function botbuilderDialogsDriver(durable?: { storage: Storage; name: string; close(): Promise<void> }): Driver {
  const storage = durable?.storage ?? new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const dialogState = conversationState.createProperty('dialogState');
  const dialogs = new DialogSet(dialogState);
  dialogs.add(new ChoicePrompt('choice'));
  dialogs.add(new WaterfallDialog('triage', [...ORDER.map(askOrSkip), finish]));

  const logic = async (context: TurnContext) => {
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty && /^\/?review$/i.test(context.activity.text?.trim() ?? '')) {
      await dc.beginDialog('triage');
    }
    await conversationState.saveChanges(context, false);
  };
  const adapter = new TestAdapter();
  return {
    name: `botbuilder-dialogs (WaterfallDialog + ChoicePrompt, ${durable?.name ?? 'MemoryStorage'})`,
    turn: async (conversation, text) => {
      // Capture this turn's replies on its own context (the adapter's queue is shared by all conversations).
      const sent: Partial<Activity>[] = [];
      await adapter.processActivity(
        { type: 'message', text, from: { id: `user-${conversation}`, name: 'user' }, conversation: { id: `conv-${conversation}` } as ConversationAccount },
        async (context) => {
          context.onSendActivities(async (_ctx, activities, next) => {
            sent.push(...activities);
            return next();
          });
          await logic(context);
        },
      );
      adapter.activeQueue.length = 0;
      return toReply(sent);
    },
    close: async () => {
      await durable?.close();
    },
  };
}

function toReply(sent: Partial<Activity>[]): Reply {
  for (const a of sent) {
    const data = a.channelData as { step?: string; outcome?: string; error?: boolean } | undefined;
    if (data?.step) return { type: 'question', step: data.step };
    if (data?.outcome) return { type: 'decision', outcome: data.outcome };
    if (data?.error) return { type: 'error', text: a.text ?? '' };
  }
  return { type: 'none' };
}
