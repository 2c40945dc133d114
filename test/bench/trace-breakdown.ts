// Where a timed span's time went, read from a Chromium trace (devtools.timeline + blink.user_timing) of the
// renderer: for each measure of one name (e.g. a filter keystroke, keydown → rows committed), the time it
// waited before its own keydown ran, the time its own input events took (the filter pass and React's
// render run inside them), and what other tasks ran meanwhile (digest batches, frames), by kind: script,
// style, layout, paint, GC. Self time of the innermost event, so nested events are not counted twice.

/** TraceEvent is the part of a Chromium trace event the breakdown reads. */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** tdur is the thread's CPU time in the event: on a loaded machine, less than dur. */
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  id2?: { local?: string };
  args?: { name?: string; data?: { type?: string } };
}

/** Kind is what a slice of main-thread time was spent on. */
type Kind = 'script' | 'style' | 'layout' | 'paint' | 'gc' | 'other';

const KINDS: readonly Kind[] = ['script', 'style', 'layout', 'paint', 'gc', 'other'];
const STYLE = new Set([
  'UpdateLayoutTree',
  'RecalculateStyles',
  'ParseAuthorStyleSheet',
  'ScheduleStyleRecalculation',
]);
const LAYOUT = new Set(['Layout', 'InvalidateLayout']);
const PAINT = new Set([
  'Paint',
  'PrePaint',
  'Layerize',
  'UpdateLayer',
  'CompositeLayers',
  'Commit',
  'PaintImage',
]);
const KEY_EVENTS = new Set(['keydown', 'keypress', 'keyup', 'input', 'beforeinput', 'textInput']);

function kindOf(name: string): Kind {
  if (STYLE.has(name)) return 'style';
  if (LAYOUT.has(name)) return 'layout';
  if (PAINT.has(name)) return 'paint';
  if (/GC/.test(name)) return 'gc';
  if (name === 'RunTask' || name === 'ThreadControllerImpl::RunTask') return 'other';
  return 'script';
}

/** Segment is a stretch of main-thread time spent in one innermost event, under one top-level event. */
interface Segment {
  from: number;
  to: number;
  kind: Kind;
  /** ownKey: the top-level event is a keyboard or input event (the keystroke's own handling). */
  ownKey: boolean;
}

/** segments flattens nested complete events into innermost-event stretches, in time order. */
function segments(events: readonly TraceEvent[]): Segment[] {
  const sorted = [...events].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const out: Segment[] = [];
  const stack: { e: TraceEvent; end: number; ownKey: boolean }[] = [];
  let cursor = 0;
  const emit = (to: number) => {
    const top = stack.at(-1);
    if (top && to > cursor) out.push({ from: cursor, to, kind: kindOf(top.e.name), ownKey: top.ownKey });
    cursor = Math.max(cursor, to);
  };
  const popUntil = (t: number) => {
    while (stack.length > 0 && stack.at(-1)!.end <= t) {
      emit(stack.at(-1)!.end);
      stack.pop();
    }
  };
  for (const e of sorted) {
    popUntil(e.ts);
    emit(e.ts);
    cursor = e.ts;
    const ownKey = (stack.at(-1)?.ownKey ?? false) || isKeyDispatch(e);
    stack.push({ e, end: e.ts + (e.dur ?? 0), ownKey });
  }
  popUntil(Number.POSITIVE_INFINITY);
  return out;
}

/** topLevel keeps the events no other event encloses (the thread's tasks), in time order. */
function topLevel(events: readonly TraceEvent[]): TraceEvent[] {
  const sorted = [...events].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const out: TraceEvent[] = [];
  let end = Number.NEGATIVE_INFINITY;
  for (const e of sorted) {
    if (e.ts < end) continue;
    out.push(e);
    end = e.ts + (e.dur ?? 0);
  }
  return out;
}

function isKeyDispatch(e: TraceEvent): boolean {
  return e.name === 'EventDispatch' && KEY_EVENTS.has(e.args?.data?.type ?? '');
}

