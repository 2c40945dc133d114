// Reads a V8 CPU profile (Chrome DevTools' .cpuprofile, also what `node --cpu-prof` writes) into the few
// lines a bench report needs: where the self time went, over the whole profile or its last stretch.

/** CpuProfile is the part of a .cpuprofile a summary reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** SelfTime is one function's share of the samples. */
export interface SelfTime {
  name: string;
  ms: number;
  share: number;
}

function label(frame: CpuProfile['nodes'][number]['callFrame']): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const file = frame.url.split('/').at(-1)?.split('?')[0] ?? frame.url;
  return `${name} ${file}:${frame.lineNumber + 1}`;
}

/**
 * topSelf lists the functions with the most self time, largest first; `lastMs` keeps only the samples of
 * the profile's last `lastMs` (the measured window when the profile ran past it).
 */
export function topSelf(profile: CpuProfile, count = 15, lastMs = Number.POSITIVE_INFINITY): SelfTime[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, label(n.callFrame)]));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const from = profile.endTime - lastMs * 1000;
  const ms = new Map<string, number>();
  let t = profile.startTime;
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    t += deltas[i] ?? 0;
    // A sample's time is the gap to the next one (the last one gets the average).
    const next = deltas[i + 1] ?? (profile.endTime - profile.startTime) / Math.max(1, samples.length);
    if (t < from) continue;
    const name = byId.get(samples[i]!) ?? '?';
    ms.set(name, (ms.get(name) ?? 0) + next / 1000);
    total += next / 1000;
  }
  return [...ms.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, v]) => ({ name, ms: Math.round(v), share: total > 0 ? v / total : 0 }));
}

/** formatTop prints topSelf's lines, one per function. */
export function formatTop(top: readonly SelfTime[]): string {
  return top.map((s) => `  ${(s.share * 100).toFixed(1).padStart(5)} %  ${s.ms} ms  ${s.name}`).join('\n');
}
