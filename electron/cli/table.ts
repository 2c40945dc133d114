/** table lays out rows as aligned columns under a header, for people reading a terminal. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
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
