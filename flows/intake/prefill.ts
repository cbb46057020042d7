import { caseMatter, itemKey, type CaseRecord } from '../../src/domain/index.js';
import type { NluItem } from '../../src/engine/index.js';

// What the triage already knows, put into the intake when a case opens: the line items and
// quantities the first message named, and the supplier. The analyst sees them as saved answers
// and corrects them in the forms or with `edit`.

// "we want to buy", "想采购", "我们要采购", "拟购买": the request, not the product.
const LEAD =
  /^(?:(?:we|i)\s+(?:would like|want|need|plan|are planning|intend)\s+(?:to\s+)?(?:buy|purchase|procure|order|get)\s+|(?:buy|purchase|procure|need|order)\s+|(?:我们|我司|公司)?(?:想要|想|需要|要|希望|计划|拟|准备|打算)?(?:采购|购买|购置|买|订购)(?:一批)?)/i;
// The count itself ("20", "20台", "x4"): the item keeps it as its quantity.
const COUNT =
  /(?:^|\s)(?:\d+|[一二两三四五六七八九十百千]+)\s*(?:台套|台|套|个|块|张|部|件|份|组|节点)?(?=\s|$|[^\d\s])|\s[x×*]\s*\d+\b|\b\d+\s*[x×*](?=\s|$)/u;

/** A list part as a product name: "we want to buy 20 Huawei core routers" -> "Huawei core routers". */
export function productOf(part: string): string {
  const s = part
    .trim()
    .replace(LEAD, '')
    .replace(COUNT, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,，、:：]+|[\s,，、。.!！]+$/g, '')
    .trim();
  return s || part.trim();
}

type Known = { items: readonly Pick<NluItem, 'text' | 'quantity'>[]; supplier: string | null };

/** The intake a new case starts with; only a purchase has line items and a supplier. */
export function prefillIntake(k: Pick<CaseRecord, 'triage'>, known: Known): CaseRecord['intake'] {
  if (caseMatter(k.triage.answers) !== 'purchase') return {};
  const intake: CaseRecord['intake'] = {};
  known.items.forEach((item, i) => {
    intake[itemKey(i + 1)] = { product: productOf(item.text), ...(item.quantity !== null ? { quantity: item.quantity } : {}) };
  });
  if (known.supplier) intake.supplier = { name: known.supplier };
  return intake;
}
