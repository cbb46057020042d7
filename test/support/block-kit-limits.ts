// Slack's documented Block Kit limits (api.slack.com/reference/block-kit: blocks, block elements,
// composition objects, surfaces), as a checker: a payload in, the broken limits out ("" when none).
// Lengths are counted in characters, as Slack counts them. A block or element type without rules
// here is reported too, so a new kind of control cannot slip past unchecked.

export type Surface = 'message' | 'modal' | 'home';
const MAX_BLOCKS: Record<Surface, number> = { message: 50, modal: 100, home: 100 };

export const SLACK = {
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionValue: 150,
  options: 100,
  placeholder: 150,
  label: 2000,
  hint: 2000,
  inputValue: 3000,
  id: 255,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
} as const;

type Obj = Record<string, unknown>;
type Text = { type?: unknown; text?: unknown };
const chars = (s: unknown) => (typeof s === 'string' ? [...s].length : 0);

function checker() {
  const problems: string[] = [];
  const over = (where: string, what: string, n: number, max: number) => {
    if (n > max) problems.push(`${where}: ${what} ${n} > ${max}`);
  };
  const text = (where: string, t: unknown, max: number, plainOnly = false) => {
    const o = t as Text | undefined;
    if (!o || typeof o.text !== 'string') {
      problems.push(`${where}: missing text`);
      return;
    }
    if (o.type !== 'plain_text' && (plainOnly || o.type !== 'mrkdwn')) problems.push(`${where}: text type ${String(o.type)}`);
    if (o.text.length === 0) problems.push(`${where}: empty text`);
    over(where, 'text', chars(o.text), max);
  };
  const id = (where: string, key: string, value: unknown) => {
    if (value !== undefined) over(where, key, chars(value), SLACK.id);
  };
  function element(where: string, e: Obj) {
    id(where, 'action_id', e.action_id);
    switch (e.type) {
      case 'button':
        text(`${where}.text`, e.text, SLACK.buttonText, true);
        over(where, 'value', chars(e.value), SLACK.buttonValue);
        break;
      case 'static_select': {
        const options = (e.options ?? []) as Obj[];
        if (e.placeholder) text(`${where}.placeholder`, e.placeholder, SLACK.placeholder, true);
        if (options.length === 0) problems.push(`${where}: no options`);
        over(where, 'options', options.length, SLACK.options);
        for (const [i, o] of options.entries()) {
          text(`${where}.options[${i}]`, o.text, SLACK.optionText, true);
          over(`${where}.options[${i}]`, 'value', chars(o.value), SLACK.optionValue);
        }
        const initial = e.initial_option as Obj | undefined;
        if (initial && !options.some((o) => o.value === initial.value)) problems.push(`${where}: initial_option is not an option`);
        break;
      }
      case 'plain_text_input':
        if (e.placeholder) text(`${where}.placeholder`, e.placeholder, SLACK.placeholder, true);
        over(where, 'initial_value', chars(e.initial_value), SLACK.inputValue);
        break;
      case 'number_input':
        if (e.initial_value !== undefined && !Number.isFinite(Number(e.initial_value))) problems.push(`${where}: initial_value is not a number`);
        break;
      case 'datepicker':
        if (e.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(e.initial_date))) problems.push(`${where}: initial_date not YYYY-MM-DD`);
        break;
      default:
        problems.push(`${where}: no rules for element ${String(e.type)}`);
    }
  }
  function block(where: string, b: Obj) {
    id(where, 'block_id', b.block_id);
    switch (b.type) {
      case 'section': {
        if (b.text) text(`${where}.text`, b.text, SLACK.sectionText);
        const fields = (b.fields ?? []) as unknown[];
        over(where, 'fields', fields.length, SLACK.sectionFields);
        for (const [i, f] of fields.entries()) text(`${where}.fields[${i}]`, f, SLACK.fieldText);
        if (!b.text && fields.length === 0) problems.push(`${where}: section without text or fields`);
        if (b.accessory) element(`${where}.accessory`, b.accessory as Obj);
        break;
      }
      case 'header':
        text(`${where}.text`, b.text, SLACK.headerText, true);
        break;
      case 'context': {
        const elements = (b.elements ?? []) as Obj[];
        over(where, 'elements', elements.length, SLACK.contextElements);
        for (const [i, e] of elements.entries()) text(`${where}.elements[${i}]`, e, SLACK.contextText);
        break;
      }
      case 'actions': {
        const elements = (b.elements ?? []) as Obj[];
        if (elements.length === 0) problems.push(`${where}: no elements`);
        over(where, 'elements', elements.length, SLACK.actionsElements);
        for (const [i, e] of elements.entries()) element(`${where}.elements[${i}]`, e);
        const ids = elements.map((e) => e.action_id);
        if (new Set(ids).size !== ids.length) problems.push(`${where}: repeated action_id`);
        break;
      }
      case 'input':
        text(`${where}.label`, b.label, SLACK.label, true);
        if (b.hint) text(`${where}.hint`, b.hint, SLACK.hint, true);
        element(`${where}.element`, b.element as Obj);
        break;
      case 'divider':
        break;
      default:
        problems.push(`${where}: no rules for block ${String(b.type)}`);
    }
  }
  return { problems, block };
}

/** What breaks Slack's limits in a message's, a modal's or a home tab's blocks. */
export function blockKitProblems(surface: Surface, blocks: readonly Obj[]): string[] {
  const c = checker();
  if (blocks.length === 0) c.problems.push('no blocks');
  if (blocks.length > MAX_BLOCKS[surface]) c.problems.push(`${surface}: blocks ${blocks.length} > ${MAX_BLOCKS[surface]}`);
  for (const [i, b] of blocks.entries()) c.block(`blocks[${i}]`, b);
  const ids = blocks.map((b) => b.block_id).filter((x) => x !== undefined);
  if (new Set(ids).size !== ids.length) c.problems.push('repeated block_id');
  return c.problems;
}

/** A modal view: its blocks, and its title, buttons, metadata and callback id. */
export function modalProblems(view: Obj): string[] {
  const problems = blockKitProblems('modal', (view.blocks ?? []) as Obj[]);
  const plain = (key: string, max: number, required: boolean) => {
    const t = view[key] as Text | undefined;
    if (!t) {
      if (required) problems.push(`view.${key}: missing`);
      return;
    }
    if (t.type !== 'plain_text') problems.push(`view.${key}: text type ${String(t.type)}`);
    if (chars(t.text) === 0) problems.push(`view.${key}: empty`);
    if (chars(t.text) > max) problems.push(`view.${key}: text ${chars(t.text)} > ${max}`);
  };
  if (view.type !== 'modal') problems.push(`view.type ${String(view.type)}`);
  plain('title', SLACK.modalTitle, true);
  // A modal with inputs needs a submit button.
  plain(
    'submit',
    SLACK.modalButton,
    ((view.blocks ?? []) as Obj[]).some((b) => b.type === 'input'),
  );
  plain('close', SLACK.modalButton, false);
  if (chars(view.private_metadata) > SLACK.privateMetadata) problems.push(`view.private_metadata ${chars(view.private_metadata)} > ${SLACK.privateMetadata}`);
  if (chars(view.callback_id) > SLACK.id) problems.push(`view.callback_id ${chars(view.callback_id)} > ${SLACK.id}`);
  return problems;
}
