import { createInterface } from 'node:readline';
import type { Lang } from '../../src/i18n/index.js';
import type { Bot } from '../../src/runtime/index.js';
import { renderText } from './outbound.js';

export type ChatOptions = {
  bot: Bot;
  userId: string;
  json: boolean;
  lang?: Lang;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Shown first in interactive mode when nothing is in progress. */
  greeting?: string;
};

/**
 * The terminal chat. With `json`, each stdin line is what the person types and each bot
 * message is one JSON line (DESIGN.md CLI contract). Lines are handled strictly in order;
 * the promise resolves when stdin ends and every line has been answered.
 */
export async function runChat(opts: ChatOptions): Promise<void> {
  const { bot, userId, json, output } = opts;
  const print = (msgs: readonly object[]) => {
    for (const m of msgs) output.write(json ? `${JSON.stringify(m)}\n` : `${renderText(m as never)}\n`);
  };
  const resumed = (await bot.resume('terminal', userId)).messages;
  if (resumed.length) print(resumed);
  else if (!json && opts.greeting) output.write(`${opts.greeting}\n`);

  const rl = createInterface({ input: opts.input, terminal: false, crlfDelay: Infinity });
  const interactive = !json && (opts.input as { isTTY?: boolean }).isTTY === true;
  const prompt = () => { if (interactive) output.write('> '); };
  prompt();
  for await (const line of rl) {
    const reply = await bot.handle({
      platform: 'terminal',
      userId,
      input: { type: 'text', text: line },
      ...(opts.lang ? { lang: opts.lang } : {}),
    });
    print(reply.messages);
    prompt();
  }
}
