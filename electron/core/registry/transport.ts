// Transport: one keep-alive undici pool per host, auth, timeouts, bounded retries, a safe redirect policy,
// and size caps. Operations above it speak in paths and scopes; they never see sockets.

import { RegistryError } from '../../../shared/errors';
import { BERTH_USER_AGENT } from '../../../shared/event-origin';
import type { RegistryLocation } from '../../../shared/reference';
import { Authenticator } from './auth';
import { authFailure, type CredentialOrigin, foreignSignIn } from './auth-failure';
import { parseChallenges } from './challenge';
import { errorFromStatus, type ResponseContext } from './classify';
import { DEFAULT_MIN_BYTES_PER_SECOND, type Exchange, exchangeFailure, RequestDeadline } from './deadline';
import { HostPools } from './host-pools';
import { collect, firstHeaders, type RawResponse, redirectTarget, retryAfterMs, sleep } from './http-io';
import { LISTING_CAPS, type ListingCaps } from './listing-limits';
import type { RegistryRequest, RegistryResponse } from './registry-request';
import { readAnswerBody, readErrorBody } from './response-body';
import { TlsTrust } from './tls-trust';
import type { TransportOptions } from './transport-options';

export type { RawResponse } from './http-io';

const RETRY_STATUS = new Set([408, 429, 502, 503, 504]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

export { retryAfterMs } from './http-io';

/** Transport talks HTTP to one registry (and, for redirects and token realms, to the hosts it names). */
export class Transport {
  readonly registry: RegistryLocation;
  readonly auth: Authenticator;
  private readonly pools: HostPools;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly maxRetryDelayMs: number;
  private readonly minBytesPerSecond: number;
  private readonly trust: TlsTrust;
  private readonly credentialOrigin: CredentialOrigin | undefined;
  private readonly userAgent: string;
  private readonly signal: AbortSignal | undefined;
  /** listingCaps bound each paged listing (catalog, tags) made through this transport. */
  readonly listingCaps: ListingCaps;
  /** requestCount counts HTTP requests sent (including retries and redirects), for diagnostics and tests. */
  requestCount = 0;

  constructor(opts: TransportOptions) {
    this.registry = opts.registry;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.retries = opts.retries ?? 3;
    this.maxRetryDelayMs = opts.maxRetryDelayMs ?? 30_000;
    this.minBytesPerSecond = Math.max(1, opts.minBytesPerSecond ?? DEFAULT_MIN_BYTES_PER_SECOND);
    this.trust = new TlsTrust({
      registry: opts.registry,
      ...(opts.caPem ? { caPem: opts.caPem } : {}),
      ...(opts.skipTlsVerify ? { skipTlsVerify: true } : {}),
      ...(opts.certsDirs ? { certsDirs: opts.certsDirs } : {}),
    });
    this.pools = new HostPools({
      registryOrigin: opts.registry.origin,
      connections: Math.max(1, opts.connections ?? 8),
      timeoutMs: this.timeoutMs,
      trust: this.trust,
    });
    this.credentialOrigin = opts.credentialOrigin;
    this.listingCaps = { ...LISTING_CAPS, ...opts.listingCaps };
    // The registry reports this agent in its events: the Activity screen tells Berth's own reads by it.
    this.userAgent = opts.userAgent ?? BERTH_USER_AGENT;
    this.signal = opts.signal;
    this.auth = new Authenticator(
      this.registry,
      opts.credentials ?? null,
      (url, init) => this.tokenFetch(url, init),
      opts.credentialOrigin,
    );
  }

  /** skipsTlsVerify says whether this transport leaves the registry's certificate unchecked (a standing risk). */
  get skipsTlsVerify(): boolean {
    return this.trust.skipsVerification(this.registry.host);
  }

  private context(what: string, host = this.registry.host): ResponseContext {
    return { what, host, trust: () => this.trust.whereLooked(host) };
  }

  /** request sends a registry API call with auth, retries and redirects, and returns a 2xx answer or throws. */
  async request(request: RegistryRequest): Promise<RegistryResponse> {
    const req = this.withSignal(request);
    const { raw, ex, ctx } = await this.exchange(req);
    try {
      return {
        status: raw.status,
        headers: raw.headers,
        body: await readAnswerBody(raw, req, ctx, ex),
        url: raw.url,
      };
    } finally {
      ex.deadline.clear();
    }
  }

  /**
   * open is `request` that leaves a 2xx body unread, for bodies too large to hold (blobs); read or dump it.
   * The whole-answer deadline ends with the headers: a blob streams for as long as its bytes keep coming
   * (the pool's body timeout still ends a stalled one), and its digest is checked as it goes.
   */
  async open(req: RegistryRequest): Promise<RawResponse> {
    const { raw, ex } = await this.exchange(this.withSignal(req));
    ex.deadline.stopTimer();
    return raw;
  }

  /** withSignal adds the transport's own signal (see TransportOptions.signal) to a request's. */
  private withSignal(req: RegistryRequest): RegistryRequest {
    if (!this.signal) return req;
    return { ...req, signal: req.signal ? AbortSignal.any([req.signal, this.signal]) : this.signal };
  }

  /** exchange runs one call up to a 2xx answer whose body is unread, with its deadline still running. */
  private async exchange(
    req: RegistryRequest,
  ): Promise<{ raw: RawResponse; ex: Exchange; ctx: ResponseContext }> {
    const url = new URL(req.path, this.registry.origin);
    const ctx = this.context(req.what);
    const replayable = req.body === undefined || req.body instanceof Uint8Array;
    let authRetried = false;
    for (let attempt = 0; ; attempt++) {
      req.signal?.throwIfAborted();
      let raw: RawResponse;
      let sentAuth: string | undefined;
      let ex: Exchange | undefined;
      try {
        sentAuth = await this.auth.authorization(req.scope);
        const deadline = new RequestDeadline(this.timeoutMs, this.minBytesPerSecond, req.signal);
        ex = { deadline, answered: false };
        raw = await this.send(req, url, sentAuth, ex);
      } catch (err) {
        ex?.deadline.clear();
        if (req.signal?.aborted) throw err; // nobody waits for the answer: not a network failure to retry
        const e = exchangeFailure(err, ctx, ex);
        // A trickling answer is not retried: it would only make people wait that long again.
        if (e.temporary && e.reason !== 'slow-answer' && attempt < this.retries && replayable) {
          await sleep(this.backoff(attempt));
          continue;
        }
        throw e;
      }
      const foreign = raw.url.origin !== this.registry.origin;
      const answerCtx = foreign ? this.context(req.what, raw.url.host) : ctx;
      if (raw.status >= 200 && raw.status < 300) return { raw, ex, ctx: answerCtx };
      const errorBody = await readErrorBody(raw, ex);
      ex.deadline.clear();
      if (req.signal?.aborted) throw req.signal.reason;
      const challenges = parseChallenges(raw.headers['www-authenticate']);
      // A host the registry sent us to (a CDN) speaks for itself: its login request is not the
      // registry's, so it never gets the registry's credentials, nor changes whom we ask for tokens.
      if (foreign && raw.status === 401) throw foreignSignIn(this.registry, raw.url, req.what);
      if (!foreign && raw.status === 401 && !authRetried && replayable) {
        authRetried = true;
        if (this.auth.challenged(challenges, req.scope, sentAuth)) {
          attempt--; // an auth round-trip is not a failed attempt
          continue;
        }
      }
      const waitMs = retryAfterMs(raw.headers['retry-after']);
      const mayRetry = replayable && attempt < this.retries;
      if (RETRY_STATUS.has(raw.status) && mayRetry && (waitMs ?? 0) <= this.maxRetryDelayMs) {
        await sleep(waitMs ?? this.backoff(attempt));
        continue;
      }
      if (!foreign && (raw.status === 401 || raw.status === 403)) {
        throw authFailure({
          status: raw.status,
          body: errorBody,
          challenges,
          ctx,
          hasCredentials: this.auth.hasCredentials && sentAuth !== undefined,
          origin: this.credentialOrigin,
        });
      }
      throw errorFromStatus(
        raw.status,
        errorBody,
        answerCtx,
        waitMs === undefined ? undefined : waitMs / 1000,
      );
    }
  }

  private backoff(attempt: number): number {
    return Math.min(8000, 250 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
  }

  /** send performs one logical request, following redirects: credentials stay with the registry's origin. */
  private async send(
    req: RegistryRequest,
    start: URL,
    authorization: string | undefined,
    ex: Exchange,
  ): Promise<RawResponse> {
    let url = start;
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { 'user-agent': this.userAgent, ...req.headers };
      if (req.accept) headers['accept'] = req.accept.join(', ');
      if (authorization && url.origin === this.registry.origin) headers['authorization'] = authorization;
      this.requestCount++;
      const res = await this.pools.pool(url.origin).request({
        method: req.method,
        path: url.pathname + url.search,
        headers,
        ...(req.body !== undefined ? { body: req.body } : {}),
        // The caller's signal (it went away) and our deadline (the answer is too slow) both end the exchange:
        // the deadline's signal follows the caller's (RequestDeadline).
        signal: ex.deadline.signal,
        // undici closes the socket after every HEAD unless told the server sends no body; registries
        // do not, and keeping the connection saves a TCP handshake per tag (measured: ~25% of `tags`).
        ...(req.method === 'HEAD' ? { reset: false } : {}),
      });
      ex.answered = true;
      const resHeaders = firstHeaders(res.headers);
      const location = resHeaders['location'];
      // A streamed body is gone once sent: its redirect is reported, not followed.
      const streamed = req.body !== undefined && !(req.body instanceof Uint8Array);
      if (!REDIRECT_STATUS.has(res.statusCode) || !location || streamed) {
        return { status: res.statusCode, headers: resHeaders, body: res.body, url };
      }
      await res.body.dump();
      url = redirectTarget(url, location, hop, this.registry.host, req.what);
    }
  }

  /** tokenFetch calls a token realm with the same TLS trust, timeouts and deadline as the registry. */
  private async tokenFetch(
    url: URL,
    init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
  ): Promise<{ status: number; body: Uint8Array }> {
    this.requestCount++;
    const ex: Exchange = {
      deadline: new RequestDeadline(this.timeoutMs, this.minBytesPerSecond),
      answered: false,
    };
    const ctx = this.context(`signing in to ${this.registry.name}`, url.host);
    let received = 0;
    try {
      const res = await this.pools.pool(url.origin).request({
        method: init.method,
        path: url.pathname + url.search,
        headers: { 'user-agent': this.userAgent, ...init.headers },
        signal: ex.deadline.signal,
        ...(init.body !== undefined ? { body: init.body } : {}),
      });
      ex.answered = true;
      const body = await collect(
        res.body,
        1024 * 1024,
        () => {
          res.body.destroy();
          return new RegistryError('TOO_LARGE', `The login service at ${url.host} sent an oversized answer.`);
        },
        (n) => {
          received += n;
          ex.deadline.received(n);
        },
      );
      return { status: res.statusCode, body };
    } catch (err) {
      throw exchangeFailure(err, ctx, ex, received);
    } finally {
      ex.deadline.clear();
    }
  }

  /** close ends every pooled connection once its requests finish; `abort` cuts requests in flight instead. */
  close(opts: { abort?: boolean } = {}): Promise<void> {
    return this.pools.close(opts);
  }
}
