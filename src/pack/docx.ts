import { AlignmentType, Document, HeadingLevel, Packer, PageBreak, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { t } from '../i18n/index.js';
import type { ApplicationPack } from './application-pack.js';
import { packDocument, type Block } from './document.js';

// The pack as one Word document (the `docx` package): the declaration, the impact report by the
// Art. 10 factors, the annexes (commitment letter, agreement checklist) and where the case stands.
// Chinese text is set in SimSun, the usual face of filed documents; Latin text in Times New Roman.

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

const cellOf = (text: string, bold = false, widthPct = 50) =>
  new TableCell({ width: { size: widthPct, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });

function render(b: Block, first: boolean): (Paragraph | Table)[] {
  switch (b.type) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[b.level], ...(b.level === 1 ? { alignment: AlignmentType.CENTER } : {}), children: [new TextRun(b.text)] })];
    case 'para':
      return [new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: b.text, bold: !!b.bold })] })];
    case 'fields':
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: b.rows.map((r) => new TableRow({ children: [cellOf(r.label, true, 35), cellOf(r.value, r.missing, 65)] })),
        }),
        new Paragraph(''),
      ];
    case 'table':
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: b.header.map((h) => cellOf(h, true, 100 / b.header.length)) }),
            ...b.rows.map((r) => new TableRow({ children: r.map((c) => cellOf(c, false, 100 / b.header.length)) })),
          ],
        }),
        new Paragraph(''),
      ];
    case 'list':
      return b.items.map((text, i) => new Paragraph({ indent: { left: 360 }, children: [new TextRun(`${b.numbered ? `${i + 1}. ` : '• '}${text}`)] }));
    case 'checklist':
      return b.items.map(
        (i) => new Paragraph({ indent: { left: 360 }, children: [new TextRun(`${i.done ? '☑' : '☐'} ${i.text}${i.note ? ` — ${i.note}` : ''}`)] }),
      );
    case 'signature':
      return b.lines.map(
        (l) => new Paragraph({ spacing: { before: 360 }, alignment: AlignmentType.RIGHT, children: [new TextRun(`${l}　　　　　　　　　　`)] }),
      );
    case 'pagebreak':
      return first ? [] : [new Paragraph({ children: [new PageBreak()] })];
  }
}

/** The Word document of the pack, as bytes. */
export async function packToDocx(p: ApplicationPack): Promise<Uint8Array> {
  const blocks = packDocument(p);
  const children = blocks.flatMap((b, i) => render(b, i === 0));
  const doc = new Document({
    creator: 'review-bot',
    title: t(p.lang, 'pack.title', { caseId: p.caseId }),
    styles: {
      default: {
        document: { run: { font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimSun' }, size: 22 } },
      },
    },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
