import { describe, expect, it } from 'vitest';
import { rowWindow } from '../../renderer/lib/row-window';

describe('rowWindow', () => {
  it('draws the rows on screen and the overscan on each side', () => {
    // 36 px rows, 360 px tall: rows 100..110 are on screen at 3,600 px.
    expect(rowWindow(3600, 360, 100_000, 36, 8)).toEqual({ first: 92, last: 118 });
    expect(rowWindow(0, 360, 100_000, 36, 8)).toEqual({ first: 0, last: 18 });
  });

  it('stops at the ends of a short list', () => {
    expect(rowWindow(0, 360, 3, 36, 8)).toEqual({ first: 0, last: 2 });
    expect(rowWindow(0, 360, 0, 36, 8).last).toBe(-1);
  });

  it('shows the last rows when a filter shrinks the list under the scroll offset', () => {
    // Scrolled to row 50,000, then only 5 rows are left (less than a screenful): all of them.
    expect(rowWindow(1_800_000, 360, 5, 36, 8)).toEqual({ first: 0, last: 4 });
    // 20 rows left: the last screenful (rows 10..19) and the overscan above it.
    expect(rowWindow(1_800_000, 360, 20, 36, 8)).toEqual({ first: 2, last: 19 });
    // 1,000 rows left: the last screenful and the overscan above it.
    expect(rowWindow(1_800_000, 360, 1000, 36, 8)).toEqual({ first: 982, last: 999 });
  });
});
