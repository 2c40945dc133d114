// The only IPC channels between the preload and main. The preload forwards exactly these; main listens on
// exactly these. Call names and arguments travel inside them and are checked against shared/api.ts.

/** IPC names the fixed channels; "find references" on one shows both ends. */
export const IPC = {
  /** call: invoke(name, args) → Result, answered by ipcMain.handle. */
  call: 'berth:call',
  /** streamStart: send(id, name, args); events come back on streamMessage tagged with the id. */
  streamStart: 'berth:stream:start',
  /** streamMessage: main → renderer (id, StreamMessage). */
  streamMessage: 'berth:stream:message',
  /** streamCancel: send(id) stops a stream. */
  streamCancel: 'berth:stream:cancel',
} as const;

/** STREAM_ID_RE is what a stream id may look like: short and plain, so it is safe as a map key and in logs. */
export const STREAM_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** isStreamId checks a stream id that came from the renderer. */
export function isStreamId(id: unknown): id is string {
  return typeof id === 'string' && STREAM_ID_RE.test(id);
}
