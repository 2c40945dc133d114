// Registry auth: answers Basic and Bearer challenges, and caches bearer tokens per scope until shortly before expiry.

import { RegistryError } from '../../../shared/errors';
import { isLoopbackHost, type RegistryLocation } from '../../../shared/reference';
import type { Credentials } from '../credentials/types';
import { type CredentialOrigin, loginServiceRefused } from './auth-failure';
import { type Challenge, preferredChallenge } from './challenge';
import { errorFromNetwork, errorFromStatus } from './classify';

/** TokenFetch performs the HTTP call to a token realm; the transport supplies it so TLS and timeouts match. */
export type TokenFetch = (
  url: URL,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
) => Promise<{ status: number; body: Uint8Array }>;

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** TOKEN_REFRESH_MARGIN_MS is how long before expiry a cached token is replaced, so it never expires in flight. */
const TOKEN_REFRESH_MARGIN_MS = 10_000;
const MIN_TOKEN_LIFETIME_S = 60; // the token spec's default when expires_in is missing or too small

function basicHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** scopeKey identifies a set of scopes independent of order. */
function scopeKey(scopes: readonly string[]): string {
  return [...new Set(scopes)].sort().join(' ');
}

/** Authenticator holds the auth state of one registry: the challenge it sent and the tokens it granted. */
export class Authenticator {
  private challenge: Challenge | null = null;
  private readonly tokens = new Map<string, CachedToken>();
  private readonly inflight = new Map<string, Promise<CachedToken>>();
  /** tokenRequests counts the token fetches made, for tests and diagnostics. */
  tokenRequests = 0;

  /** scheme is the auth the registry asked for, once it has challenged us. */
  get scheme(): 'basic' | 'bearer' | undefined {
    const s = this.challenge?.scheme;
    return s === 'basic' || s === 'bearer' ? s : undefined;
  }

  constructor(
    private readonly registry: RegistryLocation,
    private readonly credentials: Credentials | null,
    private readonly fetchToken: TokenFetch,
    /** origin says where the credentials came from (Docker's config, a helper…), for the sentences that name them. */
    readonly origin?: CredentialOrigin,
  ) {}

  /** hasCredentials says whether we have a login to present (as opposed to asking anonymously). */
  get hasCredentials(): boolean {
    return this.credentials !== null;
  }

  /** authorization returns the header to send for a request needing `scopes`, or undefined (anonymous). */
  async authorization(scopes: readonly string[]): Promise<string | undefined> {
    const c = this.challenge;
    if (!c) return undefined;
    if (c.scheme === 'basic') {
      return this.credentials?.kind === 'basic'
        ? basicHeader(this.credentials.username, this.credentials.password)
        : undefined;
    }
    if (this.credentials?.kind === 'bearer') return `Bearer ${this.credentials.token}`;
    const token = await this.token(c, scopes);
    return `Bearer ${token.token}`;
  }

  /**
   * challenged takes a 401's WWW-Authenticate challenges and says whether a retry with new auth can help.
   * `sent` is the Authorization header the rejected request carried. Only challenges from the registry's
   * own origin may come here: the realm they name gets our credentials (it may live on another host, as
   * auth.docker.io does for Docker Hub), and the token it grants goes to the registry.
   */
  challenged(challenges: Challenge[], scopes: readonly string[], sent: string | undefined): boolean {
    const next = preferredChallenge(challenges);
    if (!next) return false;
    this.challenge = next;
    if (next.scheme === 'basic') {
      // Retrying only helps if we have a password and did not send it already.
      return this.credentials?.kind === 'basic' && sent === undefined;
    }
    if (next.scheme !== 'bearer') return false;
    if (this.credentials?.kind === 'bearer') return sent === undefined;
    // A rejected token (expired early, or revoked) is dropped: one fresh token is worth one retry.
    this.tokens.delete(scopeKey(this.scopesFor(next, scopes)));
    return true;
  }

  private scopesFor(c: Challenge, scopes: readonly string[]): string[] {
    const fromChallenge = c.params['scope'] ? c.params['scope'].split(' ') : [];
    return [...new Set([...scopes, ...fromChallenge].filter(Boolean))];
  }

