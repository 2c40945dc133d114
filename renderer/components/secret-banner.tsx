// SecretBanner says honestly how saved passwords are kept when no keychain protects them.

import { useState } from 'react';
import { CloseIcon, LockIcon } from './icons';

const DISMISS_KEY = 'berth.secretWarningHidden';

/** SecretBanner shows app.info's secretWarning; "Hide" lasts for this session only. */
export function SecretBanner({ warning }: { warning: string }) {
  const [hidden, setHidden] = useState(() => sessionStorage.getItem(DISMISS_KEY) === warning);
  if (hidden) return null;
  return (
    <div className="banner" role="note" data-testid="secret-warning">
      <LockIcon className="banner-icon" />
      <p className="banner-text">{warning}</p>
      <button
        type="button"
        className="icon-button"
        aria-label="Hide this notice"
        title="Hide this notice"
        onClick={() => {
          sessionStorage.setItem(DISMISS_KEY, warning);
          setHidden(true);
        }}
      >
        <CloseIcon />
      </button>
    </div>
  );
}
