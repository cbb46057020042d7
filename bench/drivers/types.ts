// A bot under test, driven one typed line at a time for one of many conversations.

export type Reply = { type: 'question'; step: string } | { type: 'decision'; outcome: string } | { type: 'error'; text: string } | { type: 'none' };

export type Driver = {
  name: string;
  turn(conversation: number, text: string): Promise<Reply>;
  close(): Promise<void>;
};
