import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { tempDir } from './tmp.js';

// A PostgreSQL server for the turn benchmark: REVIEW_BOT_BENCH_PG_URL when set, otherwise a
// throwaway cluster from the distribution's binaries (scripts/throwaway-postgres.sh, the server's
// durable defaults), otherwise none and why. The orchestrator (run.ts) owns the cluster, so a
// section stopped at its budget cannot leave a server running; sections get it by environment.

export type Cluster = { url: string; source: string; stop(): void } | { unavailable: string };

const serverBinaries = (): string | null => {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  return (
    readdirSync(root)
      .sort()
      .reverse()
      .map((v) => join(root, v, 'bin'))
      .find((d) => existsSync(join(d, 'initdb'))) ?? null
  );
};

/** In the orchestrator: the server the PostgreSQL rows run against. */
export function startBenchCluster(root: string): Cluster {
  const given = process.env.REVIEW_BOT_BENCH_PG_URL;
  if (given) return { url: given, source: 'REVIEW_BOT_BENCH_PG_URL', stop: () => {} };
  const bin = serverBinaries();
  if (!bin) return { unavailable: 'no PostgreSQL: set REVIEW_BOT_BENCH_PG_URL or install the server (apt-get install postgresql)' };
  const dir = tempDir('pg');
  const script = join(root, 'scripts', 'throwaway-postgres.sh');
  try {
    const url = execFileSync('bash', [script, 'start', dir.path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    const stop = () => {
      try {
        execFileSync('bash', [script, 'stop', dir.path], { stdio: 'ignore' });
      } catch {
        /* already stopped */
      }
      dir.dispose();
    };
    // Interrupted (Ctrl-C, a CI timeout): the cluster goes with the orchestrator.
    process.once('exit', stop);
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, () => {
        stop();
        process.exit(130);
      });
    return { url, source: `throwaway cluster from ${bin}`, stop };
  } catch (err) {
    dir.dispose();
    return { unavailable: `could not start a throwaway cluster from ${bin}: ${(err as { stderr?: string }).stderr?.trim() || (err as Error).message}` };
  }
}

export const clusterEnv = (c: Cluster): Record<string, string> =>
  'unavailable' in c ? { BENCH_PG_UNAVAILABLE: c.unavailable } : { BENCH_PG_URL: c.url, BENCH_PG_SOURCE: c.source };

export type BenchPostgres = {
  source: string;
  version: string;
  /** A fresh empty database on the server; its URL (with `params` added to the query string). */
  createDatabase(params?: Record<string, string>): Promise<string>;
  dispose(): Promise<void>;
};

/** In a section: the server the orchestrator handed over. */
export async function benchPostgres(): Promise<BenchPostgres | { unavailable: string }> {
  const url = process.env.BENCH_PG_URL ?? process.env.REVIEW_BOT_BENCH_PG_URL ?? '';
  if (!url) return { unavailable: process.env.BENCH_PG_UNAVAILABLE ?? 'no PostgreSQL server was handed to this section' };
  const source = process.env.BENCH_PG_SOURCE ?? 'REVIEW_BOT_BENCH_PG_URL';
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
  } catch (err) {
    return { unavailable: `cannot connect to ${source}: ${(err as Error).message}` };
  }
  const version = String((await admin.query('SHOW server_version')).rows[0]?.server_version ?? '?');
  const made: string[] = [];
  let n = 0;
  return {
    source,
    version,
    createDatabase: async (params = {}) => {
      const name = `review_bot_bench_${process.pid}_${++n}`;
      await admin.query(`CREATE DATABASE ${name}`); // a generated identifier, not input
      made.push(name);
      const u = new URL(url);
      u.pathname = `/${name}`;
      for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
      return u.toString();
    },
    dispose: async () => {
      for (const name of made) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    },
  };
}
