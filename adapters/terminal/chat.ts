import { createInterface } from 'node:readline';
import { isLeaveWord, type Outbound } from '../../src/engine/index.js';
import type { Lang } from '../../src/i18n/index.js';
import type { Bot } from '../../src/runtime/index.js';
import { renderText, terminalLabels as labelsFor } from './outbound.js';

export type ChatOptions = {
  bot: Bot;
  userId: string;
  json: boolean;
  lang?: Lang;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Shown first in interactive mode when nothing is in progress. */
  greeting?: string;
  /** Shown first in interactive mode, always: how the chat runs and for whom. */
  banner?: readonly string[];
};

/**
 * The terminal chat. With `json`, each stdin line is what the person types and each bot
 * message is one JSON line (DESIGN.md CLI contract). Lines are handled strictly in order;
 * the promise resolves when stdin ends and every line has been answered.
 */
export async function runChat(opts: ChatOptions): Promise<void> {
  const { bot, userId, json, output } = opts;
  // The question this chat last showed: a typed line answers it, or is refused if it is no longer
  // pending. Once a reply says nothing is pending (decided, cancelled here, or refused as closed),
  // this chat has no open question and the next line is a new message.
  let shown: string | undefined;
  const print = (msgs: readonly Outbound[], lang: Lang, pending?: string | null) => {
    for (const m of msgs) output.write(json ? `${JSON.stringify(m)}\n` : `${renderText(m, labelsFor(lang))}\n`);
    const question = msgs.findLast((m) => m.type === 'question');
    if (question?.type === 'question') shown = question.step;
    else if (pending === null || msgs.some((m) => m.type === 'decision')) shown = undefined;
  };
  if (!json) for (const line of opts.banner ?? []) output.write(`${line}\n`);
  const resumed = await bot.resume('terminal', userId);
  if (resumed.messages.length) print(resumed.messages, resumed.lang);
  else if (!json && opts.greeting) output.write(`${opts.greeting}\n`);

  const rl = createInterface({ input: opts.input, terminal: false, crlfDelay: Infinity });
  const interactive = !json && (opts.input as { isTTY?: boolean }).isTTY === true;
  const prompt = () => {
    if (interactive) output.write('> ');
  };
  prompt();
  for await (const line of rl) {
    if (isLeaveWord(line)) break;
    const reply = await bot.handle({
      platform: 'terminal',
      userId,
      input: { type: 'text', text: line, ...(shown ? { step: shown } : {}) },
      ...(opts.lang ? { lang: opts.lang } : {}),
    });
    print(reply.messages, reply.lang, reply.pending);
    prompt();
  }
  // Leaving before the input ended: stop reading, so the process can exit.
  (opts.input as { destroy?: () => void }).destroy?.();
}
