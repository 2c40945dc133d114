// TLS trust per host: a CA given for the registry, the `certs.d` directories Docker, skopeo and regctl
// read (`<dir>/<host:port>/*.crt`), and an explicit "do not verify this registry's certificate" choice.
// Extra CAs are added to Node's roots, never put in their place: passing `ca` alone replaces them.

import { readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { rootCertificates } from 'node:tls';
import type { RegistryLocation } from '../../../shared/reference';

/**
 * defaultCertsDirs lists where per-host CA directories live, in the order containers/image reads them
 * (`~/.config/containers/certs.d`, `/etc/containers/certs.d`, `/etc/docker/certs.d`; Docker itself reads
 * only the last), with `$XDG_CONFIG_HOME/containers/certs.d` first when it is set elsewhere.
 * `$BERTH_CERTS_D` (a PATH-style list) replaces the whole list, for tests and unusual setups.
 */
export function defaultCertsDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const override = env['BERTH_CERTS_D'];
  if (override !== undefined) return override.split(delimiter).filter(Boolean);
  const home = env['HOME'] || homedir();
  const dirs = [join(home, '.config/containers/certs.d'), '/etc/containers/certs.d', '/etc/docker/certs.d'];
  const xdg = env['XDG_CONFIG_HOME'];
  if (xdg) {
    const fromXdg = join(xdg, 'containers/certs.d');
    if (!dirs.includes(fromXdg)) dirs.unshift(fromXdg);
  }
  return dirs;
}

/** HostCerts is what the certs.d directories hold for one host: CA PEMs, the files read, the places looked. */
export interface HostCerts {
  pems: string[];
  files: string[];
  looked: string[];
}

const MAX_CA_BYTES = 1024 * 1024;

/**
 * readHostCerts reads every `*.crt` in `<root>/<name>/` for each root and each name the host goes by
 * (`host:port`, and for Docker Hub `docker.io` too). Client certificates (`*.cert`, `*.key`) are not used.
 * Unreadable or missing directories are skipped: they are the normal case.
 */
export function readHostCerts(names: readonly string[], roots: readonly string[]): HostCerts {
  const out: HostCerts = { pems: [], files: [], looked: [] };
  for (const root of roots) {
    for (const name of new Set(names)) {
      const dir = join(root, name);
      out.looked.push(dir);
      let entries: string[];
      try {
        entries = readdirSync(dir).sort();
      } catch {
        continue;
      }
      for (const file of entries) {
        if (!file.endsWith('.crt')) continue;
        try {
          const pem = readFileSync(join(dir, file), 'utf8');
          if (pem.length > MAX_CA_BYTES || !pem.includes('-----BEGIN CERTIFICATE-----')) continue;
          out.pems.push(pem);
          out.files.push(join(dir, file));
        } catch {
          // unreadable (permissions): containers/image skips these too
        }
      }
    }
  }
  return out;
}

/** TrustOptions say how one registry's certificates are checked. */
export interface TrustOptions {
  registry: RegistryLocation;
  /** caPem is a CA the user gave for this registry (settings, --ca-file); it applies to every host we call. */
  caPem?: string;
  /** skipTlsVerify turns certificate checks off for the registry's host name (any port), and nowhere else. */
  skipTlsVerify?: boolean;
  /** certsDirs replaces the certs.d roots (default: defaultCertsDirs()). */
  certsDirs?: readonly string[];
}

/** ConnectTls is the part of undici's `connect` options that decides trust. */
export interface ConnectTls {
  ca?: string[];
  rejectUnauthorized?: boolean;
}

function hostnameOf(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
}

/** TlsTrust decides, per origin, which CAs to trust and whether to check at all; certs.d is read once per host. */
export class TlsTrust {
  private readonly byHost = new Map<string, HostCerts>();
  private readonly roots: readonly string[];

  constructor(private readonly opts: TrustOptions) {
    this.roots = opts.certsDirs ?? defaultCertsDirs();
  }

  /** skipsVerification says whether certificates of `host` (host[:port]) go unchecked. */
  skipsVerification(host: string): boolean {
    return this.opts.skipTlsVerify === true && hostnameOf(host) === hostnameOf(this.opts.registry.host);
  }

  /** certsFor reads (once) the certs.d entries of a host. */
  certsFor(host: string): HostCerts {
    let certs = this.byHost.get(host);
    if (!certs) {
      const names = [host];
      if (host === this.opts.registry.host && this.opts.registry.name !== host)
        names.push(this.opts.registry.name);
      certs = readHostCerts(names, this.roots);
      this.byHost.set(host, certs);
    }
    return certs;
  }

  /** connectOptions gives the TLS part of undici's connect options for an https origin. */
  connectOptions(url: URL): ConnectTls {
    if (url.protocol !== 'https:') return {};
    if (this.skipsVerification(url.host)) return { rejectUnauthorized: false };
    const extra = [...(this.opts.caPem ? [this.opts.caPem] : []), ...this.certsFor(url.host).pems];
    return extra.length > 0 ? { ca: [...rootCertificates, ...extra] } : {};
  }

  /** whereLooked says, for a certificate error on `host`, which CAs were tried and where Berth looked. */
  whereLooked(host: string): string {
    const certs = this.certsFor(host);
    const dirs = certs.looked.map((d) => `${d}/`).join(', ');
    const found =
      certs.files.length > 0
        ? ` It trusted ${certs.files.join(', ')} from there, but that did not vouch for this certificate.`
        : '';
    const given = this.opts.caPem
      ? ' The CA certificate given in its settings did not vouch for it either.'
      : '';
    return `Berth looked for CA certificates (*.crt) in ${dirs || 'no certs.d directory'}.${found}${given}`;
  }
}
