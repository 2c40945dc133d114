// UnverifiedBanner stands over every screen of a registry whose certificate Berth does not check (its
// "Don't verify this registry's certificate" setting): a choice that quietly stays on is a risk people
// forget, so it cannot be hidden, only undone in the settings it links to.

import type { RegistrySummary } from '../../shared/api';
import { EditRegistryButton } from './edit-registry-button';
import { WarningIcon } from './icons';

/** UnverifiedBanner renders nothing unless the registry is https with certificate checks off. */
export function UnverifiedBanner({ registry }: { registry: RegistrySummary }) {
  if (!registry.skipTlsVerify || registry.scheme !== 'https') return null;
  return (
    <div className="banner banner-unverified" role="note" data-testid="unverified-warning">
      <WarningIcon className="banner-icon" />
      <p className="banner-text">
        Berth does not check the certificate of {registry.host}, as set in its settings. Anyone on the network
        path could pretend to be this registry and read or change what Berth sends and receives, your password
        included.
      </p>
      <EditRegistryButton registryId={registry.id} small testId="unverified-edit">
        Change
      </EditRegistryButton>
    </div>
  );
}
