// The web host's answers: the shared writers (electron/core/http/respond.ts), and the API's error answer
// in the Result shape the renderer already understands.

import type { ServerResponse } from 'node:http';
import type { ErrorData, Result } from '../../shared/errors';
import { type Headers, sendJson } from '../core/http/respond';

export { sendJson, sendText } from '../core/http/respond';

/** sendError answers an API request with a Result error. */
export function sendError(
  res: ServerResponse,
  status: number,
  error: ErrorData,
  headers: Headers = {},
): void {
  const result: Result<never> = { ok: false, error };
  sendJson(res, status, result, headers);
}
