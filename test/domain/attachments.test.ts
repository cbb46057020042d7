import { describe, expect, it } from 'vitest';
import { checkAttachment, cleanFileName, materialOf, MAX_ATTACHMENT_BYTES } from '../../src/domain/attachments.js';

const PURCHASE = ['declaration_form', 'impact_report', 'procurement_documents', 'supplier_letters'];
const LISTING = ['declaration_form', 'impact_report', 'listing_documents'];

describe('what may be attached', () => {
  it.each([
    ['contract-draft.pdf', 1000, { name: 'contract-draft.pdf', mediaType: 'application/pdf' }],
    ['承诺书.DOCX', 1000, { name: '承诺书.DOCX', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }],
    ['../../etc/scan.png', 10, { name: 'scan.png', mediaType: 'image/png' }],
    ['C:\\Users\\ann\\report.ofd', 10, { name: 'report.ofd', mediaType: 'application/ofd' }],
  ])('%j (%d bytes) is taken', (name, size, value) => {
    expect(checkAttachment(name, size)).toEqual({ ok: true, value });
  });
  it.each([
    ['setup.exe', 10, { type: 'type_not_allowed', extension: 'exe' }],
    ['contract', 10, { type: 'type_not_allowed', extension: '' }],
    ['report.pdf', 0, { type: 'empty' }],
    ['report.pdf', MAX_ATTACHMENT_BYTES + 1, { type: 'too_large', size: MAX_ATTACHMENT_BYTES + 1, max: MAX_ATTACHMENT_BYTES }],
    ['..', 10, { type: 'bad_name' }],
  ])('%j (%d bytes) is refused', (name, size, error) => {
    expect(checkAttachment(name, size)).toEqual({ ok: false, error });
  });
  it('names lose their path and control characters and stay short', () => {
    expect(cleanFileName('a/b\\c\u202Ed.pdf')).toBe('cd.pdf');
    expect(cleanFileName(`${'x'.repeat(300)}.pdf`)).toHaveLength(200);
  });
});

describe('which material a file stands for', () => {
  it.each([
    ['draft contract v3.docx', PURCHASE, 'procurement_documents'],
    ['招标文件.pdf', PURCHASE, 'procurement_documents'],
    ['国家安全影响分析报告.docx', PURCHASE, 'impact_report'],
    ['supplier commitment letter.pdf', PURCHASE, 'supplier_letters'],
    ['安全保密协议.pdf', PURCHASE, 'supplier_letters'],
    ['申报书.pdf', PURCHASE, 'declaration_form'],
    ['prospectus F-1.pdf', LISTING, 'listing_documents'],
    ['prospectus F-1.pdf', PURCHASE, null], // a purchase owes no listing documents
    ['contract.pdf', LISTING, null], // nor a listing procurement documents
    ['photo.png', PURCHASE, null],
  ])('%j -> %s', (text, owed, material) => {
    expect(materialOf(text, owed)).toBe(material);
  });
});
