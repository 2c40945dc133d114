// StorageBanner says which saved files (settings, passwords) Berth could not use this run and kept aside
// (app.info's storageWarnings): without it, registries silently vanish from the sidebar.

import { DismissibleBanner } from './dismissible-banner';
import { WarningIcon } from './icons';

/** StorageBanner shows each warning as its own sentence; "Hide" lasts for this session, and only for these warnings. */
export function StorageBanner({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return null;
  return (
    <DismissibleBanner
      dismissKey="berth.storageWarningsHidden"
      text={warnings.join('\n')}
      icon={<WarningIcon className="banner-icon" />}
      className="banner banner-storage"
      role="alert"
      testId="storage-warning"
    >
      <div className="banner-text">
        {warnings.map((w) => (
          <p key={w} data-testid="storage-warning-text">
            {w}
          </p>
        ))}
      </div>
    </DismissibleBanner>
  );
}
