import type { SectionOptions, SectionResult } from '../lib/report.js';

// 2. Platform acks (placeholder until the adapters land).
export async function acksSection(_opts: SectionOptions): Promise<SectionResult> {
  return {
    rows: [{ section: 'acks', metric: 'not measured', value: null }],
    notes: ['adapters not ready'],
    data: { slack_p99_ms: null, teams_p99_ms: null },
  };
}
