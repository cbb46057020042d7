import { describe, expect, it } from 'vitest';
import { registry, triageFlow } from '../../flows/index.js';
import { checkFlow } from '../../src/engine/index.js';
import { replay } from '../support/replay.js';

describe('shipped flows pass the flow checker', () => {
  it.each(registry.flows.map((f) => [`${f.id}@${f.version}`, f] as const))('%s', (_n, flow) => {
    expect(checkFlow(flow)).toEqual([]);
  });
});

// (what the person types) -> (questions asked, in order) and the outcome.
type Script = { name: string; inputs: string[]; asked: string[]; outcome: string | null };
const scripts: Script[] = [
  { name: 'CIIO buys security-relevant servers', inputs: ['review', 'no', 'hpc_servers', 'yes', 'yes'],
    asked: ['listing_abroad', 'category', 'ciio', 'affects_national_security'], outcome: 'required' },
  { name: 'choices by number', inputs: ['review', '1', '2', '1', '1'],
    asked: ['listing_abroad', 'category', 'ciio', 'affects_national_security'], outcome: 'required' },
  { name: 'choices by label, either language', inputs: ['review', 'A purchase', '云计算服务', 'Yes', 'not sure'],
    asked: ['listing_abroad', 'category', 'ciio', 'affects_national_security'], outcome: 'assess' },
  { name: 'furniture stops after the category', inputs: ['review', 'no', 'not_network_product'],
    asked: ['listing_abroad', 'category'], outcome: 'not_required' },
  { name: 'not a CIIO stops before national security', inputs: ['review', 'no', 'cloud_services', 'no'],
    asked: ['listing_abroad', 'category', 'ciio'], outcome: 'not_required' },
  { name: 'CIIO status unclear needs an analyst', inputs: ['review', 'no', 'cloud_services', 'unsure'],
    asked: ['listing_abroad', 'category', 'ciio'], outcome: 'assess' },
  { name: 'named category without impact is confirmed by an analyst', inputs: ['review', 'no', 'large_storage', 'yes', 'no'],
    asked: ['listing_abroad', 'category', 'ciio', 'affects_national_security'], outcome: 'assess' },
  { name: 'other network product without impact', inputs: ['review', 'no', 'other_network_product', 'yes', 'no'],
    asked: ['listing_abroad', 'category', 'ciio', 'affects_national_security'], outcome: 'not_required' },
  { name: 'listing abroad with over 1M users', inputs: ['review', 'yes', 'yes'],
    asked: ['listing_abroad', 'personal_info_users_over_1m'], outcome: 'required' },
  { name: 'listing abroad, user count unknown', inputs: ['review', 'yes', 'unsure'],
    asked: ['listing_abroad', 'personal_info_users_over_1m'], outcome: 'assess' },
  { name: 'listing abroad, few users', inputs: ['审查', '国外上市', '否'],
    asked: ['listing_abroad', 'personal_info_users_over_1m'], outcome: 'not_required' },
  { name: 'free text: a confident guess is confirmed, listing is implied', inputs: ['we want to buy 20 core routers', 'yes', 'yes', 'yes'],
    asked: ['category', 'ciio', 'affects_national_security'], outcome: 'required' },
  { name: 'free text: the guess is rejected and the category asked plainly', inputs: ['we want to buy 20 core routers', 'no', 'hpc_servers', 'no'],
    asked: ['category', 'category', 'ciio'], outcome: 'not_required' },
  { name: 'free text: low confidence asks the category plainly', inputs: ['we need something for the office', 'not_network_product'],
    asked: ['category'], outcome: 'not_required' },
  { name: 'free text about a listing asks purchase or listing', inputs: ['we plan a listing in New York', 'yes', 'yes'],
    asked: ['listing_abroad', 'personal_info_users_over_1m'], outcome: 'required' },
  { name: 'a wrong answer is re-asked and nothing moves', inputs: ['review', 'maybe later', 'no', 'hpc_servers', 'yes', 'yes'],
    asked: ['listing_abroad', 'listing_abroad', 'category', 'ciio', 'affects_national_security'], outcome: 'required' },
  { name: 'typing a product at the category question suggests it', inputs: ['review', 'no', 'chairs for the office', 'yes'],
    asked: ['listing_abroad', 'category', 'category'], outcome: 'not_required' },
];

describe('triage flow: answers -> questions and decision', () => {
  it.each(scripts)('$name', ({ inputs, asked, outcome }) => {
    const run = replay(inputs);
    expect(run.asked).toEqual(asked);
    expect(run.decision?.outcome ?? null).toBe(outcome);
  });
});

describe('decisions', () => {
  it('required opens a case and names its id and the next step', () => {
    const run = replay(['review', 'no', 'hpc_servers', 'yes', 'yes']);
    expect(run.decision).toMatchObject({ outcome: 'required', caseId: 'RB-TEST1' });
    expect(run.effects.filter((e) => e.type === 'openCase')).toHaveLength(1);
    const info = run.last.find((m) => m.type === 'info');
    expect(info && 'text' in info ? info.text : '').toContain('RB-TEST1');
  });

  it('not_required opens no case', () => {
    const run = replay(['review', 'no', 'not_network_product']);
    expect(run.decision?.caseId).toBeUndefined();
    expect(run.effects.some((e) => e.type === 'openCase')).toBe(false);
  });

  it('reasons carry rendered citations in the conversation language', () => {
    const en = replay(['review', 'yes', 'yes']).decision!;
    expect(en.reasons[0]!.citation).toBe('Cybersecurity Review Measures (2022) Art. 7');
    const zh = replay(['审查', '国外上市', '是']).decision!;
    expect(zh.reasons[0]!.citation).toBe('《网络安全审查办法》（2022）第七条');
    expect(zh.title).toBe('需要申报审查');
  });

  it('why shows the path of facts, marking inferred ones', () => {
    const run = replay(['we want to buy 20 core routers', 'yes', 'yes', 'yes', 'why']);
    const text = run.last.map((m) => ('text' in m ? m.text : '')).join('\n');
    expect(text).toMatch(/listing abroad: A purchase \(inferred/);
    expect(text).toMatch(/product category: Core network equipment/);
    expect(text).toMatch(/rule R7/);
  });

  it('the flow has the five fact steps and nothing else', () => {
    expect(Object.keys(triageFlow.steps).sort()).toEqual(
      ['affects_national_security', 'category', 'ciio', 'listing_abroad', 'personal_info_users_over_1m']);
  });
});
