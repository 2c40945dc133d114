// Instant, case-insensitive substring filtering over thousands of names. The lower-cased copies are
// computed once per list (not per keystroke), so a keystroke costs one `includes` per name.

/** FilterIndex holds names with their lower-cased forms, built once per list. */
export interface FilterIndex {
  names: readonly string[];
  lower: readonly string[];
}

/** buildFilterIndex prepares a list of names for repeated filtering. */
export function buildFilterIndex(names: readonly string[]): FilterIndex {
  return { names, lower: names.map((n) => n.toLowerCase()) };
}

/** filterIndex returns the positions of the names containing query (case-insensitive); all of them when it is blank. */
export function filterIndex(index: FilterIndex, query: string): number[] {
  const q = query.trim().toLowerCase();
  const out: number[] = [];
  const { lower } = index;
  if (q === '') {
    for (let i = 0; i < lower.length; i++) out.push(i);
    return out;
  }
  for (let i = 0; i < lower.length; i++) if (lower[i]!.includes(q)) out.push(i);
  return out;
}
