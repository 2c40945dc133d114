// Counts written as people read them: "1 layer", "3 layers", never "1 layers". One helper for every front.

/** nounFor picks the singular or plural form of a noun for a count: nounFor(1, 'layer') is "layer". */
export function nounFor(n: number, singular: string, many = `${singular}s`): string {
  return n === 1 ? singular : many;
}

/** plural writes a count with its noun: plural(1, 'layer') is "1 layer", plural(2, 'entry', 'entries') "2 entries". */
export function plural(n: number, singular: string, many = `${singular}s`): string {
  return `${n} ${nounFor(n, singular, many)}`;
}

/** andMore writes how many a list left out, " (+1,234 more)", or nothing when it left out none. */
export function andMore(n: number): string {
  return n > 0 ? ` (+${n.toLocaleString('en-US')} more)` : '';
}
