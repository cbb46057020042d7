import { t } from '../i18n/index.js';
import type { ApplicationPack } from './application-pack.js';
import { packDocument, type Block } from './document.js';

// The pack as Markdown, for people: the document outline laid out as text.

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function render(b: Block, missing: string): string[] {
  switch (b.type) {
    case 'heading':
      return [`${'#'.repeat(b.level)} ${b.text}`, ''];
    case 'para':
      return [b.bold ? `**${b.text}**` : b.text, ''];
    case 'fields':
      return [...b.rows.map((r) => `- ${r.label}${missing.startsWith('：') ? '：' : ': '}${r.missing ? `**${r.value}**` : r.value}`), ''];
    case 'table':
      return [
        `| ${b.header.map(cell).join(' | ')} |`,
        `| ${b.header.map(() => '---').join(' | ')} |`,
        ...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
        '',
      ];
    case 'list':
      return [...b.items.map((i, n) => (b.numbered ? `${n + 1}. ${i}` : `- ${i}`)), ''];
    case 'checklist':
      return [...b.items.map((i) => `- [${i.done ? 'x' : ' '}] ${i.text}${i.note ? ` — ${i.note}` : ''}`), ''];
    case 'signature':
      return [...b.lines.map((l) => `${l} ________________`), ''];
    case 'pagebreak':
      return ['---', ''];
  }
}

export function packToMarkdown(p: ApplicationPack): string {
  const sep = t(p.lang, 'pack.kv', { k: '', v: '' });
  const lines = packDocument(p).flatMap((b) => render(b, sep));
  while (lines.at(-1) === '') lines.pop();
  return `${lines.join('\n')}\n`;
}
