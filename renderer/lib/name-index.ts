// NameIndex makes a list of tag names ready for a filter pass on every keystroke. The names are lower-cased
// once and joined into one string, so a substring filter is one native `indexOf` scan over ~1 MB instead
// of 100,000 `includes` calls; a filter that extends the one before (`1.4` → `1.42`) only re-tests the
// names the shorter one kept; the last few results are remembered, so Backspace costs nothing; a glob
// walks only the names that hold its longest literal run. Results are positions in the name list, in
// list order (an Int32Array), for tag-order.ts to put in the table's order.

import { globLiteral, globMatchesLower, matchesEverything, type TagFilter } from '../../shared/tag-filter';
import { isVersionTag } from '../../shared/version';

/** SEPARATOR joins the lower-cased names; a needle holding it is searched name by name instead. */
const SEPARATOR = '\n';
/** RECENT is how many filter results are remembered (typing forward and back within one word). */
const RECENT = 8;

/** Remembered is one filter's result: the substring it looked for (to refine from), and its positions. */
interface Remembered {
  needle: string | null;
  positions: Int32Array;
}

/** NameIndex is one name list prepared for filtering; make one per list (nameIndexOf caches them). */
export class NameIndex {
  /** lower holds the names lower-cased, by position. */
  readonly lower: readonly string[];
  private readonly text: string;
  /** starts[i] is where name i begins in `text`; starts[count] is one past the end. */
  private readonly starts: Int32Array;
  private versionMask: Uint8Array | null = null;
  private readonly recent = new Map<string, Remembered>();

  constructor(
    readonly names: readonly string[],
    /** lowered is the names already lower-cased (LoweredNames, a slice at a time); made here when absent. */
    lowered: LoweredNames = new LoweredNames(names),
  ) {
    lowered.step(names.length);
    this.lower = lowered.lower;
    this.starts = lowered.starts;
    this.text = lowered.lower.join(SEPARATOR);
  }

  /** count is how many names there are. */
  get count(): number {
    return this.names.length;
  }

  /** matching lists the positions (ascending) of the names the filter keeps, or null when it keeps all. */
  matching(filter: TagFilter): Int32Array | null {
    if (matchesEverything(filter)) return null;
    const key = `${filter.kind}:${filter.query}`;
    const known = this.recent.get(key);
    if (known) {
      this.recent.delete(key);
      this.recent.set(key, known);
      return known.positions;
    }
    const positions = this.find(filter);
    this.recent.set(key, { needle: filter.needle, positions });
    if (this.recent.size > RECENT) this.recent.delete(this.recent.keys().next().value!);
    return positions;
  }

  /** versions marks, by position, the names that are versions (the versions chip); read once per list. */
  versions(): Uint8Array {
    if (this.versionMask === null) {
      const mask = new Uint8Array(this.count);
      for (let i = 0; i < this.count; i++) mask[i] = isVersionTag(this.names[i]!) ? 1 : 0;
      this.versionMask = mask;
    }
    return this.versionMask;
  }

  private find(filter: TagFilter): Int32Array {
    const { needle, glob } = filter;
    if (needle !== null) {
      const wider = this.widerThan(needle);
      return wider ? this.keep(wider, (i) => this.lower[i]!.includes(needle)) : this.search(needle);
    }
    if (glob !== null) {
      const literal = globLiteral(glob);
      const candidates = literal === '' ? null : this.search(literal);
      return this.keep(candidates, (i) => globMatchesLower(glob, this.lower[i]!));
    }
    return this.keep(null, (i) => filter.matches(this.names[i]!));
  }

  /** widerThan finds the smallest remembered substring result whose needle lies inside `needle`. */
  private widerThan(needle: string): Int32Array | null {
    let best: Int32Array | null = null;
    for (const r of this.recent.values()) {
      if (r.needle === null || !needle.includes(r.needle)) continue;
      if (best === null || r.positions.length < best.length) best = r.positions;
    }
    return best;
  }

