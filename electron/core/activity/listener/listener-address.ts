// Which address to give the registry for a listener, and which addresses this computer has. A listener on
// "all interfaces" (0.0.0.0, ::) cannot be reached at that address: the registry needs a real one.

import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { NetworkAddress } from '../../../../shared/activity-api';
import { RegistryError } from '../../../../shared/errors';
import { isLoopbackAddress } from '../../../../shared/events';

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

/** checkListenHost refuses addresses that are not this computer's, and LAN addresses without the opt-in. */
export function checkListenHost(host: string, allowLan: boolean): void {
  const loopback = isLoopbackAddress(host);
  if (!loopback && isIP(host) === 0) {
    throw new RegistryError(
      'INVALID_INPUT',
      `"${host}" is not an IP address. Use 127.0.0.1 for this computer only.`,
    );
  }
  if (loopback) return;
  if (!allowLan) {
    throw new RegistryError(
      'INVALID_INPUT',
      `Listening on ${host} lets other computers on the network reach the listener. Turn on "Listen on the network" to allow it, or use 127.0.0.1.`,
    );
  }
  if (!isWildcardAddress(host) && !localAddresses().some((a) => a.address === host)) {
    throw new RegistryError('INVALID_INPUT', `${host} is not an address of this computer.`);
  }
}
