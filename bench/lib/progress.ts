// Progress lines on stderr, so stdout stays the table.
const started = performance.now();

export type Progress = (message: string) => void;

export function progress(scope: string): Progress {
  return (message) => {
    const s = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
    process.stderr.write(`[bench ${s}s] ${scope}: ${message}\n`);
  };
}
