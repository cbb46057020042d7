import type { Outbound } from '../../src/engine/index.js';

/** Words around engine text, already in the person's language (src/i18n/messages/platform.ts). */
export type TerminalLabels = { suggested: (label: string) => string };

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
      const lines = [`== ${msg.title}${msg.caseId ? ` [${msg.caseId}]` : ''} ==`];
      for (const r of msg.reasons) lines.push(`  - ${r.text} (${r.citation})`);
      for (const w of msg.warnings ?? []) lines.push(`  ! ${w.text}`, `    (${w.source})`);
      return lines.join('\n');
    }
    case 'form': {
      const lines = [`[${msg.form.title}]`];
      for (const f of msg.form.fields) lines.push(`  ${f.label}${f.value !== undefined ? `: ${String(f.value)}` : ''}`);
      return lines.join('\n');
    }
  }
}
