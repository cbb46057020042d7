import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamsLabels } from '../../../adapters/teams/labels.js';
import { answeredCard, formCard, homeCard, toTeams, type Card } from '../../../adapters/teams/outbound.js';
import type { FormField } from '../../../src/engine/index.js';
import { t, type Lang } from '../../../src/i18n/index.js';
import { CARD_WIDTH, CHROMIUM, openCardBrowser, TEAMS_HOST_CONFIG, type CardBrowser, type Seen } from '../../support/card-browser.js';
import { chatFixtures, type Fixture } from '../../support/chat-fixtures.js';

// Every card the Teams adapter sends, in both languages, rendered by the `adaptivecards` renderer in
// headless Chromium under a Teams-like host config and judged as a person would: every action shown,
// no text cut off or spilling out, Chinese drawn with a Chinese font, every input there with its label.
// The PNGs land in artifacts/cards/<lang>/ (git-ignored) for a person to open.

const OUT = join(import.meta.dirname, '../../../artifacts/cards');
const HAVE_CHROMIUM = existsSync(CHROMIUM);

/** One thing the Teams adapter sends: a card, or (no card) the activity's plain text. */
type Sent = { name: string; lang: Lang; card: Card | null; text: string; fixture: Fixture };

function sent(lang: Lang, f: Fixture): Sent {
  const labels = { ...teamsLabels(lang), owner: 'aad-person' };
  switch (f.kind) {
    case 'message': {
      const r = toTeams(f.msg, labels);
      return { name: f.name, lang, card: r.card, text: r.text, fixture: f };
    }
    case 'answered':
      return { name: f.name, lang, card: answeredCard(f.asked.text, t(lang, 'platform.answered', { answer: f.answer })), text: '', fixture: f };
    case 'form':
      return { name: f.name, lang, card: formCard(f.form, f.errors, f.banner), text: '', fixture: f };
    case 'home':
      return { name: f.name, lang, card: homeCard(f.view), text: '', fixture: f };
  }
}

type ActionHolder = { actions?: unknown[]; body?: unknown[]; items?: unknown[]; type?: string };
/** Action sets of a card: its own actions and every ActionSet in its body, with their sizes. */
function actionSets(card: Card): number[] {
  const sets: number[] = [];
  const walk = (x: ActionHolder) => {
    if (x.type === 'ActionSet' || x === card) sets.push(x.actions?.length ?? 0);
    for (const child of [...(x.body ?? []), ...(x.items ?? [])]) walk(child as ActionHolder);
  };
  walk(card as ActionHolder);
  return sets;
}

const run = HAVE_CHROMIUM ? describe : describe.skip;
if (!HAVE_CHROMIUM && process.env.CI) {
  describe('Teams cards in a real browser', () => {
    it('has Chromium (CI installs it: .ci/run)', () => {
      throw new Error(`Chromium is missing at ${CHROMIUM}; .ci/run installs Debian's chromium and fonts-noto-cjk`);
    });
  });
} else if (!HAVE_CHROMIUM) {
  console.warn(`[cards] skipped: no Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk to run the browser check)`);
}

