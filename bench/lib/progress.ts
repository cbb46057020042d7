// Progress lines on stderr, so stdout stays the table. Sections run in child processes;
// BENCH_STARTED_AT (set by run.ts) keeps one clock across them.
if (!process.env.BENCH_STARTED_AT) process.env.BENCH_STARTED_AT = String(Date.now());
const started = Number(process.env.BENCH_STARTED_AT);

export type Progress = (message: string) => void;

export function progress(scope: string): Progress {
  return (message) => {
    const s = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
    process.stderr.write(`[bench ${s}s] ${scope}: ${message}\n`);
  };
}
