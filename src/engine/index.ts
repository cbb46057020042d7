// The engine's public surface: pure turn function, flow types, checker, renderers.
export { advance, begin, pendingStep, resumeQuestion } from './advance.js';
export { isLeaveWord } from './commands.js';
export type { Effect, TurnContext, TurnResult } from './advance.js';
export { checkFlow } from './check-flow.js';
export { findFlow, latestFlow } from './flow.js';
export type {
  Answers,
  CheckContext,
  Decision,
  DecisionContext,
  StepCheck,
  Flow,
  FlowRegistry,
  MatterSeen,
  Nlu,
  NluItem,
  Prefill,
  StepDef,
  Target,
} from './flow.js';
export {
  REMINDER_ACTIONS,
  type Choice,
  type Form,
  type FormField,
  type Inbound,
  type NextAction,
  type Outbound,
  type ReminderAction,
  type ReminderActionId,
} from './message.js';
export { matchChoice } from './choice-match.js';
export { renderCitation, renderDecision, renderQuestion, renderAnswer, choiceList } from './render.js';
export type { ConvState } from './state.js';

export { applyForm, formOf, notOneValue } from './form.js';
