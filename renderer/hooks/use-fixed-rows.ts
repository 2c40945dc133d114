// useFixedRows windows a scrolled list whose rows all have one height: which rows are on screen follows
// from the scroll offset by arithmetic, and the list's height is one number. A general virtualizer keeps
// a measurement object per row and rebuilds all of them when the row count changes: at 100,000 tags,
// every filter keystroke paid for 100,000 objects (and their garbage) to draw forty rows.

import { type RefObject, useCallback, useLayoutEffect, useState } from 'react';
import { rowWindow } from '../lib/row-window';

/** FixedRows is the window of rows to draw and how to bring a row into view. */
export interface FixedRows {
  /** first and last are the rows to draw (overscan included); last < first when there are none. */
  first: number;
  last: number;
  /** totalHeight is the height of all rows together: the one spacer the scroll area needs. */
  totalHeight: number;
  /** scrollToIndex scrolls just enough for the row to be fully visible below the sticky header. */
  scrollToIndex(index: number): void;
}

/** Viewport is the scroll area's offset and height, as last read. */
interface Viewport {
  top: number;
  height: number;
}

/** useFixedRows follows `scrollRef`'s scroll offset and size and returns the rows to draw. */
export function useFixedRows(
  scrollRef: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  overscan: number,
  /** headerRef is a sticky header at the top of the scroll area: rows under it are not in view. */
  headerRef?: RefObject<HTMLElement | null>,
): FixedRows {
  const [view, setView] = useState<Viewport>({ top: 0, height: 0 });
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const read = () =>
      setView((v) =>
        v.top === el.scrollTop && v.height === el.clientHeight
          ? v
          : { top: el.scrollTop, height: el.clientHeight },
      );
    read();
    el.addEventListener('scroll', read, { passive: true });
    const resize = new ResizeObserver(read);
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', read);
      resize.disconnect();
    };
  }, [scrollRef]);

  const totalHeight = count * rowHeight;
  const { first, last } = rowWindow(view.top, view.height, count, rowHeight, overscan);

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = scrollRef.current;
      if (!el || index < 0) return;
      const rowTop = index * rowHeight;
      const rowBottom = (headerRef?.current?.offsetHeight ?? 0) + rowTop + rowHeight;
      if (rowTop < el.scrollTop) el.scrollTop = rowTop;
      else if (rowBottom > el.scrollTop + el.clientHeight) el.scrollTop = rowBottom - el.clientHeight;
    },
    [scrollRef, rowHeight, headerRef],
  );
  return { first, last, totalHeight, scrollToIndex };
}
