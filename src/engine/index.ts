// The engine's public surface: pure turn function, flow types, checker, renderers.
export { advance, begin, pendingStep, resumeQuestion } from './advance.js';
export { isLeaveWord } from './commands.js';
export type { Effect, TurnContext, TurnResult } from './advance.js';
export { checkFlow } from './check-flow.js';
export { findFlow, latestFlow } from './flow.js';
export type { Answers, Decision, DecisionContext, Flow, FlowRegistry, Nlu, Prefill, StepDef, Target } from './flow.js';
export type { Choice, Form, FormField, Inbound, NextAction, Outbound } from './message.js';
export { renderCitation, renderDecision, renderQuestion, renderAnswer, choiceList } from './render.js';
export type { ConvState } from './state.js';

export { applyForm, formOf, missingFields } from './form.js';
