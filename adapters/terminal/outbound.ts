import type { Outbound } from '../../src/engine/index.js';
import { t, type Lang } from '../../src/i18n/index.js';

/** Words around engine text, already in the person's language (src/i18n/messages/platform.ts). */
export type TerminalLabels = {
  suggested: (label: string) => string;
  /** The heading of a decision's next actions, and one action with the command that does it. */
  next: string;
  typed: (label: string, command: string) => string;
};

/** The catalogue's words for the terminal, in one language. */
export const terminalLabels = (lang: Lang): TerminalLabels => ({
  suggested: (label) => t(lang, 'platform.suggested_choice', { label }),
  next: t(lang, 'actions.next'),
  typed: (label, command) => t(lang, 'actions.typed', { label, command }),
});

/** Plain-text rendering for a terminal: numbered choices (a guess marked in place), reasons with their citations. */
export function renderText(msg: Outbound, labels: TerminalLabels): string {
  switch (msg.type) {
    case 'question': {
      const lines = [msg.text];
      for (const [i, c] of (msg.choices ?? []).entries()) lines.push(`  ${i + 1}. ${c.suggested ? labels.suggested(c.label) : c.label}`);
      return lines.join('\n');
    }
    case 'error':
      return `! ${msg.text}`;
    case 'info':
    case 'reminder': // terminal users read reminders in `review-bot cases`; there are no buttons to show
      return msg.text;
    case 'decision': {
      const reference = msg.reference ?? msg.caseId;
      const lines = [`== ${msg.title}${reference ? ` [${reference}]` : ''} ==`];
      for (const r of msg.reasons) lines.push(`  - ${r.text} (${r.citation})`);
      for (const w of msg.warnings ?? []) lines.push(`  ! ${w.text}`, `    (${w.source})`);
      if (msg.actions?.length) lines.push(labels.next, ...msg.actions.map((a) => `  > ${labels.typed(a.label, a.command)}`));
      return lines.join('\n');
    }
    case 'form': {
      const lines = [`[${msg.form.title}]`];
      for (const f of msg.form.fields) lines.push(`  ${f.label}${f.value !== undefined ? `: ${String(f.value)}` : ''}`);
      return lines.join('\n');
    }
  }
}