run('Teams cards in a real browser (adaptivecards in headless Chromium, Teams-like host config)', () => {
  let browser: CardBrowser;
  const shown: (Sent & { seen: Seen; png: string })[] = [];
  const cards = () => shown.filter((s) => s.card);
  const where = (s: { lang: Lang; name: string }) => `${s.lang}/${s.name}`;

  beforeAll(async () => {
    const fixtures = await chatFixtures();
    rmSync(OUT, { recursive: true, force: true });
    browser = await openCardBrowser();
    for (const lang of ['en', 'zh-CN'] as const) {
      mkdirSync(join(OUT, lang), { recursive: true });
      for (const f of fixtures[lang]) {
        const s = sent(lang, f);
        const png = join(OUT, lang, `${s.name}.png`);
        const seen = await browser.show(s.card ? { card: s.card } : { text: s.text }, lang, png);
        shown.push({ ...s, seen, png });
      }
    }
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('renders every kind of card the adapter sends, in both languages', () => {
    const kinds = new Set(cards().map((s) => `${s.lang}:${s.fixture.kind}:${s.fixture.kind === 'message' ? s.fixture.msg.type : ''}`));
    for (const lang of ['en', 'zh-CN']) {
      for (const k of ['message:question', 'message:decision', 'message:form', 'answered:', 'form:', 'home:']) expect(kinds).toContain(`${lang}:${k}`);
    }
    // A reminder is a card exactly when it carries buttons; help and errors go out as plain text.
    const reminders = shown.filter((s) => s.fixture.kind === 'message' && s.fixture.msg.type === 'reminder');
    expect(reminders.length).toBeGreaterThan(0);
    expect(
      reminders.every((s) => s.fixture.kind === 'message' && s.fixture.msg.type === 'reminder' && (s.card !== null) === s.fixture.msg.actions.length > 0),
    ).toBe(true);
    for (const lang of ['en', 'zh-CN']) expect(kinds).toContain(`${lang}:message:reminder`);
    expect(shown.filter((s) => s.card === null).length).toBeGreaterThan(0);
  });

  it('the renderer accepts every card as it is (no parse or validation warnings)', () => {
    expect(
      cards()
        .filter((s) => s.seen.warnings.length)
        .map((s) => [where(s), s.seen.warnings]),
    ).toEqual([]);
  });

  it(`no card has more actions in a set than Teams shows (${TEAMS_HOST_CONFIG.actions.maxActions}), and every declared action is on screen`, () => {
    const tooMany = cards()
      .filter((s) => actionSets(s.card!).some((n) => n > TEAMS_HOST_CONFIG.actions.maxActions))
      .map(where);
    expect(tooMany).toEqual([]);
    const declared = (s: Sent) => actionSets(s.card!).reduce((a, b) => a + b, 0);
    expect(
      cards()
        .filter((s) => s.seen.buttons.length !== declared(s))
        .map((s) => [where(s), declared(s), s.seen.buttons.length]),
    ).toEqual([]);
  });

  it(`no button title is cut off at ${CARD_WIDTH} px`, () => {
    expect(cards().flatMap((s) => s.seen.buttons.filter((b) => b.clipped).map((b) => [where(s), b.title]))).toEqual([]);
  });

  it('no text is cut off or spills out of its box, and nothing reaches outside the card', () => {
    expect(shown.flatMap((s) => s.seen.overflowing.map((o) => [where(s), o]))).toEqual([]);
    expect(shown.flatMap((s) => s.seen.outside.map((o) => [where(s), o]))).toEqual([]);
  });

  it('Chinese is drawn with a Chinese font at a plausible size (no tofu), everywhere in zh-CN', () => {
    const zh = shown.filter((s) => s.lang === 'zh-CN');
    expect(zh.every((s) => s.seen.han.length > 0)).toBe(true);
    const bad = zh.flatMap((s) =>
      s.seen.han
        .filter(
          (h) =>
            !h.fonts.some((f) => /CJK|Hei|Song|Kai|Ming|WenQuanYi|Droid Sans Fallback/i.test(f.family) && f.glyphs > 0) ||
            h.charWidth < 0.85 * h.fontSize ||
            h.charWidth > 1.2 * h.fontSize ||
            h.charHeight < 0.9 * h.fontSize ||
            h.charHeight > 2 * h.fontSize,
        )
        .map((h) => [where(s), h]),
    );
    expect(bad).toEqual([]);
  });

  it("every form field is an input with its label shown; choice lists offer the field's choices in order", () => {
    const forms = shown.filter((s) => s.fixture.kind === 'form');
    expect(forms.length).toBeGreaterThan(0);
    for (const s of forms) {
      if (s.fixture.kind !== 'form') continue;
      const fields = s.fixture.form.fields;
      expect(
        s.seen.inputs.map((i) => i.id),
        where(s),
      ).toEqual(fields.map((f) => f.id));
      for (const [i, f] of fields.entries()) {
        const input = s.seen.inputs[i]!;
        expect([input.control !== null, input.label, input.labelShown], `${where(s)} ${f.id}`).toEqual([true, f.shownLabel, true]);
        if (f.choices) expect(input.options, `${where(s)} ${f.id}`).toEqual(f.choices.map((c) => ({ value: c.id, text: c.label })));
      }
    }
  });

  it('every saved or typed value a control can hold is shown in it (nothing the person entered looks lost)', () => {
    const showable = (f: FormField): string => {
      const v = f.value === undefined || f.value === null ? '' : String(f.value);
      if (f.input === 'number') return v.trim() !== '' && Number.isFinite(Number(v)) ? String(Number(v)) : '';
      if (f.input === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '';
      if (f.input === 'choice') return f.choices?.some((c) => c.id === v) ? v : '';
      return v;
    };
    const wrong = shown.flatMap((s) =>
      (s.fixture.kind === 'form' ? s.fixture.form.fields : [])
        .map((f, i) => [where(s), f.id, showable(f), s.seen.inputs[i]?.value ?? null] as const)
        .filter(([, , want, got]) => want !== got),
    );
    expect(wrong).toEqual([]);
    expect(shown.some((s) => s.fixture.kind === 'form' && s.fixture.form.fields.some((f) => f.input === 'number' && f.value !== undefined))).toBe(true);
  });

  it('a form sent back with problems shows each error right under its field, and the banner', () => {
    const sentBack = shown.filter((x) => x.fixture.kind === 'form' && x.fixture.errors);
    expect(sentBack.length).toBe(2);
    for (const s of sentBack) {
      if (s.fixture.kind !== 'form') continue;
      const errors = s.fixture.errors!;
      expect(Object.keys(errors).length, where(s)).toBeGreaterThan(0);
      const order = s.fixture.form.fields.map((f) => f.id).filter((id) => id in errors);
      expect(
        s.seen.texts.filter((x) => x.errorOf).map((x) => [x.errorOf, x.below, x.text]),
        where(s),
      ).toEqual(order.map((id) => [id, id, errors[id]!.replace(/\s+/g, ' ').trim()]));
      expect(s.seen.texts[1]?.text, where(s)).toBe(s.fixture.banner); // right under the title
    }
  });

  // What a person should see on an intake dialog, written down here rather than read from the catalogues.
  const guidance = {
    en: {
      required: ' (required)',
      close: 'Close',
      ratings: ['Risk: low', 'Risk: medium', 'Risk: high', 'Risk: not yet known'],
      hints: {
        applicant: { legal_name: 'Full legal name, as registered', uscc: '18 characters, e.g. 91350100M000100Y43', contact: 'Name, phone, email' },
        'item-1': { quantity: 'A whole number, e.g. 20', total_amount: 'This line in CNY, e.g. 1,200,000, 120万 or 1.2M' },
        purchase: { planned_purchase_date: 'Contract signature, e.g. 2027-06-30' },
      },
    },
    'zh-CN': {
      required: '（必填）',
      close: '关闭',
      ratings: ['风险：低', '风险：中', '风险：高', '风险：尚不清楚'],
      hints: {
        applicant: { legal_name: '单位全称，与营业执照一致', uscc: '18位，由数字和大写字母组成', contact: '姓名、电话、邮箱' },
        'item-1': { quantity: '整数，例如 20', total_amount: '本行明细总金额（元），例如 1,200,000 或 120万' },
        purchase: { planned_purchase_date: '签订合同的日期，例如 2027-06-30' },
      },
    },
  } as const;
  const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
  const forms = () => shown.filter((s) => s.fixture.kind === 'form') as (Sent & { seen: Seen; fixture: Extract<Fixture, { kind: 'form' }> })[];

  it("every form shows each field's hint right under it, marks required fields in the label and has a close button", () => {
    expect(forms().length).toBeGreaterThan(0);
    for (const s of forms()) {
      const g = guidance[s.lang];
      const fields = s.fixture.form.fields;
      expect(
        s.seen.texts.filter((x) => x.hintOf).map((x) => [x.hintOf, x.below, x.text]),
        where(s),
      ).toEqual(fields.filter((f) => f.hint).map((f) => [f.id, f.id, f.hint]));
      for (const [i, f] of fields.entries()) expect(s.seen.inputs[i]!.label!.endsWith(g.required), `${where(s)} ${f.id}`).toBe(f.required);
      expect(
        s.seen.buttons.map((b) => b.title),
        where(s),
      ).toContain(g.close);
    }
    for (const lang of ['en', 'zh-CN'] as const) {
      for (const [form, hints] of Object.entries(guidance[lang].hints)) {
        const shownForm = forms().find((s) => s.lang === lang && s.fixture.form.id === form)!;
        for (const [id, hint] of Object.entries(hints)) expect(shownForm.seen.texts.find((x) => x.hintOf === id)?.text, `${lang} ${form} ${id}`).toBe(hint);
      }
    }
  });

  it('risk ratings read as risk levels in both languages', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const risk = forms().filter((s) => s.lang === lang && s.fixture.form.id === 'risk');
      expect(risk.length, lang).toBeGreaterThan(0);
      for (const s of risk) {
        const ratings = s.seen.inputs.filter((i) => i.id.endsWith('_rating'));
        expect(ratings.length, where(s)).toBe(6); // a purchase: Art. 10 factor 6 (after a listing) is not asked
        for (const r of ratings)
          expect(
            r.options.map((o) => o.text),
            `${where(s)} ${r.id}`,
          ).toEqual(guidance[lang].ratings);
      }
    }
  });

  it('a partial save is drawn as progress (the good colour), never in the error colour; only field errors are', () => {
    const banners = forms().filter((s) => s.fixture.banner);
    expect(banners.some((s) => s.fixture.errors)).toBe(true);
    for (const s of banners) {
      const banner = s.seen.texts.find((x) => x.id === 'saved__banner');
      expect(banner?.color, where(s)).toBe(rgb(TEAMS_HOST_CONFIG.containerStyles.default.foregroundColors.good.default));
      const red = s.seen.texts.filter((x) => x.color === rgb(TEAMS_HOST_CONFIG.containerStyles.default.foregroundColors.attention.default));
      expect(
        red.every((x) => x.errorOf),
        where(s),
      ).toBe(true);
    }
  });

  it('a question with more choices than a row holds is a choice list with every choice, and a guess gets its "Yes" button', () => {
    const lists = cards().filter((s) => s.fixture.kind === 'message' && s.fixture.msg.type === 'question' && (s.fixture.msg.choices?.length ?? 0) > 3);
    expect(lists.length).toBeGreaterThan(0);
    for (const s of lists) {
      if (s.fixture.kind !== 'message' || s.fixture.msg.type !== 'question') continue;
      const choices = s.fixture.msg.choices!;
      const list = s.seen.inputs.find((i) => i.id === 'choice');
      expect(
        list?.options.map((o) => o.value),
        where(s),
      ).toEqual(choices.map((c) => c.id));
      const guess = choices.find((c) => c.suggested);
      const yes = t(s.lang, 'platform.confirm_suggestion');
      expect(
        s.seen.buttons.map((b) => b.title),
        where(s),
      ).toEqual([...(guess ? [yes] : []), t(s.lang, 'platform.submit_choice')]);
    }
  });

  it('writes one PNG per card a person can open', () => {
    expect(shown.every((s) => existsSync(s.png))).toBe(true);
  });
});
