// What the figures were measured on: numbers from a 2-core shared VM and a laptop are not comparable.

import { execFile } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';

/** MachineInfo is recorded next to every result. */
export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  totalMemMiB: number;
  os: string;
  node: string;
  registry: string;
  skopeo: string;
  curl: string;
  git: string;
  /** loadAvgAtStart is the 1/5/15-minute load average before the first run: high means noisy figures. */
  loadAvgAtStart: number[];
}

// A program's output, or null: a missing tool or version must not stop a bench.
function output(file: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 10_000 }, (error, stdout) => resolve(error ? null : stdout));
  });
}

async function firstLine(file: string, args: string[]): Promise<string> {
  const text = await output(file, args);
  return text?.split('\n')[0]?.trim() || 'unknown';
}

/** machineInfo collects CPU, memory, OS and tool versions, and the commit the bench ran on. */
export async function machineInfo(cwd: string): Promise<MachineInfo> {
  const [registry, skopeo, curl, commit, dirty] = await Promise.all([
    firstLine('docker-registry', ['--version']),
    firstLine('skopeo', ['--version']),
    firstLine('curl', ['--version']),
    firstLine('git', ['-C', cwd, 'rev-parse', '--short', 'HEAD']),
    output('git', ['-C', cwd, 'status', '--porcelain']),
  ]);
  const cpuList = cpus();
  return {
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model ?? 'unknown',
    totalMemMiB: Math.round(totalmem() / 1024 / 1024),
    os: `${process.platform} ${release()}`,
    node: process.version,
    registry,
    skopeo,
    curl,
    // "+dirty" when the tree has uncommitted changes: the commit alone does not say what was measured.
    git: commit === 'unknown' ? commit : `${commit}${dirty?.trim() ? '+dirty' : ''}`,
    loadAvgAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
