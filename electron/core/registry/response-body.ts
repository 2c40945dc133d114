// Reading an answer's body under the transport's rules: a 2xx body up to the call's cap (a larger one is
// refused unread when its length is declared, cut off when not), and an error body kept small.

import { RegistryError } from '../../../shared/errors';
import { formatBytes } from '../../../shared/format';
import type { ResponseContext } from './classify';
import { type Exchange, exchangeFailure } from './deadline';
import { collect, type RawResponse } from './http-io';
import type { RegistryRequest } from './registry-request';

/** ERROR_BODY_CAP is the most of an error answer read: enough for the registry's diagnostics. */
const ERROR_BODY_CAP = 64 * 1024;

/** readAnswerBody reads a 2xx body in full (none for HEAD), within `req.maxBytes` and the exchange's deadline. */
export async function readAnswerBody(
  raw: RawResponse,
  req: RegistryRequest,
  ctx: ResponseContext,
  ex: Exchange,
): Promise<Uint8Array> {
  if (req.method === 'HEAD') {
    await raw.body.dump();
    return new Uint8Array(0);
  }
  const declared = Number(raw.headers['content-length']);
  const tooLarge = () =>
    new RegistryError(
      'TOO_LARGE',
      `${ctx.host} sent more data than expected while ${ctx.what} (over ${formatBytes(req.maxBytes)}). Berth stopped reading to stay safe.`,
    );
  if (Number.isFinite(declared) && declared > req.maxBytes) {
    raw.body.destroy();
    throw tooLarge();
  }
  let received = 0;
  try {
    return await collect(
      raw.body,
      req.maxBytes,
      () => {
        raw.body.destroy();
        return tooLarge();
      },
      (n) => {
        received += n;
        ex.deadline.received(n);
      },
    );
  } catch (err) {
    if (req.signal?.aborted) throw err; // the caller went away: its reason, unretried
    throw exchangeFailure(err, ctx, ex, received);
  }
}

/** readErrorBody reads at most ERROR_BODY_CAP of an error answer; a failed read gives an empty body. */
export async function readErrorBody(raw: RawResponse, ex: Exchange): Promise<Uint8Array> {
  try {
    return await collect(
      raw.body,
      ERROR_BODY_CAP,
      () => {
        raw.body.destroy();
        return null;
      },
      (n) => ex.deadline.received(n),
    );
  } catch {
    return new Uint8Array(0);
  }
}
