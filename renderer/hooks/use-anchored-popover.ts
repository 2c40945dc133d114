// useAnchoredPopover wires a browser popover (`popover="auto"`: the top layer, closed by a click outside)
// to the button that opens it: placed beside the button inside the window, focus moved into it when it
// opens, and Escape closing it without reaching the view's own Escape (back to the repositories). The top
// layer is why: a popover inside a virtualized row or a wrapping toolbar is neither clipped nor moved.

import {
  type KeyboardEvent,
  type ToggleEvent,
  useCallback,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';

/** MARGIN keeps a popover this far from the window's edges, in CSS pixels. */
const MARGIN = 8;

/** placeBeside puts a fixed popover under its button (above it when the window ends first), inside the window. */
function placeBeside(popover: HTMLElement, anchor: HTMLElement, align: 'start' | 'end'): void {
  const at = anchor.getBoundingClientRect();
  const { offsetWidth: width, offsetHeight: height } = popover;
  const below = at.bottom + 4;
  const top = below + height + MARGIN > window.innerHeight ? Math.max(MARGIN, at.top - 4 - height) : below;
  const wanted = align === 'end' ? at.right - width : at.left;
  const left = Math.max(MARGIN, Math.min(wanted, window.innerWidth - width - MARGIN));
  popover.style.top = `${top}px`;
  popover.style.left = `${left}px`;
}

/** useAnchoredPopover returns the props for one button and its popover, and whether it is open. */
export function useAnchoredPopover<A extends HTMLElement>(align: 'start' | 'end' = 'start') {
  const id = useId();
  const anchor = useRef<A>(null);
  const popover = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  // Stable, so a caller can close it from an effect that runs only when what the anchor shows changes.
  const close = useCallback(() => {
    const el = popover.current;
    if (el?.matches(':popover-open')) el.hidePopover();
  }, []);
  // Placed once its content is drawn, so its real size keeps it inside the window.
  useLayoutEffect(() => {
    if (!open || !popover.current || !anchor.current) return;
    placeBeside(popover.current, anchor.current, align);
    // The toggle event that got here is queued: a key pressed since (`/` to the filter) may have moved focus
    // on, and the popover must not take it back. Focus moves in only from its button or from nowhere.
    const active = document.activeElement;
    if (active !== anchor.current && active !== document.body && active !== null) return;
    popover.current.querySelector<HTMLElement>('button, select, input')?.focus();
  }, [open, align]);
  return {
    open,
    /** close hides the popover if it is showing (its anchor now shows something else, say). */
    close,
    /** anchorProps go on the button that opens the popover. */
    anchorProps: { ref: anchor, popoverTarget: id, 'aria-expanded': open },
    /** popoverProps go on the popover itself (a div the caller gives role="dialog" and a name). */
    popoverProps: {
      ref: popover,
      id,
      popover: 'auto' as const,
      onToggle: (event: ToggleEvent<HTMLDivElement>) => setOpen(event.newState === 'open'),
      onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        event.currentTarget.hidePopover();
        anchor.current?.focus();
      },
    },
  };
}
