// ListenerSnippet is the exact `notifications:` block for the registry's config.yml, with a copy button,
// and a note on the secret (shown once) and on who can reach a loopback address.

import { useId } from 'react';
import type { Feedback } from '../../hooks/use-listener-setup';

/** ListenerSnippetProps: the snippet, whether it holds the real secret, and the copy action and result. */
export interface ListenerSnippetProps {
  snippet: string;
  /** secretShown: the snippet holds the secret just made, not the placeholder. */
  secretShown: boolean;
  /** lan: the listener is reachable from other computers. */
  lan: boolean;
  copied: Feedback;
  onCopy(): void;
}

/** ListenerSnippet renders the block; focusing the text selects all of it. */
export function ListenerSnippet({ snippet, secretShown, lan, copied, onCopy }: ListenerSnippetProps) {
  const id = useId();
  return (
    <div className="snippet">
      <div className="snippet-head">
        <label className="field-label" htmlFor={id}>
          Add this to the registry's config.yml
        </label>
        <button type="button" className="button button-small" onClick={onCopy} data-testid="snippet-copy">
          Copy
        </button>
        {copied && (
          <span className={copied.kind === 'ok' ? 'muted small' : 'field-error'} role="status">
            {copied.text}
          </span>
        )}
      </div>
      <textarea
        id={id}
        className="snippet-text"
        readOnly
        rows={snippet.split('\n').length}
        value={snippet}
        spellCheck={false}
        onFocus={(e) => e.currentTarget.select()}
        data-testid="snippet"
      />
      <p className="muted small" data-testid="secret-note">
        {secretShown
          ? 'This is the only time Berth shows the secret: copy it now. To see one again, make a new one.'
          : 'Berth shows the secret only once, when it is made. If you no longer have it, make a new one (the registry then needs the new one).'}
        {!lan &&
          ' The registry must run on this computer to reach this address (one in a container or on another machine cannot).'}
      </p>
    </div>
  );
}
