// The renderer's text helpers: what the tags table, the details panel and the Activity timeline draw for
// names and values a registry or an event supplied. A real registry refuses a control character in a tag
// name, so the tag path (a hostile or broken registry answering one anyway) is tested here.
import { describe, expect, it } from 'vitest';
import {
  clipText,
  LONG_TEXT_LIMIT,
  shownText,
  shownTitle,
  shownTitleList,
  TITLE_LIMIT,
} from '../../renderer/lib/shown-text';

describe('shownText', () => {
  it('draws a right-to-left override in a tag name as \\u202e, so `1.0‮lave` cannot pass for another tag', () => {
    expect(shownText('1.0-\u202elave')).toBe('1.0-\\u202elave');
    expect(shownText('v\u2066x\u2069')).toBe('v\\u2066x\\u2069');
  });

  it('leaves ordinary tags, repositories and labels as they are', () => {
    for (const s of ['2.1', 'latest', 'org-00/svc-0000', 'Größe', 'ע', '🚢']) expect(shownText(s)).toBe(s);
  });

  it('keeps line breaks only where the field is laid out in lines', () => {
    expect(shownText('RUN a\nRUN b')).toBe('RUN a\\nRUN b');
    expect(shownText('RUN a\nRUN b', { keepNewlines: true })).toBe('RUN a\nRUN b');
    expect(shownText('a\tb\u202e', { keepNewlines: true })).toBe('a\\tb\\u202e');
  });
});

describe('clipText', () => {
  it('leaves a value within the limit whole', () => {
    expect(clipText('x'.repeat(400), 400)).toEqual({ text: 'x'.repeat(400), clipped: false, length: 400 });
  });

  it('cuts a 40,000-character value to the limit, marks the cut and tells the full length', () => {
    const c = clipText('0123456789abcdef'.repeat(2500), LONG_TEXT_LIMIT);
    expect(c.clipped).toBe(true);
    expect(c.length).toBe(40_000);
    expect(c.text).toBe(`${'0123456789abcdef'.repeat(25)}…`);
  });

  it('counts and cuts by characters, never through an emoji', () => {
    const c = clipText('🚢'.repeat(5), 3);
    expect(c).toEqual({ text: '🚢🚢🚢…', clipped: true, length: 5 });
    expect(clipText('🚢🚢', 3)).toEqual({ text: '🚢🚢', clipped: false, length: 2 });
  });

  it('cuts before escaping: the kept part shows every override it holds', () => {
    const c = clipText(`ab\u202e${'c'.repeat(10)}`, 4);
    expect(c.text).toBe('ab\\u202ec…');
  });
});

describe('shownTitle', () => {
  it('caps a tooltip and makes it visible', () => {
    const t = shownTitle(`\u202e${'a'.repeat(5000)}`);
    expect(t.startsWith('\\u202e')).toBe(true);
    expect(t.endsWith('…')).toBe(true);
    expect(t.length).toBe(TITLE_LIMIT - 1 + '\\u202e'.length + 1);
  });
});

describe('shownTitleList', () => {
  it('lists every name when they fit', () => {
    expect(shownTitleList(['1.0', '1.1', 'qa\u202etesting'])).toBe('1.0, 1.1, qa\\u202etesting');
    expect(shownTitleList([])).toBe('');
  });

  it('lists whole names up to the tooltip limit, then says how many more', () => {
    const names = Array.from({ length: 3000 }, (_, i) => `1.${i}.0`);
    const t = shownTitleList(names);
    const listed = t.replace(/ \(\+[\d,]+ more\)$/, '').split(', ');
    expect(t.length).toBeLessThanOrEqual(TITLE_LIMIT + 20);
    expect(listed).toEqual(names.slice(0, listed.length));
    expect(t.endsWith(`(+${(3000 - listed.length).toLocaleString('en-US')} more)`)).toBe(true);
  });

  it('cuts one name longer than the limit, and still counts the rest', () => {
    const t = shownTitleList(['x'.repeat(5000), 'y']);
    expect(t).toBe(`${'x'.repeat(TITLE_LIMIT)}… (+1 more)`);
  });
});
