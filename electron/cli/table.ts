// How the CLI's text reaches a terminal: tables, lines for people, JSON for programs, progress, and a
// quiet end when the reader of the output goes away.

import { visibleText } from '../../shared/safe-text';

/**
 * table lays out rows as aligned columns under a header, for people reading a terminal. Every cell
 * goes through visibleText, newlines included, so a cell is one line of characters the terminal
 * shows rather than obeys, whatever the registry put in it.
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const safe = rows.map((r) => r.map((c) => visibleText(c)));
  const widths = header.map((h, i) => Math.max(h.length, ...safe.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...safe.map(line)].join('\n');
}

/**
 * out prints text for people on stdout, with a newline. It is the last guard: whatever control
 * characters a field still carries are shown escaped; only the line breaks the caller laid out stay.
 */
export function out(text: string): void {
  process.stdout.write(`${visibleText(text, { keepNewlines: true })}\n`);
}

/** note prints a line for people on stderr, escaped like out. */
export function note(text: string): void {
  process.stderr.write(`${visibleText(text, { keepNewlines: true })}\n`);
}

/** outJson prints a value as one line of JSON. JSON is for programs, so it stays exact (not escaped). */
export function outJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** outBytes writes bytes to stdout unchanged, for `--raw`, and resolves once they are handed over. */
export function outBytes(bytes: Uint8Array): Promise<void> {
  return new Promise((done) => process.stdout.write(bytes, () => done()));
}

let onOutputClosed: (() => void) | null = null;

/** whenOutputCloses sets what to do when stdout's reader goes away instead of exiting (listen stops its listener). */
export function whenOutputCloses(handler: (() => void) | null): void {
  onOutputClosed = handler;
}

/**
 * quietOnClosedOutput makes `berth repos … | head -1` end quietly. Node ignores SIGPIPE, so a write
 * to a closed pipe fails with EPIPE, emitted on the stream; unhandled, that is a stack trace and
 * exit 1. A closed stdout means nobody reads any more: stop with the exit code so far (0 unless the
 * command already failed). A closed stderr loses only messages, so the command goes on.
 */
export function quietOnClosedOutput(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') {
      const handler = onOutputClosed;
      onOutputClosed = null;
      if (handler) handler();
      else process.exit();
      return;
    }
    process.stderr.write(`berth: could not write the output (${err.code ?? err.message}).\n`);
    process.exit(1);
  });
  process.stderr.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') process.exit(1);
  });
}

/** Progress writes a one-line counter to stderr when it is a terminal, and nothing otherwise. */
export class Progress {
  private readonly enabled = process.stderr.isTTY === true;
  private last = 0;

  /** update shows `label done/total`, at most ten times a second. */
  update(label: string, done: number, total?: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 100 && done !== total) return;
    this.last = now;
    process.stderr.write(`\r\x1b[K${label} ${done}${total === undefined ? '' : `/${total}`}`);
  }

  /** done clears the line. */
  done(): void {
    if (this.enabled) process.stderr.write('\r\x1b[K');
  }
}