/** measures pairs the user-timing begin/end events of one measure name: [start, end] in trace µs. */
function measures(events: readonly TraceEvent[], name: string): { pid: number; from: number; to: number }[] {
  const open = new Map<string, TraceEvent>();
  const out: { pid: number; from: number; to: number }[] = [];
  for (const e of events) {
    if (e.name !== name || !e.cat.includes('user_timing')) continue;
    const id = `${e.pid}:${e.id ?? e.id2?.local ?? ''}`;
    if (e.ph === 'b') open.set(id, e);
    else if (e.ph === 'e' && open.has(id)) {
      out.push({ pid: e.pid, from: open.get(id)!.ts, to: e.ts });
      open.delete(id);
    } else if (e.ph === 'X') out.push({ pid: e.pid, from: e.ts, to: e.ts + (e.dur ?? 0) });
  }
  return out.sort((a, b) => a.from - b.from);
}

/** keystrokeBreakdown prints, for each measure named `name`, where its time went, and the sums over all. */
export function keystrokeBreakdown(events: readonly TraceEvent[], name: string): string {
  const spans = measures(events, name);
  if (spans.length === 0) return `trace: no '${name}' measures found`;
  const pid = spans[0]!.pid;
  const main = events.find(
    (e) => e.pid === pid && e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  )?.tid;
  const onMain = events.filter((e) => e.pid === pid && e.tid === main && e.ph === 'X' && e.dur !== undefined);
  const segs = segments(onMain);
  const tops = topLevel(onMain);
  const firstKeyAt = onMain.filter(isKeyDispatch).map((e) => e.ts);
  const lines: string[] = [];
  const sums: Record<string, number> = {};
  const add = (row: Record<string, number>) => {
    for (const [k, v] of Object.entries(row)) sums[k] = (sums[k] ?? 0) + v;
  };
  for (const span of spans) {
    const ownStart = firstKeyAt.find((t) => t >= span.from && t <= span.to) ?? span.to;
    const row: Record<string, number> = { total: span.to - span.from, queued: ownStart - span.from };
    let busy = 0;
    for (const s of segs) {
      const from = Math.max(s.from, span.from);
      const to = Math.min(s.to, span.to);
      if (to <= from) continue;
      const key = `${s.ownKey ? 'key' : 'other'}.${s.kind}`;
      row[key] = (row[key] ?? 0) + (to - from);
      busy += to - from;
    }
    row['idle'] = row['total']! - busy;
    // CPU time (thread time) of the tasks in the span, the keystroke's own and the others': the load of a
    // shared machine stretches the wall times above, much less these.
    for (const e of tops) {
      const end = e.ts + e.dur!;
      if (end <= span.from || e.ts >= span.to || e.dur === 0) continue;
      const share = (Math.min(end, span.to) - Math.max(e.ts, span.from)) / e.dur!;
      const key = isKeyDispatch(e) ? 'cpu.key' : 'cpu.other';
      row[key] = (row[key] ?? 0) + (e.tdur ?? e.dur!) * share;
    }
    add(row);
    lines.push(formatRow(row));
  }
  lines.push(`sum over ${spans.length} keys: ${formatRow(sums)}`);
  return `keystroke breakdown (ms of wall time; key.* = the keystroke's own input events, other.* = other tasks meanwhile; cpu.* = their thread CPU time):\n${lines.join('\n')}`;
}

function formatRow(row: Record<string, number>): string {
  const order = [
    'total',
    'queued',
    ...KINDS.map((k) => `key.${k}`),
    ...KINDS.map((k) => `other.${k}`),
    'idle',
    'cpu.key',
    'cpu.other',
  ];
  return order
    .filter((k) => (row[k] ?? 0) >= 50)
    .map((k) => `${k} ${(row[k]! / 1000).toFixed(1)}`)
    .join(' · ');
}

/** CpuProfile is the part of a V8 CPU profile topFunctions reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** topFunctions lists the functions with the most self time in a CPU profile, with their share. */
export function topFunctions(profile: CpuProfile, count = 15): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const f = byId.get(profile.samples[i]!)?.callFrame;
    const key = f ? `${f.functionName || '(anonymous)'} ${f.url.split('/').at(-1)}:${f.lineNumber}` : '?';
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([k, us]) => `${(us / 1000).toFixed(1)} ms (${((100 * us) / total).toFixed(1)} %) ${k}`)
    .join('\n');
}
