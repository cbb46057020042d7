import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';

export type Machine = {
  cpu: string;
  cores: number;
  memory_gb: number;
  os: string;
  node: string;
  sqlite: string | null;
  botbuilder: string | null;
  /** 1-minute load average when the run started: other work on the machine skews every number. */
  load_avg_1m: number;
};

const version = (pkg: string, root: string): string | null => {
  try {
    return (JSON.parse(readFileSync(`${root}/node_modules/${pkg}/package.json`, 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
};

export function describeMachine(root: string, sqliteVersion: string | null): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memory_gb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    sqlite: sqliteVersion,
    botbuilder: version('botbuilder-dialogs', root),
    load_avg_1m: Math.round(loadavg()[0]! * 100) / 100,
  };
}