  /** search finds the names holding `needle` with indexOf over the joined text, name by name in order. */
  private search(needle: string): Int32Array {
    if (needle.includes(SEPARATOR)) return this.keep(null, (i) => this.lower[i]!.includes(needle));
    const { text, starts } = this;
    const found = new Int32Array(this.count);
    let n = 0;
    let name = 0;
    let at = text.indexOf(needle);
    while (at !== -1) {
      while (starts[name + 1]! <= at) name++;
      found[n++] = name;
      at = text.indexOf(needle, starts[name + 1]!);
    }
    return found.slice(0, n);
  }

  /** keep lists the positions among `candidates` (null: all) that pass `test`, in one preallocated array. */
  private keep(candidates: Int32Array | null, test: (i: number) => boolean): Int32Array {
    const total = candidates === null ? this.count : candidates.length;
    const found = new Int32Array(total);
    let n = 0;
    for (let k = 0; k < total; k++) {
      const i = candidates === null ? k : candidates[k]!;
      if (test(i)) found[n++] = i;
    }
    return found.slice(0, n);
  }
}

/**
 * LoweredNames is the slow part of a NameIndex (lower-casing 100,000 names and noting where each starts)
 * done a slice at a time, so it can run while digests arrive without holding a keystroke up for long.
 */
class LoweredNames {
  readonly lower: string[];
  readonly starts: Int32Array;
  /** done is how many names are lower-cased so far; at is where the next one starts. */
  done = 0;
  private at = 0;

  constructor(private readonly names: readonly string[]) {
    this.lower = new Array<string>(names.length);
    this.starts = new Int32Array(names.length + 1);
  }

  /** step lower-cases the names up to `until` (exclusive); true once every name is. */
  step(until: number): boolean {
    const { names, lower, starts } = this;
    const end = Math.min(until, names.length);
    let at = this.at;
    for (let i = this.done; i < end; i++) {
      const l = names[i]!.toLowerCase();
      lower[i] = l;
      starts[i] = at;
      at += l.length + SEPARATOR.length;
    }
    this.at = at;
    this.done = Math.max(this.done, end);
    if (this.done < names.length) return false;
    starts[names.length] = at;
    return true;
  }
}

/** indexes remembers one NameIndex per name list, once it is built. */
const indexes = new WeakMap<readonly string[], NameIndex>();
/** lowering holds the lists being prepared a slice at a time (prepareNameIndex). */
const lowering = new WeakMap<readonly string[], LoweredNames>();

/** nameIndexOf is the NameIndex of a name list, built once per list (finishing a preparation under way). */
export function nameIndexOf(names: readonly string[]): NameIndex {
  let index = indexes.get(names);
  if (!index) {
    index = new NameIndex(names, lowering.get(names));
    indexes.set(names, index);
    lowering.delete(names);
  }
  return index;
}

/** SLICE is how many names one slice of prepareNameIndex lower-cases: about a millisecond's work. */
const SLICE = 4000;

/**
 * prepareNameIndex builds a list's NameIndex ahead of the first keystroke, in slices that each give the
 * browser back its thread (a keystroke or a frame waits at most one slice), so it does not depend on the
 * browser ever being idle: while 100,000 digests arrive it seldom is. Resolves when the index is ready
 * or the signal aborts; a keystroke that comes first finishes the rest itself (nameIndexOf).
 */
export async function prepareNameIndex(names: readonly string[], signal?: AbortSignal): Promise<void> {
  if (indexes.has(names)) return;
  let lowered = lowering.get(names);
  if (!lowered) {
    lowered = new LoweredNames(names);
    lowering.set(names, lowered);
  }
  while (!signal?.aborted && !indexes.has(names)) {
    if (lowered.step(lowered.done + SLICE)) {
      nameIndexOf(names);
      return;
    }
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
}
