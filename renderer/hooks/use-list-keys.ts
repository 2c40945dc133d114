// useListKeys gives a list its keyboard: arrows move the selection, Page keys jump, Enter opens. The
// filter box shares the same handler, so people can type and arrow down without leaving it.

import { type KeyboardEvent, useCallback } from 'react';

/** ListKeysOptions describe the list the keys act on. */
export interface ListKeysOptions {
  count: number;
  selected: number;
  setSelected(index: number): void;
  onOpen(index: number): void;
  /** pageSize is how far PageUp and PageDown move. */
  pageSize?: number;
}

/** useListKeys returns a keydown handler; Home and End are left to text fields, where they move the caret. */
export function useListKeys({ count, selected, setSelected, onOpen, pageSize = 10 }: ListKeysOptions) {
  return useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      if (event.altKey || event.ctrlKey || event.metaKey || count === 0) return;
      const inText = event.currentTarget instanceof HTMLInputElement;
      const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));
      let next: number | null = null;
      switch (event.key) {
        case 'ArrowDown':
          next = selected < 0 ? 0 : clamp(selected + 1);
          break;
        case 'ArrowUp':
          next = selected < 0 ? 0 : clamp(selected - 1);
          break;
        case 'PageDown':
          next = clamp(Math.max(selected, 0) + pageSize);
          break;
        case 'PageUp':
          next = clamp(selected - pageSize);
          break;
        case 'Home':
          if (!inText) next = 0;
          break;
        case 'End':
          if (!inText) next = count - 1;
          break;
        case 'Enter':
          if (selected >= 0 && selected < count) {
            event.preventDefault();
            onOpen(selected);
          }
          return;
      }
      if (next === null) return;
      event.preventDefault();
      setSelected(next);
    },
    [count, selected, setSelected, onOpen, pageSize],
  );
}
