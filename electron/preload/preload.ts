// The preload gives the page one object, `window.berthBridge` (BerthBridge in shared/api-client.ts), over
// the fixed channels of ipc-channels.ts. It never hands out ipcRenderer or a way to name a channel.
// Runs sandboxed: it may only require 'electron', so it is bundled to one CommonJS file.

import { contextBridge, ipcRenderer } from 'electron';
import type { StreamMessage } from '../../shared/api';
import type { BerthBridge } from '../../shared/api-client';
import type { Result } from '../../shared/errors';
import { IPC } from '../../shared/ipc-channels';

const listeners = new Map<string, (message: StreamMessage) => void>();
// A fresh prefix per page load keeps ids unique across reloads, which main may not have noticed yet.
const prefix = Math.random().toString(36).slice(2, 10);
let counter = 0;

ipcRenderer.on(IPC.streamMessage, (_event, id: unknown, message: StreamMessage) => {
  if (typeof id !== 'string') return;
  const listener = listeners.get(id);
  if (!listener) return;
  if (message.kind !== 'event') listeners.delete(id);
  listener(message);
});

const bridge: BerthBridge = {
  invoke(name, args) {
    return ipcRenderer.invoke(IPC.call, name, args) as Promise<Result<unknown>>;
  },
  stream(name, args, onMessage) {
    counter += 1;
    const id = `${prefix}-${counter}`;
    listeners.set(id, onMessage);
    ipcRenderer.send(IPC.streamStart, id, name, args);
    return () => {
      if (listeners.delete(id)) ipcRenderer.send(IPC.streamCancel, id);
    };
  },
};

contextBridge.exposeInMainWorld('berthBridge', bridge);
