// NameIndex makes a list of tag names ready for a filter pass on every keystroke. The names are lower-cased
// once and joined into one string, so a substring filter is one native `indexOf` scan over ~1 MB instead
// of 100,000 `includes` calls; a filter that extends the one before (`1.4` → `1.42`) only re-tests the
// names the shorter one kept; the last few results are remembered, so Backspace costs nothing; a glob
// walks only the names that hold its longest literal run. Results are positions in the name list, in
// list order (an Int32Array), for tag-order.ts to put in the table's order.

import {
  globLiteral,
  globMatchesLower,
  matchesEverything,
  type PlainRegex,
  plainRegex,
  type TagFilter,
} from '../../shared/tag-filter';
import { isVersionTag } from '../../shared/version';

/** SEPARATOR joins the lower-cased names; a needle holding it is searched name by name instead. */
const SEPARATOR = '\n';
/** RECENT is how many filter results are remembered (typing forward and back within one word). */
const RECENT = 12;

/** Remembered is one filter's result: the substring or glob it looked for (to refine from), and its positions. */
interface Remembered {
  needle: string | null;
  glob: string | null;
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
  private every: Int32Array | null = null;
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
    const key = resultKey(filter);
    const known = this.recent.get(key);
    if (known) {
      this.recent.delete(key);
      this.recent.set(key, known);
      return known.positions;
    }
    const positions = this.find(filter);
    this.remember(key, { needle: filter.needle, glob: filter.glob, positions });
    return positions;
  }

  /** remember keeps a result among the last RECENT, as the newest. */
  private remember(key: string, result: Remembered): void {
    this.recent.delete(key);
    this.recent.set(key, result);
    if (this.recent.size > RECENT) this.recent.delete(this.recent.keys().next().value!);
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
    const { needle, glob, literal, regex } = filter;
    if (needle !== null) return this.holding(needle);
    if (glob !== null) return this.keep(this.globCandidates(glob), globTest(glob));
    const candidates = literal === null ? null : this.holding(literal);
    if (regex === null) return this.keep(candidates, { kind: 'matches', matches: filter.matches });
    const plain = plainRegex(regex);
    return this.keep(candidates, plain ? plainTest(plain) : { kind: 'regex', regex });
  }

  /**
   * holding lists the names holding `needle`: by refining the smallest remembered result of a substring
   * inside it, else by a search of the whole text, remembered as that substring's result (so a glob or
   * an expression built on the same text, typed next, starts from it).
   */
  private holding(needle: string): Int32Array {
    let wider: Remembered | null = null;
    for (const r of this.recent.values()) {
      if (r.needle === null || !needle.includes(r.needle)) continue;
      if (wider === null || r.positions.length < wider.positions.length) wider = r;
    }
    if (wider?.needle === needle) return wider.positions;
    if (wider) return this.keep(wider.positions, { kind: 'includes', text: needle, lowered: true });
    const found = this.search(needle);
    this.remember(substringKey(needle), { needle, glob: null, positions: found });
    return found;
  }

  /**
   * globCandidates are the names a glob may keep, to walk: the result of a glob it extends past a star
   * (every name `1.*5` keeps, `1.*` kept), or the names holding its longest literal run, whichever is fewer.
   */
  private globCandidates(glob: string): Int32Array | null {
    let extended: Int32Array | null = null;
    for (const r of this.recent.values()) {
      if (r.glob === null || !r.glob.endsWith('*') || !glob.startsWith(r.glob)) continue;
      if (extended === null || r.positions.length < extended.length) extended = r.positions;
    }
    const literal = globLiteral(glob);
    const holding = literal === '' ? null : this.holding(literal);
    if (extended === null || (holding !== null && holding.length < extended.length)) return holding;
    return extended;
  }

  /** search finds the names holding `needle` with indexOf over the joined text, name by name in order. */
  private search(needle: string): Int32Array {
    if (needle.includes(SEPARATOR)) return this.keep(null, { kind: 'includes', text: needle, lowered: true });
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

  /**
   * keep lists the positions among `candidates` (null: all) whose names pass `test`. Each kind of test has
   * a loop of its own with no call through a closure per name: in Chromium one shared loop handed a
   * different closure at each keystroke ran its first passes several times slower (and unevenly so).
   */
  private keep(candidates: Int32Array | null, test: NameTest): Int32Array {
    const at = candidates ?? this.everyPosition();
    const found = new Int32Array(at.length);
    let n = 0;
    if (test.kind === 'regex') {
      const { regex } = test;
      for (let k = 0; k < at.length; k++) if (regex.test(this.names[at[k]!]!)) found[n++] = at[k]!;
    } else if (test.kind === 'stars') {
      const { parts } = test;
      for (let k = 0; k < at.length; k++) if (starsMatch(parts, this.lower[at[k]!]!)) found[n++] = at[k]!;
    } else if (test.kind === 'glob') {
      const { glob } = test;
      for (let k = 0; k < at.length; k++)
        if (globMatchesLower(glob, this.lower[at[k]!]!)) found[n++] = at[k]!;
    } else if (test.kind === 'matches') {
      const { matches } = test;
      for (let k = 0; k < at.length; k++) if (matches(this.names[at[k]!]!)) found[n++] = at[k]!;
    } else {
      const names = test.lowered ? this.lower : this.names;
      const { text } = test;
      if (test.kind === 'includes') {
        for (let k = 0; k < at.length; k++) if (names[at[k]!]!.includes(text)) found[n++] = at[k]!;
      } else if (test.kind === 'startsWith') {
        for (let k = 0; k < at.length; k++) if (names[at[k]!]!.startsWith(text)) found[n++] = at[k]!;
      } else if (test.kind === 'endsWith') {
        for (let k = 0; k < at.length; k++) if (names[at[k]!]!.endsWith(text)) found[n++] = at[k]!;
      } else {
        for (let k = 0; k < at.length; k++) if (names[at[k]!] === text) found[n++] = at[k]!;
      }
    }
    // Kept every candidate (`1.*` after `1.`): the same array, so the table's order of it is reused too.
    if (candidates !== null && n === candidates.length) return candidates;
    return found.slice(0, n);
  }

  /** everyPosition is 0, 1, … count − 1: the candidates of a pass over every name. */
  private everyPosition(): Int32Array {
    if (this.every === null) {
      this.every = new Int32Array(this.count);
      for (let i = 0; i < this.count; i++) this.every[i] = i;
    }
    return this.every;
  }
}

