// useGlobalKeys listens for app-wide shortcuts (`/`, Escape, Alt+Left, F5) while a view is shown.

import { useEffect, useRef } from 'react';

/** GlobalKeys are the shortcuts a view handles; each returns nothing and is optional. */
export interface GlobalKeys {
  /** slash runs on `/` typed outside a text field. */
  slash?(): void;
  /** escape runs on Escape not already handled by a field or dialog. */
  escape?(): void;
  /** back runs on Alt+Left (and the browser's Back mouse button keys). */
  back?(): void;
  /** refresh runs on F5 and Ctrl+R (Cmd+R): the view reads again instead of the page reloading. */
  refresh?(): void;
}

function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type))
  );
}

/** useGlobalKeys installs one keydown listener on the document for the view's lifetime. */
export function useGlobalKeys(keys: GlobalKeys): void {
  const ref = useRef(keys);
  ref.current = keys;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
      const k = ref.current;
      if (event.key === '/' && k.slash && !inTextField(event.target) && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        k.slash();
      } else if (event.key === 'Escape' && k.escape) {
        k.escape();
      } else if (
        k.refresh &&
        (event.key === 'F5' || (event.key.toLowerCase() === 'r' && (event.ctrlKey || event.metaKey)))
      ) {
        // A reload would drop the screen's state and its live updates; reading again keeps both.
        event.preventDefault();
        k.refresh();
      } else if (event.key === 'ArrowLeft' && event.altKey && k.back) {
        event.preventDefault();
        k.back();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
