// useCopyStatus copies text for a screen and keeps a short sentence about it for a status line, which
// clears itself after a few seconds. When copying is refused, the sentence says how to copy by hand.

import { useCallback, useEffect, useState } from 'react';
import { copyText } from '../lib/clipboard';

/** CopyStatus is what was copied last and the sentence shown for it; null once it faded. */
export type CopyStatus = { text: string; message: string } | null;

/** COPY_STATUS_MS is how long the sentence stays. */
const COPY_STATUS_MS = 4000;

/** useCopyStatus returns the current status and `onCopy(text, what)`, `what` naming it ("the digest"). */
export function useCopyStatus(): { copied: CopyStatus; onCopy(text: string, what: string): void } {
  const [copied, setCopied] = useState<CopyStatus>(null);
  const onCopy = useCallback((text: string, what: string) => {
    void copyText(text).then((ok) =>
      setCopied({
        text,
        message: ok ? `Copied ${what}` : `Could not copy ${what}; select it and copy by hand`,
      }),
    );
  }, []);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(null), COPY_STATUS_MS);
    return () => clearTimeout(t);
  }, [copied]);
  return { copied, onCopy };
}
