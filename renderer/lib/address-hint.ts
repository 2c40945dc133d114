// addressHint says where Berth will connect, so people see what "localhost:5000" or "plain http" means.

import { isLoopbackHost, type RegistryLocation } from '../../shared/reference';

/** addressHint describes a parsed registry address in one sentence. */
export function addressHint(location: RegistryLocation): string {
  if (location.scheme === 'https') return `Berth will connect to ${location.origin} (encrypted).`;
  if (isLoopbackHost(location.host))
    return `Berth will connect to ${location.origin}. Plain http is normal for a registry on this computer.`;
  return `Berth will connect to ${location.origin} without encryption.`;
}
