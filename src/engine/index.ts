// The engine's public surface: pure turn function, flow types, checker, renderers.
export { advance, begin, askPending, pendingStep, resumeQuestion, textProblem } from './advance.js';
export { isLeaveWord } from './commands.js';
export type { Begin, Effect, TurnContext, TurnResult } from './advance.js';
export { checkFlow, type FlowDefect } from './check-flow.js';
export { findFlow, latestFlow } from './flow.js';
export type { Answers, ChoiceDef, Decision, DecisionReason, Flow, FlowRegistry, Migration, Nlu, NluItem, Prefill, StepDef, StepQuestion, Target } from './flow.js';
export type { Choice, Form, FormField, Inbound, InputKind, Outbound } from './message.js';
export { parseAnswer, isRealDate } from './parse-answer.js';
export { renderCitation, renderDecision, renderQuestion, renderAnswer, choiceList } from './render.js';
export type { ConvState } from './state.js';
export { walk, pruneAnswers } from './walk.js';
export { applyForm, formOf, missingFields, type FormResult } from './form.js';
