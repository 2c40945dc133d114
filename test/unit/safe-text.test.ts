import { describe, expect, it } from 'vitest';
import { visibleText } from '../../shared/safe-text';

describe('visibleText', () => {
  it('leaves ordinary text alone, including non-Latin scripts, emoji and backslashes', () => {
    for (const s of [
      '1.0',
      'team/sub/app',
      'Größe ≤ 10 MB',
      '日本語',
      'עברית',
      '🚢 berth',
      'C:\\path\\x1b',
    ]) {
      expect(visibleText(s)).toBe(s);
    }
  });

  it('escapes the sequences that retitle or clear a terminal', () => {
    expect(visibleText('\x1b]0;pwned\x07')).toBe('\\x1b]0;pwned\\x07');
    expect(visibleText('\x1bc')).toBe('\\x1bc');
    expect(visibleText('x\x1b[2J\x1b[H')).toBe('x\\x1b[2J\\x1b[H');
  });

  it('escapes every C0 control, DEL and every C1 control', () => {
    for (let code = 0; code <= 0x1f; code++) {
      const out = visibleText(String.fromCharCode(code));
      expect(out).toMatch(/^\\(x[0-9a-f]{2}|n|r|t)$/);
    }
    expect(visibleText('\x7f')).toBe('\\x7f');
    for (let code = 0x80; code <= 0x9f; code++) {
      expect(visibleText(String.fromCharCode(code))).toBe(`\\x${code.toString(16)}`);
    }
    // U+009B is the one-byte CSI: some terminals act on it like ESC [.
    expect(visibleText('a\u009b2Jb')).toBe('a\\x9b2Jb');
    // The first printable characters on either side stay.
    expect(visibleText(' ~\u00a0')).toBe(' ~\u00a0');
  });

  it('names tab, carriage return and newline the usual way', () => {
    expect(visibleText('a\tb\rc\nd')).toBe('a\\tb\\rc\\nd');
  });

  it('keeps newlines only when the field is laid out in lines', () => {
    expect(visibleText('line 1\nline 2\x1b', { keepNewlines: true })).toBe('line 1\nline 2\\x1b');
    expect(visibleText('a\r\nb', { keepNewlines: true })).toBe('a\\r\nb');
  });

  it('escapes bidi embeddings, overrides and isolates (Trojan Source)', () => {
    const bidi = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
    for (const ch of bidi) {
      expect(visibleText(`v1${ch}x`)).toBe(`v1\\u${ch.charCodeAt(0).toString(16)}x`);
    }
    expect(visibleText('release\u202e1.0')).toBe('release\\u202e1.0');
    // Their neighbours are ordinary characters (zero-width joiner, LRM, the next punctuation).
    expect(visibleText('\u200d\u200e\u2029\u206a')).toBe('\u200d\u200e\u2029\u206a');
  });

  it('is idempotent: escaped text has nothing left to escape', () => {
    const once = visibleText('\x1b]0;t\x07\u202e\n\x9b');
    expect(visibleText(once)).toBe(once);
  });

  it('keeps lone surrogates and astral characters intact (they are not controls)', () => {
    expect(visibleText('\ud83d')).toBe('\ud83d');
    expect(visibleText('\u{1f6a2}')).toBe('\u{1f6a2}');
  });
});
