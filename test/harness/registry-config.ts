import { randomBytes } from 'node:crypto';
import type { YamlValue } from './yaml';

/** NotificationEndpoint is the webhook the registry POSTs events to (one event per POST on 2.8). */
export interface NotificationEndpoint {
  url: string;
  headers?: Record<string, string[]>;
  timeout?: string;
  threshold?: number;
  backoff?: string;
}

/** RegistryConfigInput is everything that varies between the registries tests start. */
export interface RegistryConfigInput {
  port: number;
  storageDir: string;
  logLevel: string;
  htpasswdPath?: string;
  token?: { realm: string; service: string; issuer: string; rootcertbundle: string };
  /** notifications is one endpoint, or several (each gets every event, from its own queue). */
  notifications?: NotificationEndpoint | NotificationEndpoint[];
  /** accessLog prints one line per request to stdout, for tests that count requests (see access-log.ts). */
  accessLog?: boolean;
  /** tls makes the registry serve https with this certificate and key (PEM file paths). */
  tls?: { certPath: string; keyPath: string } | undefined;
}

/** buildRegistryConfig is the distribution 2.8 configuration document for one test registry. */
export function buildRegistryConfig(input: RegistryConfigInput): YamlValue {
  let auth: YamlValue | undefined;
  if (input.htpasswdPath) auth = { htpasswd: { realm: 'berth-test', path: input.htpasswdPath } };
  if (input.token) auth = { token: { ...input.token } };
  const notifications = input.notifications;
  return {
    version: '0.1',
    // Access logs print every request: thousands of lines while building the fixture, so only on request.
    log: {
      level: input.logLevel,
      accesslog: { disabled: !input.accessLog },
      fields: { service: 'berth-test-registry' },
    },
    storage: {
      filesystem: { rootdirectory: input.storageDir },
      delete: { enabled: true },
      cache: { blobdescriptor: 'inmemory' },
      // Purging walks every upload at start-up and on a timer: pointless in a registry that lives seconds.
      maintenance: { uploadpurging: { enabled: false } },
    },
    http: {
      addr: `127.0.0.1:${input.port}`,
      secret: randomBytes(24).toString('hex'),
      headers: { 'X-Content-Type-Options': ['nosniff'] },
      ...(input.tls ? { tls: { certificate: input.tls.certPath, key: input.tls.keyPath } } : {}),
    },
    auth,
    notifications: notifications
      ? {
          endpoints: [notifications].flat().map((n, i) => ({
            name: i === 0 ? 'berth' : `berth-${i + 1}`,
            url: n.url,
            headers: n.headers,
            timeout: n.timeout,
            threshold: n.threshold,
            backoff: n.backoff,
          })),
        }
      : undefined,
  };
}

/** listenerEndpoint is the webhook to a Berth listener at `url` with its secret, on a test's timings (2s, 3 tries, 500ms apart) unless `timing` says otherwise. */
export function listenerEndpoint(
  url: string,
  secret: string,
  timing: Pick<NotificationEndpoint, 'timeout' | 'backoff'> = {},
): NotificationEndpoint {
  return {
    url,
    headers: { Authorization: [`Bearer ${secret}`] },
    timeout: '2s',
    threshold: 3,
    backoff: '500ms',
    ...timing,
  };
}
