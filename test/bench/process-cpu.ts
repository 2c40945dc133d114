// CPU seconds per process group, read from /proc: the benches that ask "what did the UI path cost the
// machine" (issue 11: every CPU second Chromium and `berth ui` spend is taken from the registry on 2 cores).

import { readdirSync, readFileSync } from 'node:fs';

/** CLOCK_TICKS is Linux's USER_HZ, the unit of utime/stime in /proc/<pid>/stat. */
const CLOCK_TICKS = 100;

/** ProcStat is what one /proc/<pid>/stat line tells a bench. */
interface ProcStat {
  pid: number;
  comm: string;
  ppid: number;
  /** cpu is user + system seconds, all threads. */
  cpu: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const line = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may hold spaces and parentheses: the fields after it start after the last ')'.
    const close = line.lastIndexOf(')');
    const comm = line.slice(line.indexOf('(') + 1, close);
    const f = line.slice(close + 2).split(' ');
    // f[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
    return { pid, comm, ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / CLOCK_TICKS };
  } catch {
    return null; // gone meanwhile
  }
}

/** descendants lists every live process below `root` (not `root` itself). */
function descendants(root: number): ProcStat[] {
  const all = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => readStat(Number(d)))
    .filter((s): s is ProcStat => s !== null);
  const below = new Set([root]);
  const out: ProcStat[] = [];
  // Parents have lower pids mostly, but not always (pid wrap): loop until nothing new joins.
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of all) {
      if (!below.has(s.pid) && below.has(s.ppid)) {
        below.add(s.pid);
        out.push(s);
        grew = true;
      }
    }
  }
  return out;
}

/** CpuGroups is CPU seconds by group name at one moment; keys by process id too, so a delta skips exits. */
export type CpuSample = Map<number, { group: string; cpu: number }>;

/** sampleCpu reads the CPU seconds of every process below this one, grouped by `classify` (null skips). */
export function sampleCpu(classify: (s: { pid: number; comm: string }) => string | null): CpuSample {
  const out: CpuSample = new Map();
  for (const s of descendants(process.pid)) {
    const group = classify(s);
    if (group !== null) out.set(s.pid, { group, cpu: s.cpu });
  }
  return out;
}

/** cpuDelta sums, per group, the CPU seconds spent between two samples (processes started meanwhile count whole). */
export function cpuDelta(before: CpuSample, after: CpuSample): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [pid, a] of after) {
    const spent = a.cpu - (before.get(pid)?.cpu ?? 0);
    out[a.group] = (out[a.group] ?? 0) + spent;
  }
  return out;
}
