/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (DOM types for the function that runs inside the page; the build of src/ and adapters/ stays without them.)
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import type { Lang } from '../../src/i18n/index.js';

// Adaptive Cards as a Teams user sees them: the `adaptivecards` renderer (Microsoft's own, the one
// the Adaptive Cards designer uses) in headless Chromium from Debian, under a Teams-like host
// config, measured the way a person would judge them. One browser serves every card of a run.

export const CHROMIUM = process.env.REVIEW_BOT_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A Teams chat card is about 400–500 px wide; the narrow end is the stricter test. */
export const CARD_WIDTH = 420;
/** Tall enough for most cards, so a screenshot needs no resize of the page. */
const VIEWPORT = { width: 480, height: 3000 };

/**
 * Close to Teams' own host config: Teams shows at most 6 actions on a card, in one row, titles not
 * wrapped; Segoe UI at Teams' sizes (a machine without it falls back the way a browser does).
 */
export const TEAMS_HOST_CONFIG = {
  supportsInteractivity: true,
  fontFamily: "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', sans-serif",
  fontSizes: { small: 12, default: 14, medium: 18, large: 24, extraLarge: 32 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  spacing: { small: 4, default: 8, medium: 16, large: 24, extraLarge: 32, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E0E0E0' },
  containerStyles: {
    default: {
      backgroundColor: '#FFFFFF',
      foregroundColors: {
        default: { default: '#242424', subtle: '#616161' },
        accent: { default: '#5B5FC7', subtle: '#7F85F5' },
        attention: { default: '#C4314B', subtle: '#D74654' },
        good: { default: '#237B4B', subtle: '#3B8C5D' },
        warning: { default: '#835C00', subtle: '#A07900' },
        dark: { default: '#242424', subtle: '#424242' },
        light: { default: '#FFFFFF', subtle: '#F5F5F5' },
      },
    },
    emphasis: { backgroundColor: '#F5F5F5' },
  },
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    actionsOrientation: 'horizontal',
    actionAlignment: 'stretch',
    allowTitleToWrap: false,
    showCard: { actionMode: 'inline', inlineTopMargin: 16 },
  },
  inputs: {
    label: { inputSpacing: 'small', requiredInputs: { weight: 'bolder', suffix: ' *' }, optionalInputs: {} },
    errorMessage: { size: 'small', color: 'attention' },
  },
} as const;

/** What the page shows for one card (or plain-text message). */
export type Seen = {
  /** The renderer's own parse and validation events (unknown types, bad values, too many actions…). */
  warnings: string[];
  buttons: { title: string; clipped: boolean }[];
  /** Elements whose content is wider or taller than their box (cut off, or spilling out). */
  overflowing: { what: string; text: string; scroll: string; client: string }[];
  /** Elements that reach outside the card. */
  outside: { what: string; text: string }[];
  /** Each declared input: its control, the label it is announced by (and whether that is on screen), its value, its options. */
  inputs: { id: string; control: string | null; label: string | null; labelShown: boolean; value: string | null; options: { value: string; text: string }[] }[];
  /** Every text block, in order: its text, and for an error under a field, that field and the input just above it. */
  texts: { text: string; errorOf: string | null; hintOf: string | null; below: string | null; id: string | null; color: string }[];
  /** Han text: the size of one character against the font size, and which fonts drew it. */
  han: { text: string; fontSize: number; charWidth: number; charHeight: number; fonts: { family: string; glyphs: number }[] }[];
  height: number;
};

/** The parts of the `adaptivecards` global the page uses. */
type AdaptiveCardsGlobal = {
  AdaptiveCard: new () => {
    hostConfig: unknown;
    parse(json: unknown, context: unknown): void;
    render(): HTMLElement;
    validateProperties(): { validationEvents: { message: string }[] };
  };
  HostConfig: new (json: unknown) => unknown;
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};

type InPage = Omit<Seen, 'han'> & { han: Omit<Seen['han'][number], 'fonts'>[]; frame: { x: number; y: number; width: number; height: number } };

/** Runs inside the page: render, then measure. Self-contained (it is serialised into the page). */
function renderAndMeasure(arg: { card: unknown; text: string | null; hostConfig: unknown; lang: string; width: number }): InPage {
  const AC = (window as unknown as { AdaptiveCards: AdaptiveCardsGlobal }).AdaptiveCards;
  document.documentElement.lang = arg.lang;
  const frame = document.getElementById('frame')!;
  frame.replaceChildren();
  frame.style.width = `${arg.width}px`;
  const warnings: string[] = [];
  let root: HTMLElement;
  if (arg.card) {
    const card = new AC.AdaptiveCard();
    card.hostConfig = new AC.HostConfig(arg.hostConfig);
    const context = new AC.SerializationContext();
    card.parse(arg.card, context);
    for (let i = 0; i < context.eventCount; i++) warnings.push(`parse: ${context.getEventAt(i).message}`);
    root = card.render();
    frame.appendChild(root);
    for (const e of card.validateProperties().validationEvents) warnings.push(`validate: ${e.message}`);
  } else {
    // A plain-text message, drawn as Teams draws a chat bubble's text.
    root = document.createElement('div');
    root.className = 'bubble';
    root.textContent = arg.text;
    frame.appendChild(root);
  }
  const describe = (e: Element) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`;
  const textOf = (e: Element) => (e.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
  const box = root.getBoundingClientRect();
  const overflowing: InPage['overflowing'] = [];
  const outside: InPage['outside'] = [];
  for (const e of [root, ...root.querySelectorAll('*')] as HTMLElement[]) {
    if (e.matches('select, option, input, textarea')) continue; // native controls scroll their own text
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue; // not shown
    if (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1) {
      if (e.clientWidth > 0 || e.clientHeight > 0)
        overflowing.push({ what: describe(e), text: textOf(e), scroll: `${e.scrollWidth}x${e.scrollHeight}`, client: `${e.clientWidth}x${e.clientHeight}` });
    }
    if (r.right > box.right + 0.5 || r.left < box.left - 0.5) outside.push({ what: describe(e), text: textOf(e) });
  }
  const buttons = [...root.querySelectorAll('button.ac-pushButton')].map((b) => {
    const label = (b.firstElementChild ?? b) as HTMLElement;
    return { title: b.getAttribute('title') ?? textOf(b), clipped: label.scrollWidth > label.clientWidth + 1 };
  });
  // Inputs: the renderer gives each input's wrapper the input's id and labels the control by aria-labelledby.
  const inputs: InPage['inputs'] = [];
  const declared = (arg.card as { body?: unknown[] } | null)?.body ?? [];
  const walk = (items: unknown[]): { id: string }[] =>
    items.flatMap((x) => {
      const o = x as { type?: string; id?: string; items?: unknown[] };
      return [...(o.type?.startsWith('Input.') && o.id ? [{ id: o.id }] : []), ...(o.items ? walk(o.items) : [])];
    });
  for (const { id } of walk(declared)) {
    const wrapper = root.querySelector(`[id="${CSS.escape(id)}"]`);
    const control = wrapper?.querySelector('select, input, textarea') ?? null;
    const labelId = control?.getAttribute('aria-labelledby');
    const label = labelId ? document.getElementById(labelId) : null;
    const lr = label?.getBoundingClientRect();
    inputs.push({
      id,
      control: control ? describe(control) : null,
      label: label ? (label.textContent ?? '').trim() : null,
      labelShown: !!lr && lr.width > 0 && lr.height > 0,
      value: control ? (control as HTMLInputElement).value : null,
      options: control instanceof HTMLSelectElement ? [...control.options].filter((o) => !o.disabled).map((o) => ({ value: o.value, text: o.text })) : [],
    });
  }
  // Text blocks in order, each with the input it stands under (errors carry the id `<field>__error`).
  const inputIds = new Set(walk(declared).map((i) => i.id));
  const texts: InPage['texts'] = [];
  let below: string | null = null;
  for (const e of root.querySelectorAll('*')) {
    if (e.id && inputIds.has(e.id)) below = e.id;
    if (!e.classList.contains('ac-textBlock')) continue;
    const errorOf = e.id?.endsWith('__error') ? e.id.slice(0, -'__error'.length) : null;
    const hintOf = e.id?.endsWith('__hint') ? e.id.slice(0, -'__hint'.length) : null;
    texts.push({
      text: (e.textContent ?? '').replace(/\s+/g, ' ').trim(),
      errorOf,
      hintOf,
      below: errorOf || hintOf ? below : null,
      id: e.id || null,
      color: getComputedStyle(e).color,
    });
  }
  // Han characters: mark each element that holds some directly, and measure its first one.
  const han: InPage['han'] = [];
  const HAN = /\p{Script=Han}/u;
  let marked = 0;
  for (const e of [root, ...root.querySelectorAll('*')] as HTMLElement[]) {
    if (e.closest('select')) continue; // a closed list draws its options natively, off the page
    const node = [...e.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && HAN.test(n.textContent ?? ''));
    if (!node) continue;
    const at = [...(node.textContent ?? '')].findIndex((c) => HAN.test(c));
    const offset = [...(node.textContent ?? '')].slice(0, at).join('').length;
    const range = document.createRange();
    range.setStart(node, offset);
    range.setEnd(node, offset + 1);
    const rect = range.getBoundingClientRect();
    e.setAttribute('data-han', String(marked++));
    han.push({ text: textOf(e), fontSize: parseFloat(getComputedStyle(e).fontSize), charWidth: rect.width, charHeight: rect.height });
  }
  const f = frame.getBoundingClientRect();
  return {
    warnings,
    buttons,
    overflowing,
    outside,
    inputs,
    texts,
    han,
    height: root.getBoundingClientRect().height,
    frame: { x: f.x + window.scrollX, y: f.y + window.scrollY, width: f.width, height: f.height },
  };
}

export type CardBrowser = {
  /** Render an Adaptive Card (or, with `text`, a plain-text message), write its PNG, and report what it shows. */
  show(what: { card: unknown } | { text: string }, lang: Lang, png: string): Promise<Seen>;
  close(): Promise<void>;
};

const require = createRequire(import.meta.url);

export async function openCardBrowser(): Promise<CardBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (Debian: apt-get install chromium fonts-noto-cjk)`);
  const profile = mkdtempSync(join(tmpdir(), 'review-bot-cards-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    offline: true,
  });
  try {
    const page: Page = context.pages()[0] ?? (await context.newPage());
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>
      body { margin: 0; padding: 12px; background: #F0F0F0; }
      #frame { background: #FFFFFF; border: 1px solid #E0E0E0; border-radius: 6px; overflow: hidden; }
      .bubble { padding: 8px 16px; font: 14px/20px ${TEAMS_HOST_CONFIG.fontFamily}; color: #242424; white-space: pre-wrap; overflow-wrap: anywhere; }
    </style></head><body><div id="frame"></div></body></html>`);
    await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
    await page.addStyleTag({ path: require.resolve('adaptivecards/dist/adaptivecards.css') });
    const cdp: CDPSession = await context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    return {
      async show(what, lang, png) {
        const seen = await page.evaluate(renderAndMeasure, {
          card: 'card' in what ? what.card : null,
          text: 'text' in what ? what.text : null,
          hostConfig: TEAMS_HOST_CONFIG,
          lang,
          width: CARD_WIDTH,
        });
        // Straight from the compositor (a locator screenshot waits and scrolls: several times slower).
        const { x, y, width, height } = seen.frame;
        const shot = await cdp.send('Page.captureScreenshot', {
          format: 'png',
          clip: { x, y, width, height, scale: 1 },
          captureBeyondViewport: seen.frame.y + seen.frame.height > VIEWPORT.height,
        });
        writeFileSync(png, Buffer.from(shot.data, 'base64'));
        // Which fonts drew each Han text (Chromium's own answer: tofu has no CJK font behind it).
        const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
        const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-han]' });
        const fonts = await Promise.all(
          nodeIds.map(async (nodeId) => {
            const { fonts: used } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
            return used.map((f) => ({ family: f.familyName, glyphs: f.glyphCount }));
          }),
        );
        const { frame: _f, ...rest } = seen;
        return { ...rest, han: seen.han.map((h, i) => ({ ...h, fonts: fonts[i] ?? [] })) };
      },
      async close() {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
}
