import type { BerthBridge } from '../../shared/api-client';

/** createHttpBridge carries the contract over HTTP to the `berth ui` web host (implemented in electron/web). */
export function createHttpBridge(): BerthBridge {
  throw new Error('not implemented yet');
}