/** substringKey names a substring's remembered result: by the lower-cased needle, as holding finds it. */
function substringKey(needle: string): string {
  return `substring:${needle}`;
}

/**
 * resultKey names a filter's remembered result: two filters with one key keep the same names (`BRANCH` and
 * `branch` share the substring's result; expressions, whose case matters, go by their query).
 */
function resultKey(filter: TagFilter): string {
  return filter.needle !== null ? substringKey(filter.needle) : `${filter.kind}:${filter.query}`;
}

/**
 * NameTest is how keep tests a name: text against the name (lower-cased or as it is), a glob of stars
 * alone (starsMatch), any glob (the walk), an expression, or the filter's own test.
 */
type NameTest =
  | { kind: 'includes' | 'startsWith' | 'endsWith' | 'equals'; text: string; lowered: boolean }
  | { kind: 'stars'; parts: readonly string[] }
  | { kind: 'glob'; glob: string }
  | { kind: 'regex'; regex: RegExp }
  | { kind: 'matches'; matches: (name: string) => boolean };

/** plainTest is the test of an expression that is only text: exactly what the expression matches. */
function plainTest({ text, start, end }: PlainRegex): NameTest {
  const kind = start ? (end ? 'equals' : 'startsWith') : end ? 'endsWith' : 'includes';
  return { kind, text, lowered: false };
}

/**
 * globTest is how keep tests a lower-cased glob. A glob of stars alone (`1.*`, `1.*5`, `*-rc*`) is its
 * literal runs found in order (starsMatch); a `?` takes the walk.
 */
function globTest(glob: string): NameTest {
  if (glob.includes('?') || !glob.includes('*')) return { kind: 'glob', glob };
  return { kind: 'stars', parts: glob.split('*') };
}

/**
 * starsMatch says whether `name` matches a glob of stars alone, split at its stars: the first run at the
 * start, the last at the end, the others leftmost in between (with stars alone, leftmost is enough).
 */
function starsMatch(parts: readonly string[], name: string): boolean {
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!name.startsWith(first)) return false;
  let at = first.length;
  for (let p = 1; p < parts.length - 1; p++) {
    const found = name.indexOf(parts[p]!, at);
    if (found === -1) return false;
    at = found + parts[p]!.length;
  }
  return name.length - last.length >= at && name.endsWith(last);
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
