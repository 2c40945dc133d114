// A whole-request deadline with a minimum rate. undici's bodyTimeout only bounds the gap between two chunks,
// so a server that dribbles one byte every few seconds never trips it and keeps us waiting for hours.

import { RegistryError } from '../../../shared/errors';
import { formatBytes } from '../../../shared/format';
import { errorFromNetwork, type ResponseContext } from './classify';

/** DEFAULT_MIN_BYTES_PER_SECOND is the slowest answer we wait for beyond the timeout: 64 KiB/s, far below any
 * real link a registry is used over (a 4 MiB manifest gets 64 s, a 32 MiB tag list 512 s). */
export const DEFAULT_MIN_BYTES_PER_SECOND = 64 * 1024;

/**
 * RequestDeadline aborts one HTTP exchange (headers and body) once it has run longer than
 * max(timeout, bytes received / minimum rate): a large answer arriving at a steady pace gets the time it
 * needs, a trickle ends at the timeout. `signal` goes to undici; `expired` tells our abort from others.
 * It also follows the caller's signal, if any, so one signal serves both: AbortSignal.any per request
 * cost `berth ui` about a tenth of its CPU while it read 100,000 digests.
 */
export class RequestDeadline {
  private readonly controller = new AbortController();
  private readonly started = Date.now();
  private bytes = 0;
  private timer: NodeJS.Timeout | undefined;
  /** expired is true once this deadline (not someone else) aborted the request. */
  expired = false;

  constructor(
    private readonly timeoutMs: number,
    private readonly minBytesPerSecond: number,
    private readonly caller?: AbortSignal,
  ) {
    if (caller?.aborted) this.controller.abort(caller.reason);
    else caller?.addEventListener('abort', this.follow, { once: true });
    this.schedule();
  }

  /** follow aborts the exchange with the caller's reason: the caller went away. */
  private readonly follow = (): void => this.controller.abort(this.caller?.reason);

  /** signal aborts when the deadline passes. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** elapsedMs is how long the exchange has run. */
  get elapsedMs(): number {
    return Date.now() - this.started;
  }

  /** received counts body bytes; progress earns time at the minimum rate. */
  received(n: number): void {
    this.bytes += n;
  }

  /** allowedMs is the time the exchange may take, given the bytes received so far. */
  allowedMs(): number {
    return Math.max(this.timeoutMs, (this.bytes / this.minBytesPerSecond) * 1000);
  }

  /** clear ends the deadline once the exchange is over: no timer, and the caller's signal is let go. */
  clear(): void {
    this.stopTimer();
    this.caller?.removeEventListener('abort', this.follow);
  }

  /** stopTimer ends the time limit only: a streamed body still stops when the caller goes away. */
  stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    const left = this.allowedMs() - this.elapsedMs;
    if (left <= 0) {
      this.expired = true;
      this.controller.abort(new Error('berth: request deadline passed'));
      return;
    }
    this.timer = setTimeout(() => this.schedule(), left);
    this.timer.unref?.();
  }
}

/** Exchange is one attempt in flight: its deadline, and whether headers came (a silent server is retried). */
export interface Exchange {
  deadline: RequestDeadline;
  answered: boolean;
}

/**
 * exchangeFailure maps whatever a failed exchange threw, telling our own deadline from other causes: a
 * server that never answered timed out (worth a retry); one that answered but trickled was too slow.
 */
export function exchangeFailure(
  err: unknown,
  ctx: ResponseContext,
  ex: Exchange | undefined,
  received = 0,
): RegistryError {
  if (err instanceof RegistryError) return err;
  if (!ex?.deadline.expired) return errorFromNetwork(err, ctx);
  if (!ex.answered) {
    return new RegistryError(
      'TIMEOUT',
      `${ctx.host} took too long to answer while ${ctx.what}. Try again; if it keeps happening the registry may be overloaded.`,
      { cause: err, temporary: true },
    );
  }
  return new RegistryError(
    'TIMEOUT',
    `${ctx.host} sent its answer too slowly while ${ctx.what} (${formatBytes(received)} in ${Math.round(ex.deadline.elapsedMs / 1000)} s). Berth stopped waiting; try again later, or raise the timeout if this registry is known to be slow.`,
    { cause: err, temporary: true, reason: 'slow-answer' },
  );
}
