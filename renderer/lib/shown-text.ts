// Text written by whoever pushed an image or sent an event (tag and repository names, labels, env,
// history, actors) is drawn on screen through these helpers: bidi overrides and control characters show
// as `\u202e`, `\x1b`… (shared/safe-text.ts), so `invoice‮gnp.exe` cannot pass for `invoiceexe.png`, and
// a value tens of thousands of characters long is cut to a size a layout can hold, the rest on demand.

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
  // Most values are short: answer them without splitting into code points.
  if (text.length <= limit) return { text: shownText(text, opts), clipped: false, length: codePoints(text) };
  const points = Array.from(text);
  if (points.length <= limit) return { text: shownText(text, opts), clipped: false, length: points.length };
  return {
    text: `${shownText(points.slice(0, limit).join(''), opts)}…`,
    clipped: true,
    length: points.length,
  };
}

/** shownTitle is a tooltip for a value: made visible and capped at TITLE_LIMIT characters. */
export function shownTitle(text: string): string {
  return clipText(text, TITLE_LIMIT).text;
}

function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
