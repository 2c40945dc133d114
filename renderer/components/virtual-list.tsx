// VirtualList draws only the rows on screen (thousands of repositories or tags stay smooth). It is a
// listbox: one Tab stop, arrows move the selection (aria-activedescendant), Enter or a click opens.

import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type ReactNode, useEffect, useRef } from 'react';

/** ListSelection is the selected row and what clicks and keys do: a screen owns it, its list shows it. */
export interface ListSelection {
  selected: number;
  onSelect(index: number): void;
  onOpen(index: number): void;
  onKeyDown(event: KeyboardEvent<HTMLElement>): void;
}

/** listSelection picks the selection out of a list's props, to hand on to VirtualList as it is. */
export function listSelection({ selected, onSelect, onOpen, onKeyDown }: ListSelection): ListSelection {
  return { selected, onSelect, onOpen, onKeyDown };
}

/** VirtualListProps describe the rows, the selection and what happens on open. */
export interface VirtualListProps extends ListSelection {
  /** id prefixes the rows' element ids. */
  id: string;
  label: string;
  count: number;
  rowHeight: number;
  renderRow(index: number): ReactNode;
  /** rowKey gives each row a stable key and its data-testid value. */
  rowKey(index: number): string;
  /** onVisibleRange reports the rows on screen (without overscan), e.g. to fetch details lazily. */
  onVisibleRange?(start: number, end: number): void;
  /** initialOffset restores a scroll position when coming back to the list. */
  initialOffset?: number;
  onScrollOffset?(offset: number): void;
  /** autoFocus focuses the list when it appears, unless the user already put focus somewhere. */
  autoFocus?: boolean;
  testId: string;
}

/** optionId is the element id of a row, for aria-activedescendant. */
export function optionId(listId: string, index: number): string {
  return `${listId}-row-${index}`;
}

/** VirtualList renders a large list with only its visible rows in the DOM. */
export function VirtualList(props: VirtualListProps) {
  const { id, count, rowHeight, selected, onVisibleRange, onScrollOffset } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    initialOffset: props.initialOffset ?? 0,
  });

  const autoFocus = props.autoFocus ?? false;
  useEffect(() => {
    const active = document.activeElement;
    if (autoFocus && (active === null || active === document.body)) scrollRef.current?.focus();
  }, [autoFocus]);

  useEffect(() => {
    if (selected >= 0 && selected < count) virtualizer.scrollToIndex(selected, { align: 'auto' });
  }, [selected, count, virtualizer]);

  const start = virtualizer.range?.startIndex ?? 0;
  const end = virtualizer.range?.endIndex ?? -1;
  useEffect(() => {
    onVisibleRange?.(start, end);
  }, [start, end, onVisibleRange]);

  const items = virtualizer.getVirtualItems();
  const active = selected >= 0 && selected < count ? optionId(id, selected) : undefined;

  return (
    <div
      ref={scrollRef}
      className="virtual-list"
      role="listbox"
      tabIndex={0}
      aria-label={props.label}
      aria-activedescendant={active}
      onKeyDown={props.onKeyDown}
      onScroll={onScrollOffset ? (e) => onScrollOffset(e.currentTarget.scrollTop) : undefined}
      data-testid={props.testId}
      data-count={count}
      // As tall as its rows, up to the space there is: a short list does not end in an empty box.
      style={{ height: virtualizer.getTotalSize() + 2 }}
    >
      <div className="virtual-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const key = props.rowKey(item.index);
          const isSelected = item.index === selected;
          return (
            // biome-ignore lint/a11y/useFocusableInteractive: rows are reached through the listbox's aria-activedescendant, the one Tab stop.
            // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox handles the keyboard for all rows.
            <div
              key={key}
              id={optionId(id, item.index)}
              role="option"
              aria-selected={isSelected}
              className={isSelected ? 'virtual-row selected' : 'virtual-row'}
              style={{ height: item.size, transform: `translateY(${item.start}px)` }}
              onClick={() => {
                props.onSelect(item.index);
                props.onOpen(item.index);
              }}
              data-testid={`${props.testId}-row`}
              data-key={key}
              data-index={item.index}
            >
              {props.renderRow(item.index)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
