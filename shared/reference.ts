// Image references and registry addresses, as people type them:
//   localhost:5000/app:1.0   registry.example.com/team/app@sha256:…   http://10.0.0.5:5000   nginx

import { RegistryError } from './errors';

/** DOCKER_HUB_HOST is where Docker Hub's registry API lives; `docker.io` and `index.docker.io` mean it. */
export const DOCKER_HUB_HOST = 'registry-1.docker.io';
const DOCKER_HUB_ALIASES = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
  'registry.hub.docker.com',
]);

/** RegistryLocation says where a registry is and how to talk to it. */
export interface RegistryLocation {
  /** host is `hostname[:port]` as used in URLs (IPv6 in brackets). */
  host: string;
  scheme: 'http' | 'https';
  /** origin is `scheme://host`. */
  origin: string;
  /** name is how people call it: the host, or `docker.io` for Docker Hub. */
  name: string;
}

/** Reference is a parsed image reference: registry, repository, and an optional tag and/or digest. */
export interface Reference {
  registry: RegistryLocation;
  repository: string;
  tag: string | null;
  digest: string | null;
}

const PATH_COMPONENT = '[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*';
/** REPOSITORY_RE is the distribution spec's repository name grammar. */
export const REPOSITORY_RE = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
/** TAG_RE is the distribution spec's tag grammar (at most 128 characters). */
export const TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** DIGEST_RE accepts the digests registries use: sha256 (64 hex) and sha512 (128 hex). */
export const DIGEST_RE = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
const HOST_RE =
  /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)(?::\d{1,5})?$/;

function invalid(message: string): RegistryError {
  return new RegistryError('INVALID_INPUT', message);
}

/** isLoopbackHost says whether a host is this machine, where plain http is the norm. */
export function isLoopbackHost(host: string): boolean {
  const hostname = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  return hostname === 'localhost' || hostname === '::1' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** looksLikeRegistryHost applies Docker's rule: a first path part with `.` or `:`, or `localhost`, is a host. */
function looksLikeRegistryHost(part: string): boolean {
  return part.includes('.') || part.includes(':') || part.startsWith('[') || part === 'localhost';
}

function splitScheme(input: string): { scheme: 'http' | 'https' | null; rest: string } {
  const m = /^(https?):\/\/(.*)$/i.exec(input.trim());
  if (!m) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input.trim())) {
      throw invalid(`"${input}" uses an unsupported scheme: use http:// or https://, or leave it out.`);
    }
    return { scheme: null, rest: input.trim() };
  }
  return { scheme: m[1]!.toLowerCase() as 'http' | 'https', rest: m[2]! };
}

/** registryLocation builds a RegistryLocation for a host: http for loopback or when asked, https otherwise. */
export function registryLocation(
  host: string,
  opts: { scheme?: 'http' | 'https' | null; insecure?: boolean } = {},
): RegistryLocation {
  const lower = host.toLowerCase();
  if (!HOST_RE.test(lower))
    throw invalid(
      `"${host}" is not a valid registry address. Example: registry.example.com or localhost:5000.`,
    );
  const port = /:(\d+)$/.exec(lower.replace(/^\[[^\]]*\]/, ''))?.[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
    throw invalid(`"${host}" has a port out of range (1-65535).`);
  }
  const isHub = DOCKER_HUB_ALIASES.has(lower);
  const realHost = isHub ? DOCKER_HUB_HOST : lower;
  const scheme = opts.scheme ?? (opts.insecure || isLoopbackHost(realHost) ? 'http' : 'https');
  return { host: realHost, scheme, origin: `${scheme}://${realHost}`, name: isHub ? 'docker.io' : lower };
}

/** parseRegistry reads a registry address: `localhost:5000`, `https://registry.example.com/`, `docker.io`. */
export function parseRegistry(input: string, opts: { insecure?: boolean } = {}): RegistryLocation {
  const { scheme, rest } = splitScheme(input);
  const host = rest.replace(/\/+$/, '');
  if (host === '')
    throw invalid('The registry address is empty. Example: registry.example.com or localhost:5000.');
  if (host.includes('/')) {
    throw invalid(
      `"${input}" looks like an image, not a registry. Give only the address, e.g. ${host.split('/')[0]}.`,
    );
  }
  return registryLocation(host, { scheme, insecure: opts.insecure ?? false });
}

/** parseReference reads an image reference; `requireRepository` is true unless only a registry is wanted. */
export function parseReference(input: string, opts: { insecure?: boolean } = {}): Reference {
  const { scheme, rest } = splitScheme(input);
  if (rest === '') throw invalid('The image reference is empty. Example: registry.example.com/team/app:1.0.');

  let remainder = rest;
  let digest: string | null = null;
  const at = remainder.indexOf('@');
  if (at >= 0) {
    digest = remainder.slice(at + 1);
    remainder = remainder.slice(0, at);
    if (!DIGEST_RE.test(digest)) {
      throw invalid(
        `"${digest}" is not a valid digest. A digest looks like sha256: followed by 64 hex characters.`,
      );
    }
  }

  let tag: string | null = null;
  const lastSlash = remainder.lastIndexOf('/');
  const lastColon = remainder.lastIndexOf(':');
  if (lastColon > lastSlash && lastSlash >= 0 && !remainder.slice(lastColon).includes(']')) {
    tag = remainder.slice(lastColon + 1);
    remainder = remainder.slice(0, lastColon);
  } else if (
    lastColon >= 0 &&
    lastSlash < 0 &&
    scheme === null &&
    !looksLikeRegistryHost(remainder.slice(0, lastColon))
  ) {
    // `nginx:1.25`: a Docker Hub short name with a tag.
    tag = remainder.slice(lastColon + 1);
    remainder = remainder.slice(0, lastColon);
  }
  if (tag !== null && !TAG_RE.test(tag)) {
    throw invalid(`"${tag}" is not a valid tag. Tags use letters, digits, "_", "." and "-" (at most 128).`);
  }

  const trailingSlash = remainder.endsWith('/');
  const parts = remainder.replace(/\/+$/, '').split('/');
  const first = parts[0]!;
  // `localhost:5000` or `registry.example.com/` alone names a registry (and no repository).
  const onlyHost =
    parts.length === 1 &&
    looksLikeRegistryHost(first) &&
    (trailingSlash || first.includes(':') || first === 'localhost');
  let host: string;
  if (scheme !== null || onlyHost || (parts.length > 1 && looksLikeRegistryHost(first))) {
    host = parts.shift()!;
  } else {
    host = 'docker.io';
  }
  const registry = registryLocation(host, { scheme, insecure: opts.insecure ?? false });
  let repository = parts.join('/');
  if (repository === '') {
    throw invalid(`"${input}" names a registry but no repository. Example: ${registry.name}/team/app.`);
  }
  if (registry.name === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  if (!REPOSITORY_RE.test(repository) || repository.length > 255) {
    throw invalid(
      `"${repository}" is not a valid repository name. Use lowercase letters, digits and . _ - separated by "/".`,
    );
  }
  return { registry, repository, tag, digest };
}
