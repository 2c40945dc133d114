// WCAG AA contrast of the theme's colour tokens (renderer/styles/tokens.css), light and dark: each pair
// below is a foreground the app draws on a background, with the ratio WCAG 2.x asks of it (4.5:1 for
// text, 3:1 for large text and for the parts of a control people must see). The tokens are read from
// the stylesheet itself, so a palette change that breaks a pair fails here.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const CSS = readFileSync(new URL('../../renderer/styles/tokens.css', import.meta.url), 'utf8');

/** tokensIn reads `--name: #hex;` declarations from a block of CSS. */
function tokensIn(block: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of block.matchAll(/--([a-z-]+):\s*(#[0-9a-fA-F]{3,6})\s*;/g)) out.set(m[1]!, m[2]!);
  return out;
}

/** themes: light is the first :root block; dark overrides it inside the prefers-color-scheme block. */
function themes(): Record<'light' | 'dark', Map<string, string>> {
  const darkAt = CSS.indexOf('@media (prefers-color-scheme: dark)');
  const light = tokensIn(CSS.slice(0, darkAt));
  const dark = new Map([...light, ...tokensIn(CSS.slice(darkAt))]);
  return { light, dark };
}

function luminance(hex: string): number {
  const h = hex.length === 4 ? [...hex.slice(1)].map((c) => c + c).join('') : hex.slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = Number.parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** contrast is the WCAG contrast ratio of two colours, 1 to 21. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const TEXT = 4.5;
const UI = 3;
const SURFACES = ['surface', 'window', 'surface-sunken', 'sidebar'];
/** FAINT_SURFACES: faint text (placeholders, the histogram axis, pending cells) is never on the sidebar. */
const FAINT_SURFACES = ['surface', 'window', 'surface-sunken'];

/** PAIRS: [foreground token, background token, minimum ratio, where the app draws it]. */
const PAIRS: [string, string, number, string][] = [
  ...SURFACES.flatMap((bg): [string, string, number, string][] => [
    ['text', bg, TEXT, 'body text'],
    ['text-dim', bg, TEXT, 'secondary text, column headers'],
    ['accent', bg, TEXT, 'links, the active sort column, quiet buttons'],
    ['danger', bg, TEXT, 'error sentences, Remove'],
    ['warn', bg, TEXT, 'warnings'],
    ['ok', bg, TEXT, '"Works", copied'],
  ]),
  ...FAINT_SURFACES.map((bg): [string, string, number, string] => [
    'text-faint',
    bg,
    TEXT,
    'placeholders, the histogram axis, pending cells',
  ]),
  ['text', 'selection', TEXT, 'the selected row'],
  ['text-dim', 'selection', TEXT, 'secondary text in the selected row'],
  ['text', 'mark', TEXT, 'the filter’s highlighted match'],
  ['text', 'hover', TEXT, 'a row under the pointer'],
  ['on-accent', 'accent-fill', TEXT, 'primary buttons, pressed chips and segments'],
  ['on-accent', 'accent-fill-hover', TEXT, 'a primary button under the pointer'],
  ['on-danger', 'danger-fill', TEXT, 'the Remove button of a confirmation'],
  ['accent', 'accent-soft', TEXT, 'alias badges, the match count'],
  ['ok', 'ok-soft', TEXT, 'the "new" mark'],
  ['warn', 'warn-soft', TEXT, 'the "moved" mark, the warning banner'],
  ['danger', 'danger-soft', TEXT, 'the error banner'],
  ['focus', 'surface', UI, 'the focus ring'],
  ['focus', 'window', UI, 'the focus ring'],
];

describe.each(['light', 'dark'] as const)('the %s theme', (name) => {
  const tokens = themes()[name];
  it('declares every token the pairs use as a hex colour', () => {
    const missing = [...new Set(PAIRS.flatMap(([fg, bg]) => [fg, bg]))].filter(
      (t) => t !== 'hover' && !tokens.has(t),
    );
    expect(missing).toEqual([]);
  });

  it('meets WCAG AA for every pair', () => {
    const failures = PAIRS.flatMap(([fg, bg, min, where]) => {
      const fgHex = tokens.get(fg)!;
      // --hover is a translucent tint: check the text on the surface darkened (or lightened) by it.
      const bgHex = bg === 'hover' ? hoverOver(tokens.get('surface')!, name) : tokens.get(bg)!;
      const ratio = contrast(fgHex, bgHex);
      return ratio + 1e-9 < min ? [`${fg} on ${bg}: ${ratio.toFixed(2)}:1 < ${min}:1 (${where})`] : [];
    });
    expect(failures).toEqual([]);
  });
});

/** hoverOver mixes the theme's --hover tint over a surface (black 4.5% in light, white 6% in dark). */
function hoverOver(surface: string, theme: 'light' | 'dark'): string {
  const [tint, alpha] = theme === 'light' ? [0, 0.045] : [255, 0.06];
  const h = surface.slice(1);
  const mixed = [0, 2, 4].map((i) =>
    Math.round(Number.parseInt(h.slice(i, i + 2), 16) * (1 - alpha) + tint * alpha)
      .toString(16)
      .padStart(2, '0'),
  );
  return `#${mixed.join('')}`;
}

describe('contrast()', () => {
  it('matches the ratios WCAG publishes', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    // The dark theme's primary button before this fix: white on #3d8bfd.
    expect(contrast('#ffffff', '#3d8bfd')).toBeCloseTo(3.33, 2);
  });
});
