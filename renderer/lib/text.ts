// Small helpers for writing numbers and counts the way people read them.

import { nounFor } from '../../shared/plural';

const numberFormat = new Intl.NumberFormat('en-US');

/** formatCount writes a count with thousands separators: 2,008. */
export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** countOf writes a count with its noun, singular or plural: "1 tag", "2,008 repositories". */
export function countOf(n: number, singular: string, plural: string): string {
  return `${formatCount(n)} ${nounFor(n, singular, plural)}`;
}
