// Which address to give the registry for a listener, and which addresses this computer has. A listener on
// "all interfaces" (0.0.0.0, ::) cannot be reached at that address: the registry needs a real one.

import { networkInterfaces } from 'node:os';
import type { NetworkAddress } from '../../../../shared/activity-api';

/** localAddresses lists this computer's addresses, loopback first, as the listener could bind them. */
export function localAddresses(): NetworkAddress[] {
  const out: NetworkAddress[] = [];
  for (const [name, list] of Object.entries(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.family !== 'IPv4' && a.family !== 'IPv6') continue;
      // Link-local IPv6 addresses need a zone (%eth0) to be reached: not something to paste in a config.
      if (a.family === 'IPv6' && a.address.toLowerCase().startsWith('fe80:')) continue;
      out.push({ name, address: a.address, family: a.family, internal: a.internal });
    }
  }
  return out.sort((a, b) => Number(b.internal) - Number(a.internal));
}

/** isWildcardAddress says whether a host means "every interface". */
export function isWildcardAddress(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}

/** advertisedHost is the address a registry should post to: for all interfaces, this machine's LAN address. */
export function advertisedHost(host: string): string {
  if (!isWildcardAddress(host)) return host;
  const lan = localAddresses().find((a) => a.family === 'IPv4' && !a.internal);
  return lan?.address ?? host;
}
