// Text written by whoever pushed an image or sent an event (tag and repository names, labels, env,
// history, actors) is drawn on screen through these helpers: bidi overrides and control characters show
// as `\u202e`, `\x1b`… (shared/safe-text.ts), so `invoice‮gnp.exe` cannot pass for `invoiceexe.png`, and
// a value tens of thousands of characters long is cut to a size a layout can hold, the rest on demand.

import { codePointWidth } from '../../shared/code-points';
import { andMore } from '../../shared/plural';
import { visibleText } from '../../shared/safe-text';

/** LONG_TEXT_LIMIT is how many characters of a value show before "Show all": about six lines of the details panel. */
export const LONG_TEXT_LIMIT = 400;

/** TITLE_LIMIT caps a tooltip: Chromium draws a 40,000-character title as a box taller than the screen. */
export const TITLE_LIMIT = 1000;

/** ShownTextOptions: keepNewlines for fields laid out in lines (history, label values). */
export interface ShownTextOptions {
  keepNewlines?: boolean;
}

/** shownText is a registry- or event-supplied string as it may be drawn: controls and bidi overrides made visible. */
export function shownText(text: string, opts: ShownTextOptions = {}): string {
  return visibleText(text, opts);
}

/** ClippedText is a value cut to a limit: the start to draw, whether anything was cut, and the full length. */
export interface ClippedText {
  text: string;
  clipped: boolean;
  /** length counts characters as people do (code points), for "40,000 characters". */
  length: number;
}

/**
 * clipText cuts text to at most `limit` characters (code points, so an emoji is never split) and makes
 * what is kept visible; the cut is made before escaping, so a limit of 400 never shows less than 400
 * characters of the value. An ellipsis marks a cut.
 */
export function clipText(text: string, limit: number, opts: ShownTextOptions = {}): ClippedText {
  // Most values are short: answer them without walking their code points.
  if (text.length <= limit) return { text: shownText(text, opts), clipped: false, length: codePoints(text) };
  // Walk to the limit's code point only (no array of every character: titles run to thousands).
  let cut = 0;
  for (let n = 0; n < limit && cut < text.length; n++) cut += codePointWidth(text, cut);
  if (cut >= text.length) return { text: shownText(text, opts), clipped: false, length: codePoints(text) };
  return { text: `${shownText(text.slice(0, cut), opts)}…`, clipped: true, length: codePoints(text) };
}

/** shownTitle is a tooltip for a value: made visible and capped at TITLE_LIMIT characters. */
export function shownTitle(text: string): string {
  return clipText(text, TITLE_LIMIT).text;
}

/**
 * shownTitleList is a tooltip listing names: as many whole names as fit in TITLE_LIMIT characters, then how
 * many more. An image tagged 300 times lists a few hundred, not a 3,000-character join cut mid-name, and
 * the join is never built whole for every row drawn.
 */
export function shownTitleList(names: readonly string[], separator = ', '): string {
  let out = '';
  for (let i = 0; i < names.length; i++) {
    const next = i === 0 ? names[i]! : `${separator}${names[i]!}`;
    if (out.length + next.length > TITLE_LIMIT) {
      // Even the first name is too long: cut it, and still count the rest.
      return i === 0
        ? `${shownTitle(names[0]!)}${andMore(names.length - 1)}`
        : `${shownText(out)}${andMore(names.length - i)}`;
    }
    out += next;
  }
  return shownText(out);
}

function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i += codePointWidth(text, i)) n++;
  return n;
}
