// Sums a Chromium timeline trace (Playwright's browser.startTracing, category devtools.timeline) by event
// name on the renderer's main thread: how much of a window went to style, layout, paint and script.

/** TraceEvent is the part of a trace event the summary reads. */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

/** NAMES are the main-thread events worth a line; nested ones (Layout inside FunctionCall) count in both. */
const NAMES = [
  'RunTask',
  'FunctionCall',
  'EvaluateScript',
  'TimerFire',
  'FireAnimationFrame',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'UpdateLayer',
  'CompositeLayers',
  'ParseHTML',
  'MinorGC',
  'MajorGC',
  'HitTest',
];

/** summarizeTrace prints milliseconds and counts per event name on the renderer's main thread. */
export function summarizeTrace(trace: { traceEvents: TraceEvent[] }): string {
  const events = trace.traceEvents;
  const main = events.find(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  if (!main) return '  (no renderer main thread in the trace)';
  const sums = new Map<string, { ms: number; n: number }>();
  for (const e of events) {
    if (e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X' || !NAMES.includes(e.name)) continue;
    const s = sums.get(e.name) ?? { ms: 0, n: 0 };
    s.ms += (e.dur ?? 0) / 1000;
    s.n++;
    sums.set(e.name, s);
  }
  return [...sums.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([name, s]) => `  ${name.padEnd(20)} ${Math.round(s.ms)} ms in ${s.n}`)
    .join('\n');
}
