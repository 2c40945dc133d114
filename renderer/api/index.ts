// The renderer's one API object. Under Electron the preload provides `window.berthBridge` (IPC);
// under `berth ui` calls go over HTTP to the web host. Nothing else in the renderer knows which.

import { type BerthApi, type BerthBridge, createApi } from '../../shared/api-client';
import { createHttpBridge } from './http-bridge';

declare global {
  interface Window {
    /** berthBridge is set by Electron's preload script; absent in a browser. */
    berthBridge?: BerthBridge;
  }
}

/** api is how every view talks to the engine. */
export const api: BerthApi = createApi(window.berthBridge ?? createHttpBridge());
