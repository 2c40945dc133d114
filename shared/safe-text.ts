// Text from a registry (tag names, labels, env, history, event fields) is written by whoever pushed
// the image, and a terminal obeys the control sequences in what it prints: ESC ] 0 ; … BEL retitles
// the window, ESC c clears it, U+202E (RLO) makes `1.0-evil` read as something else. Every text
// output for people goes through visibleText; JSON for programs stays exact.

// C0 controls but newline, DEL, C1 controls, and the bidi embeddings, overrides and isolates that
// Trojan Source (CVE-2021-42574) abuses: U+202A–U+202E and U+2066–U+2069.
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_OR_NEWLINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

// The usual spellings for the controls people meet in ordinary text; everything else by number.
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escaped(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** VisibleTextOptions say how a field may use line breaks. */
export interface VisibleTextOptions {
  /** keepNewlines leaves `\n` as a line break, for text that is already laid out in lines. Default false: one field, one line. */
  keepNewlines?: boolean;
}

/**
 * visibleText renders the characters a terminal would act on instead of show (C0 and C1 controls,
 * DEL, bidi overrides and isolates) as escapes a person can read: ESC as `\x1b`, RLO as `\u202e`,
 * a tab as `\t`. A newline is escaped too, unless keepNewlines says the text is laid out in lines.
 * Backslashes are left alone: the aim is a terminal that cannot be steered, not a reversible encoding.
 */
export function visibleText(text: string, opts: VisibleTextOptions = {}): string {
  return text.replace(opts.keepNewlines ? UNSAFE : UNSAFE_OR_NEWLINE, escaped);
}
