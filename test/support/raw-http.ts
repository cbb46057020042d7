import { request } from 'node:http';

// One HTTP request whose body the test sends piece by piece (or never), to see what the server
// answers and when: before the body, after part of it, or by dropping the connection.

export type Answer = { status: number | null; body: string; headers: Record<string, string | string[] | undefined>; ended?: string };

export type OpenRequest = {
  write(chunk: string | Buffer): void;
  end(chunk?: string | Buffer): void;
  destroy(): void;
  /** The server's answer (status null: the connection ended without one). */
  answer: Promise<Answer>;
  /** Whether the answer has arrived yet. */
  answered(): boolean;
};

export function openRequest(port: number, path: string, headers: Record<string, string>): OpenRequest {
  let done = false;
  let resolveAnswer!: (a: Answer) => void;
  const answer = new Promise<Answer>((r) => {
    resolveAnswer = (a) => {
      done = true;
      r(a);
    };
  });
  const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent: false, headers }, (res) => {
    let body = '';
    res.on('data', (d: Buffer) => {
      body += d.toString('utf8');
    });
    const settle = () => {
      if (!done) resolveAnswer({ status: res.statusCode ?? null, body, headers: res.headers });
    };
    res.on('end', settle);
    res.on('close', settle);
  });
  req.on('error', (err: NodeJS.ErrnoException) => {
    if (!done) resolveAnswer({ status: null, body: '', headers: {}, ended: err.code ?? err.message });
  });
  req.flushHeaders();
  return {
    write: (chunk) => {
      if (!req.destroyed) req.write(chunk);
    },
    end: (chunk) => {
      if (!req.destroyed) req.end(chunk);
    },
    destroy: () => req.destroy(),
    answer,
    answered: () => done,
  };
}

/** The answer, or `null` if none came within `ms` (the server is still waiting for the body). */
export const answerWithin = (r: OpenRequest, ms: number): Promise<Answer | null> =>
  Promise.race([r.answer, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))]);
