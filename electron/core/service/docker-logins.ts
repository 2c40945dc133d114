// Docker's saved logins, offered for import: which hosts Docker's config (or its credential helpers) can
// sign in to. Only names and user names are read here; passwords stay with Docker.

import type { DockerLogin } from '../../../shared/api';
import { parseRegistry, type RegistryLocation } from '../../../shared/reference';
import { dockerConfigPath, readDockerConfig } from '../credentials/docker-config';

/** dockerLogins lists Docker's logins by host, marking those whose host is in `added`. */
export async function dockerLogins(
  env: NodeJS.ProcessEnv,
  added: ReadonlySet<string>,
): Promise<DockerLogin[]> {
  const path = dockerConfigPath(env);
  const { config } = await readDockerConfig(path);
  const hosts = new Map<string, DockerLogin>();
  const add = (key: string, username: string | null, source: string) => {
    let loc: RegistryLocation;
    try {
      loc = parseRegistry(key.replace(/\/v[12]\/?$/, ''));
    } catch {
      return; // a key we cannot read as a registry address is not offered
    }
    if (!hosts.has(loc.host)) {
      hosts.set(loc.host, { host: loc.name, username, source, alreadyAdded: added.has(loc.host) });
    }
  };
  for (const [key, entry] of Object.entries(config.auths ?? {})) {
    let username = entry.username ?? null;
    if (entry.auth) username = Buffer.from(entry.auth, 'base64').toString('utf8').split(':')[0] || username;
    if (entry.auth || entry.identitytoken || entry.registrytoken || config.credsStore)
      add(key, username, path);
  }
  for (const [key, helper] of Object.entries(config.credHelpers ?? {}))
    add(key, null, `docker-credential-${helper}`);
  return [...hosts.values()].sort((a, b) => a.host.localeCompare(b.host));
}
