// Docker's config.json as a credential source: `credHelpers` per registry, then `auths`, then `credsStore`.

import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DOCKER_HUB_HOST } from '../../../shared/reference';
import { runCredentialHelper } from './helper';
import type { ResolvedCredentials } from './types';

/** DOCKER_HUB_KEY is the key Docker uses for Docker Hub in config.json. */
export const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';

/** DockerConfig is the part of config.json that holds logins. */
export interface DockerConfig {
  auths?: Record<
    string,
    { auth?: string; username?: string; password?: string; identitytoken?: string; registrytoken?: string }
  >;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

/** dockerConfigPath is `$DOCKER_CONFIG/config.json`, or `~/.docker/config.json`. */
export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env['DOCKER_CONFIG'] || join(env['HOME'] || homedir(), '.docker'), 'config.json');
}

/** readDockerConfig reads config.json; a missing file is an empty config, a broken one is reported. */
export async function readDockerConfig(path: string): Promise<{ config: DockerConfig; warning?: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { config: {} };
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return { config: typeof parsed === 'object' && parsed !== null ? (parsed as DockerConfig) : {} };
  } catch {
    return { config: {}, warning: `${path} is not valid JSON; its logins were ignored.` };
  }
}

/** DOCKER_HUB_NAMES are the hosts that mean Docker Hub in a config.json key (containers/image folds them too). */
const DOCKER_HUB_NAMES = new Set(['index.docker.io', 'docker.io', 'registry-1.docker.io']);

/**
 * configKeyHost reads the registry host a config.json key names, as docker/cli's ConvertToHostname does:
 * a URL (`http://host:5000/v2/`, `https://host/v1/`) gives its host and port; anything else is cut at the
 * first `/`. Hosts compare case-insensitively here (Docker compares them as written), since DNS does.
 */
export function configKeyHost(key: string): string {
  if (key.includes('://')) {
    try {
      const url = new URL(key);
      if (url.hostname) return url.host.toLowerCase();
    } catch {
      // not a URL after all: fall through to Docker's plain cut
    }
  }
  return (key.split('/')[0] ?? '').toLowerCase();
}

/** configKeysFor lists the exact keys Docker may have stored a host's login under, most exact first. */
export function configKeysFor(host: string): string[] {
  if (host === DOCKER_HUB_HOST)
    return [DOCKER_HUB_KEY, 'index.docker.io', 'docker.io', 'registry-1.docker.io'];
  return [host];
}

/**
 * findKey finds a host's entry as Docker does: the exact key first, then any key whose host part is the
 * host (legacy keys written as `https://host/v1/` or `http://host/v2/`). For Docker Hub, every name of
 * Hub matches, the official key `https://index.docker.io/v1/` first.
 */
function findKey<T>(map: Record<string, T> | undefined, host: string): [string, T] | undefined {
  if (!map || typeof map !== 'object') return undefined;
  for (const key of configKeysFor(host)) {
    if (Object.hasOwn(map, key) && map[key] !== undefined) return [key, map[key]];
  }
  const isHub = host === DOCKER_HUB_HOST;
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    const keyHost = configKeyHost(key);
    if (keyHost === host || (isHub && DOCKER_HUB_NAMES.has(keyHost))) return [key, value];
  }
  return undefined;
}

/** dockerCredentials finds a login for `host` in Docker's config and helpers; null when there is none. */
export async function dockerCredentials(
  host: string,
  opts: { env?: NodeJS.ProcessEnv; onWarning?: (message: string) => void } = {},
): Promise<ResolvedCredentials | null> {
  const env = opts.env ?? process.env;
  const path = dockerConfigPath(env);
  const { config, warning } = await readDockerConfig(path);
  if (warning) opts.onWarning?.(warning);
  const serverUrl = host === DOCKER_HUB_HOST ? DOCKER_HUB_KEY : host;

  const helper = findKey(config.credHelpers, host);
  if (helper && typeof helper[1] === 'string') {
    const creds = await runCredentialHelper(helper[1], serverUrl, {
      env,
      ...(opts.onWarning ? { onWarning: opts.onWarning } : {}),
    });
    if (creds)
      return { credentials: creds, source: 'docker-helper', detail: `docker-credential-${helper[1]}` };
  }
  const entry = findKey(config.auths, host)?.[1];
  if (entry && typeof entry === 'object') {
    if (entry.identitytoken) {
      return {
        credentials: { kind: 'identity-token', identityToken: entry.identitytoken },
        source: 'docker-config',
        detail: path,
      };
    }
    if (entry.registrytoken) {
      return {
        credentials: { kind: 'bearer', token: entry.registrytoken },
        source: 'docker-config',
        detail: path,
      };
    }
    let { username, password } = entry;
    if (typeof entry.auth === 'string' && entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) {
        username = decoded.slice(0, colon);
        password = decoded.slice(colon + 1);
      }
    }
    if (username && password) {
      return { credentials: { kind: 'basic', username, password }, source: 'docker-config', detail: path };
    }
  }
  // A credsStore that is the helper already asked (and that had nothing, or is missing) is not asked twice.
  if (typeof config.credsStore === 'string' && config.credsStore && config.credsStore !== helper?.[1]) {
    const creds = await runCredentialHelper(config.credsStore, serverUrl, {
      env,
      ...(opts.onWarning ? { onWarning: opts.onWarning } : {}),
    });
    if (creds)
      return {
        credentials: creds,
        source: 'docker-helper',
        detail: `docker-credential-${config.credsStore}`,
      };
  }
  return null;
}
