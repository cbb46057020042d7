import { itemNumber } from '../domain/index.js';
import { t, type Lang } from '../i18n/index.js';
import type { Flow, FlowRegistry } from './flow.js';
import type { ConvState } from './state.js';
import { walk } from './walk.js';

// Where an intake conversation stands. An intake is a chain of section flows (continueWith), each
// writing one form of a case; the chain is read from the registry, so the engine needs no list of
// sections of its own.

export type IntakeProgress = {
  /** The section's title in the conversation's language ("Line item 2" for a line item). */
  title: string;
  section: number;
  sections: number;
  /** The question asked now within the section (the number of questions when none is pending). */
  question: number;
  questions: number;
};

/** A conversation that fills in a case's forms (not a triage that may open one). */
export const isIntake = (flow: Flow, state: ConvState): boolean => !!state.caseId && !!flow.form && !flow.decide;

/** The section asked before this one (the newest version of the flow that continues with it). */
export function previousSection(registry: FlowRegistry, flow: Flow): Flow | undefined {
  let best: Flow | undefined;
  for (const f of registry.flows) if (f.continueWith === flow.id && (!best || f.version > best.version)) best = f;
  return best;
}

const nextSection = (registry: FlowRegistry, flow: Flow): Flow | undefined => {
  let best: Flow | undefined;
  for (const f of registry.flows) if (f.id === flow.continueWith && (!best || f.version > best.version)) best = f;
  return best;
};

/** A chain longer than this is a mistake in the flows (a cycle), not an intake. */
const MAX_SECTIONS = 50;

export function intakeProgress(registry: FlowRegistry, flow: Flow, state: ConvState): IntakeProgress {
  let section = 1;
  for (let p = previousSection(registry, flow); p && section < MAX_SECTIONS; p = previousSection(registry, p)) section++;
  let sections = section;
  for (let n = nextSection(registry, flow); n && sections < MAX_SECTIONS; n = nextSection(registry, n)) sections++;
  const w = walk(flow, state.answers);
  const questions = Object.keys(flow.steps).length;
  const n = state.formKey ? itemNumber(state.formKey) : null;
  const title = n !== null ? t(state.lang, 'engine.intake_item_title', { title: t(state.lang, flow.title), n }) : t(state.lang, flow.title);
  return { title, section, sections, question: w.type === 'pending' ? w.path.length + 1 : questions, questions };
}

/** "Applicant — section 1 of 9, question 2 of 5": shown when a section begins (or is resumed). */
export const describeProgress = (lang: Lang, p: IntakeProgress): string => t(lang, 'engine.intake_progress', { ...p });
