// TransportOptions: how one registry is reached (credentials, timeouts, retries, TLS trust, caps), as the
// client and the CLI's flags describe it to the transport.

import type { RegistryLocation } from '../../../shared/reference';
import type { Credentials } from '../credentials/types';
import type { CredentialOrigin } from './auth-failure';
import type { ListingCaps } from './listing-limits';

/** TransportOptions configure how one registry is reached. */
export interface TransportOptions {
  registry: RegistryLocation;
  credentials?: Credentials | null;
  /** timeoutMs bounds each request, headers and body (default 30 s). */
  timeoutMs?: number;
  /** retries is how often a temporary failure (429, 503, a dropped connection) is retried (default 3). */
  retries?: number;
  /** connections is the most sockets kept open to the registry (default 8). */
  connections?: number;
  /** credentialOrigin says where the credentials came from, so a refusal can name the file or helper. */
  credentialOrigin?: CredentialOrigin;
  /** caPem adds PEM CA certificates to Node's trusted roots (it does not replace them). */
  caPem?: string;
  /** skipTlsVerify turns certificate checks off for the registry's host (any port), never for other hosts. */
  skipTlsVerify?: boolean;
  /** certsDirs replaces the certs.d roots searched for `<host:port>/*.crt` (default: defaultCertsDirs()). */
  certsDirs?: readonly string[];
  /** minBytesPerSecond is the slowest answer waited for past timeoutMs (default 64 KiB/s). */
  minBytesPerSecond?: number;
  /** maxRetryDelayMs is the longest Retry-After we wait out; a longer one fails at once (default 30 s). */
  maxRetryDelayMs?: number;
  /** listingCaps tighten or loosen the caps on one paged listing (default LISTING_CAPS). */
  listingCaps?: Partial<ListingCaps>;
  userAgent?: string;
  /** signal ends every request of this transport, in flight or later: a cancelled copy stops at once. */
  signal?: AbortSignal;
}
