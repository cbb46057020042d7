import { differences2020, warningText, type Facts, type Watchlist } from '../domain/index.js';
import { t, type MessageKey } from '../i18n/index.js';
import type { Lang } from '../i18n/lang.js';
import type { Answers, Decision, Flow } from './flow.js';
import { renderAnswer, renderCitation, renderDecision } from './render.js';
import type { ConvState } from './state.js';
import { walk } from './walk.js';

// `why`: how a check got where it is, in words: each question by its name with the answer
// given (and how to change it), then what is still needed or the decision with its reasons.
// `why 2020`: how the 2020 Measures differed, for this check; the decision does not change.

/** The flow's decision on the answers, with the person's own words (the first message and any typed since) checked against the watchlist. */
export const decisionOf = (ctx: { watchlist?: Watchlist }, flow: Flow, state: ConvState): Decision =>
  flow.decide!(state.answers, {
    texts: [...(state.summary ? [state.summary] : []), ...(state.texts ?? [])],
    ...(ctx.watchlist ? { watchlist: ctx.watchlist } : {}),
  });

export function explain(ctx: { watchlist?: Watchlist }, flow: Flow, state: ConvState): string {
  const lang = state.lang;
  const w = walk(flow, state.answers);
  const lines = [t(lang, 'engine.why_header')];
  w.path.forEach((id, i) => {
    const params = { n: i + 1, step: t(lang, flow.steps[id]!.label), value: renderAnswer(lang, flow, id, state.answers[id]) };
    lines.push(t(lang, state.inferred.includes(id) ? 'engine.why_inferred' : 'engine.why_line', params));
  });
  if (w.path.length === 0) lines.push(t(lang, 'engine.why_nothing'));
  if (w.type === 'pending') lines.push(t(lang, 'engine.why_pending', { step: t(lang, flow.steps[w.pending]!.label) }));
  if (w.type === 'end' && w.end === 'decision' && flow.decide) {
    const d = decisionOf(ctx, flow, state);
    const shown = renderDecision(lang, d);
    if (shown.type === 'decision') {
      lines.push(t(lang, 'engine.why_decided', { title: shown.title }));
      for (const r of shown.reasons) lines.push(t(lang, 'engine.why_reason', { text: r.text, citation: r.citation }));
      for (const warning of d.warnings) lines.push(t(lang, 'engine.why_warning', { text: warningText(lang, warning), source: warning.source }));
    }
  }
  if (w.path.length > 0) lines.push(t(lang, 'engine.why_edit'));
  if (flow.decide) lines.push(t(lang, 'engine.why_2020_hint'));
  return lines.join('\n');
}

/** How the 2020 Measures differed, for the facts of this check (all differences when there is none). */
export function explain2020(lang: Lang, answers: Answers | null): string {
  const lines = [t(lang, 'measures2020.header')];
  for (const d of differences2020(answers as Facts | null)) {
    const citations = d.citations.map((c) => renderCitation(lang, c)).join(t(lang, 'engine.citation_separator'));
    const text = t(lang, `measures2020.${d.id}` as MessageKey);
    lines.push(citations ? t(lang, 'engine.why_reason', { text, citation: citations }) : t(lang, 'engine.why_point', { text }));
  }
  lines.push(t(lang, 'measures2020.unchanged'));
  return lines.join('\n');
}
