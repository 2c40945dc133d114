// StorageBanner says which saved files (settings, passwords) Berth could not use this run and kept aside
// (app.info's storageWarnings): without it, registries silently vanish from the sidebar.

import { useState } from 'react';
import { CloseIcon, WarningIcon } from './icons';

const DISMISS_KEY = 'berth.storageWarningsHidden';

/** StorageBanner shows each warning as its own sentence; "Hide" lasts for this session, and only for these warnings. */
export function StorageBanner({ warnings }: { warnings: readonly string[] }) {
  const key = warnings.join('\n');
  const [hidden, setHidden] = useState(() => sessionStorage.getItem(DISMISS_KEY) === key);
  if (hidden || warnings.length === 0) return null;
  return (
    <div className="banner banner-storage" role="alert" data-testid="storage-warning">
      <WarningIcon className="banner-icon" />
      <div className="banner-text">
        {warnings.map((w) => (
          <p key={w} data-testid="storage-warning-text">
            {w}
          </p>
        ))}
      </div>
      <button
        type="button"
        className="icon-button"
        aria-label="Hide this notice"
        title="Hide this notice"
        onClick={() => {
          sessionStorage.setItem(DISMISS_KEY, key);
          setHidden(true);
        }}
      >
        <CloseIcon />
      </button>
    </div>
  );
}
