import { describe, expect, it } from 'vitest';
import type { Outbound } from '../../src/engine/index.js';
import { chatFixtures, longAnswer, longSupplier, type Fixture } from '../support/chat-fixtures.js';

// What a Chinese reader sees carries no internal ids: no status or category keys, no rule ids, no
// person keys (terminal:…, slack:U…), no English words. Every main view (questions, decisions with
// their actions, why, help, the case, the case list, errors, reminders, forms, home) is produced by
// the real engine and runtime (chat-fixtures) and scanned for ASCII words that are not allowed.

/** ASCII a Chinese text may carry: a case reference, dates, numbers, and names of laws' abbreviations people use. */
const ALLOWED = [
  /^RB-[0-9A-Z]{6}$/,
  /^RB-TEST\d+$/,
  /^\d{4}-\d{2}-\d{2}$/,
  /^YYYY-MM-DD$/,
  /^\d+$/,
  /^(CIIO|CII|CSRC|IPO|MLPS|SaaS|IaaS|PaaS|CDN|GPU|AI|IP|VPN|WAF|5G|4G|OTN|DWDM|ERP|NAS|SAN|SOC|EDR|DLP|SIEM|IDS|IPS|NGFW|DDoS|VSAT|PDT|TETRA|LTE|AAU|RRU|BBU|AMF|SMF|UPF|USB|UPS|IoT|VoIP|MPLS|Wi-Fi|AP)$/,
  /^(Huawei|Micron|Slack|Teams|HuaxinNetworkCommunicationTechnologyEquipment)$/,
];
const words = (s: string) => s.match(/[A-Za-z][A-Za-z0-9_:.-]*[A-Za-z0-9]|[A-Za-z]/g) ?? [];
const strange = (s: string) => words(s).filter((w) => !ALLOWED.some((re) => re.test(w.replace(/[.:-]+$/, ''))));

function textsOf(f: Fixture): string[] {
  const ofMessage = (m: Outbound): string[] => {
    switch (m.type) {
      case 'question':
        return [m.text, ...(m.choices ?? []).map((c) => c.label)];
      case 'decision':
        return [m.title, m.reference ?? '', ...m.reasons.flatMap((r) => [r.text, r.citation]), ...(m.actions ?? []).flatMap((a) => [a.label, a.command])];
      case 'form':
        return [m.form.title, m.form.submitLabel, ...m.form.fields.flatMap((x) => [x.label, x.hint ?? ''])];
      default:
        return [m.text];
    }
  };
  switch (f.kind) {
    case 'message':
      return ofMessage(f.msg);
    case 'answered':
      return [f.asked.text, f.answer];
    case 'form':
      return [
        ...ofMessage({ type: 'form', form: { ...f.form, fields: f.form.fields.map((x) => ({ ...x, value: undefined })) } }),
        ...Object.values(f.errors ?? {}),
        f.banner ?? '',
      ];
    case 'home':
      return [
        f.view.title,
        f.view.intro,
        f.view.startLabel,
        f.view.casesTitle,
        f.view.emptyText,
        ...f.view.cases.flatMap((k) => [k.text, ...k.due, ...k.actions.map((a) => a.label)]),
      ];
  }
}

describe('zh-CN views carry no internal ids or English fragments', () => {
  it('every main view', async () => {
    const zh = (await chatFixtures())['zh-CN'];
    expect(zh.length).toBeGreaterThan(40);
    // What people typed (the long test answers, the supplier name) is theirs, not ours: only the bot's words are judged.
    // (The fixtures' cases were described in both languages; the words of those descriptions are the people's.)
    // The fixtures' person has no people-file entry, so their name is what the platform calls them (`cards-zh-CN`).
    const typed = new Set([
      'cards-zh-CN',
      'cards-en',
      ...['en', 'zh-CN']
        .flatMap((l) => [longAnswer(l as 'en'), longSupplier(l as 'en')])
        .concat('we want to buy 20 core routers')
        .flatMap(words),
    ]);
    const found = zh.flatMap((f) =>
      textsOf(f).flatMap((s) =>
        strange(s)
          .filter((w) => !typed.has(w))
          .map((w) => `${f.name}: ${w}`),
      ),
    );
    expect([...new Set(found)]).toEqual([]);
  }, 60_000);

  it('the scan itself catches what it is for', () => {
    expect(strange('审查事项 RB-ABC123 状态：intake · 申请人：terminal:local · slack:U123 · 规则 R5 · core_network_equipment · internal target')).toEqual([
      'intake',
      'terminal:local',
      'slack:U123',
      'R5',
      'core_network_equipment',
      'internal',
      'target',
    ]);
  });
});