  private async token(c: Challenge, scopes: readonly string[]): Promise<CachedToken> {
    const wanted = this.scopesFor(c, scopes);
    const key = scopeKey(wanted);
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt - TOKEN_REFRESH_MARGIN_MS > Date.now()) return cached;
    const running = this.inflight.get(key);
    if (running) return running;
    const p = this.requestToken(c, wanted).finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    const token = await p;
    this.tokens.set(key, token);
    return token;
  }

  private realmUrl(c: Challenge): URL {
    const realm = c.params['realm'];
    let url: URL;
    try {
      url = new URL(realm ?? '');
    } catch {
      throw new RegistryError(
        'PROTOCOL',
        `${this.registry.host} asked for a login but named no valid login service (realm "${realm ?? ''}").`,
      );
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new RegistryError(
        'PROTOCOL',
        `${this.registry.host} named a login service with an unsupported address: ${url.protocol}`,
      );
    }
    const downgrade =
      url.protocol === 'http:' && this.registry.scheme === 'https' && !isLoopbackHost(url.host);
    if (downgrade && this.credentials) {
      throw new RegistryError(
        'PROTOCOL',
        `${this.registry.host} asked us to send your credentials to ${url.host} over plain http. Berth refused, to keep them safe.`,
      );
    }
    return url;
  }

  private async requestToken(c: Challenge, scopes: string[]): Promise<CachedToken> {
    const url = this.realmUrl(c);
    const service = c.params['service'];
    const headers: Record<string, string> = { accept: 'application/json' };
    let init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string };
    const creds = this.credentials;
    if (creds?.kind === 'identity-token') {
      // OAuth2 refresh-token grant, as Docker does with an identity token from `docker login`.
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: creds.identityToken,
        client_id: 'berth',
      });
      if (service) form.set('service', service);
      if (scopes.length > 0) form.set('scope', scopes.join(' '));
      headers['content-type'] = 'application/x-www-form-urlencoded';
      init = { method: 'POST', headers, body: form.toString() };
    } else {
      if (service) url.searchParams.set('service', service);
      for (const s of scopes) url.searchParams.append('scope', s);
      if (creds?.kind === 'basic') headers['authorization'] = basicHeader(creds.username, creds.password);
      init = { method: 'GET', headers };
    }
    this.tokenRequests++;
    const ctx = {
      what: `signing in to ${this.registry.name} through its login service ${url.host}`,
      host: url.host,
    };
    let res: { status: number; body: Uint8Array };
    try {
      res = await this.fetchToken(url, init);
    } catch (err) {
      throw errorFromNetwork(err, ctx);
    }
    if (res.status === 401 || res.status === 403) {
      throw loginServiceRefused(this.registry.name, url.host, res.status, creds !== null, this.origin);
    }
    if (res.status < 200 || res.status >= 300) throw errorFromStatus(res.status, res.body, ctx);
    let parsed: { token?: unknown; access_token?: unknown; expires_in?: unknown; issued_at?: unknown };
    try {
      parsed = JSON.parse(new TextDecoder().decode(res.body));
    } catch {
      throw new RegistryError(
        'PROTOCOL',
        `The login service of ${this.registry.name} sent an answer that is not JSON.`,
      );
    }
    const token = typeof parsed.token === 'string' ? parsed.token : parsed.access_token;
    if (typeof token !== 'string' || token === '') {
      throw new RegistryError('PROTOCOL', `The login service of ${this.registry.name} sent no token.`);
    }
    const lifetime =
      typeof parsed.expires_in === 'number' && parsed.expires_in > 0
        ? parsed.expires_in
        : MIN_TOKEN_LIFETIME_S;
    const issued = typeof parsed.issued_at === 'string' ? Date.parse(parsed.issued_at) : Number.NaN;
    // Trust our clock over the issuer's when they disagree wildly (skew), but use issued_at when plausible.
    const start = Number.isFinite(issued) && Math.abs(issued - Date.now()) < 5 * 60_000 ? issued : Date.now();
    return { token, expiresAt: start + lifetime * 1000 };
  }
}
