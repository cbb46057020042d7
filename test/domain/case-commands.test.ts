import { describe, expect, it } from 'vitest';
import { parseCaseCommand } from '../../src/domain/index.js';

// What a typed case command means; a known verb without the argument it needs is a usage question,
// never free text (which would start a new check).
describe('parseCaseCommand', () => {
  it.each([
    ['submitted RB-ABC123 2026-03-02', { type: 'mark_submitted', on: '2026-03-02' }],
    ['assign RB-ABC123 me', { type: 'assign', analyst: 'me' }],
    ['complex RB-ABC123', { type: 'mark_complex' }],
    ['show RB-ABC123', { type: 'show' }],
    ['submitted RB-ABC123', { type: 'usage', verb: 'submitted', problem: 'missing' }],
    ['已提交 RB-ABC123', { type: 'usage', verb: 'submitted', problem: 'missing' }],
    ['outcome RB-ABC123', { type: 'usage', verb: 'outcome', problem: 'missing' }],
    ['assign RB-ABC123', { type: 'usage', verb: 'assign', problem: 'missing' }],
    ['notice rb-abc123   ', { type: 'usage', verb: 'notice', problem: 'missing' }],
    ['special RB-ABC123', { type: 'usage', verb: 'special', problem: 'missing' }],
    ['supplement RB-ABC123', { type: 'usage', verb: 'supplement', problem: 'missing' }],
    ['supplied RB-ABC123', { type: 'usage', verb: 'supplied', problem: 'missing' }],
    ['comment RB-ABC123', { type: 'usage', verb: 'comment', problem: 'missing' }],
    ['complex RB-ABC123 2026-03-02', { type: 'usage', verb: 'complex', problem: 'unexpected' }],
  ])('%s', (text, action) => {
    expect(parseCaseCommand(text)).toEqual({ caseId: 'RB-ABC123', action });
  });

  it('text that is not a case command stays free text', () => {
    expect(parseCaseCommand('we want to buy 20 routers')).toBeNull();
    expect(parseCaseCommand('frobnicate RB-ABC123')).toBeNull();
    expect(parseCaseCommand('submitted')).toBeNull();
  });
});
