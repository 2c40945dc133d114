// SecretBanner says honestly how saved passwords are kept when no keychain protects them.

import { DismissibleBanner } from './dismissible-banner';
import { LockIcon } from './icons';

/** SecretBanner shows app.info's secretWarning; "Hide" lasts for this session only. */
export function SecretBanner({ warning }: { warning: string }) {
  return (
    <DismissibleBanner
      dismissKey="berth.secretWarningHidden"
      text={warning}
      icon={<LockIcon className="banner-icon" />}
      className="banner"
      role="note"
      testId="secret-warning"
    >
      <p className="banner-text">{warning}</p>
    </DismissibleBanner>
  );
}
