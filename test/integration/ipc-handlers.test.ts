// Electron's IPC handlers (electron/main/ipc-handlers.ts) driven through a fake ipcMain and fake senders,
// serving the real BerthService against real registries. Electron itself is not needed: the handlers are
// written against the small part of its API they use.

import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { BerthService } from '../../electron/core/service/berth-service';
import { fileLocation } from '../../electron/main/app-location';
import {
  type IpcEventLike,
  type IpcMainLike,
  type IpcRegistration,
  registerIpc,
  type SenderLike,
} from '../../electron/main/ipc-handlers';
import { type FrameLike, isTrustedFrame } from '../../electron/main/sender-trust';
import type { CatalogEvent, RegistrySummary, StreamMessage } from '../../shared/api';
import type { Result } from '../../shared/errors';
import { IPC } from '../../shared/ipc-channels';
import { memoryService } from '../harness/memory-service';
import { pushImage } from '../harness/push';
import { type RunningRegistry, startRegistry } from '../harness/registry';

type Listener = (event: IpcEventLike, ...args: unknown[]) => unknown;

/** FakeIpcMain records what registerIpc registers and lets the test play the renderer. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  readonly listeners = new Map<string, Set<Listener>>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  on(channel: string, listener: Listener): void {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
  }
  removeListener(channel: string, listener: Listener): void {
    this.listeners.get(channel)?.delete(listener);
  }
  /** invoke plays ipcRenderer.invoke. */
  async invoke(event: IpcEventLike, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
  /** send plays ipcRenderer.send. */
  send(event: IpcEventLike, channel: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(event, ...args);
  }
}

/** FakeSender plays a WebContents: it records what main sends and can be destroyed. */
class FakeSender extends EventEmitter implements SenderLike {
  readonly sent: { channel: string; args: unknown[] }[] = [];
  private destroyed = false;
  constructor(readonly id: number) {
    super();
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
    this.emit('sent');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
  /** messages returns what a stream has received so far. */
  messages(id: string): StreamMessage[] {
    return this.sent
      .filter((m) => m.channel === IPC.streamMessage && m.args[0] === id)
      .map((m) => m.args[1] as StreamMessage);
  }
  /** until resolves once the stream's messages satisfy `done`. */
  until(id: string, done: (messages: StreamMessage[]) => boolean): Promise<StreamMessage[]> {
    return new Promise((resolve) => {
      const check = () => {
        const messages = this.messages(id);
        if (!done(messages)) return;
        this.off('sent', check);
        resolve(messages);
      };
      this.on('sent', check);
      check();
    });
  }
}

const location = fileLocation('/opt/berth/dist/renderer');
const appUrl = `${location.kind === 'file' ? location.indexUrl : ''}#/registries`;
const mainFrame: FrameLike = { url: appUrl, processId: 4, frameToken: 'main-token', parent: null };
const PASSWORD = 'ipc-Secret-never-sent-back';

let dir: string;
let reg: RunningRegistry;
let ipc: FakeIpcMain;
let service: BerthService;
let registration: IpcRegistration;
let sender: FakeSender;
let replies: unknown[];
/** signals are the abort signals the service's streams were given, newest last. */
let signals: AbortSignal[];

const trusted = (frame: FrameLike | null = mainFrame, s: FakeSender = sender): IpcEventLike => ({
  sender: s,
  senderFrame: frame,
});

async function call(name: unknown, args: unknown, event = trusted()): Promise<Result<unknown>> {
  const reply = (await ipc.invoke(event, IPC.call, name, args)) as Result<unknown>;
  replies.push(reply);
  return reply;
}

async function add(url: string, extra: Record<string, unknown> = {}): Promise<RegistrySummary> {
  const reply = await call('registries.add', { url, ...extra });
  if (!reply.ok) throw new Error(`registries.add failed: ${reply.error.message}`);
  return reply.value as RegistrySummary;
}

function isFinal(messages: StreamMessage[]): boolean {
  return messages.some((m) => m.kind !== 'event');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-ipc-'));
  reg = await startRegistry({ auth: 'htpasswd', users: { alice: PASSWORD } });
  await pushImage(reg.url, 'team/app', { tags: ['1.0'] }, { username: 'alice', password: PASSWORD });
});

afterAll(async () => {
  await reg?.stop();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  ipc = new FakeIpcMain();
  service = memoryService({
    host: 'electron',
    env: { DOCKER_CONFIG: join(dir, 'no-docker') },
  });
  signals = [];
  // The real service, with its streams' abort signals recorded to show that a stream was stopped, not muted.
  const observed = new Proxy(service, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop !== 'catalog.list') return value;
      return (args: never, signal: AbortSignal) => {
        signals.push(signal);
        return value.call(target, args, signal);
      };
    },
  });
  registration = registerIpc(ipc, observed, (event) =>
    isTrustedFrame(event.senderFrame, mainFrame, location),
  );
  sender = new FakeSender(1);
  replies = [];
});

afterEach(async () => {
  registration.dispose();
  await registration.idle();
  await service.close();
});

describe('sender check', () => {
  const untrusted: [string, FrameLike | null][] = [
    ['a subframe of the app page', { ...mainFrame, frameToken: 'child', parent: mainFrame }],
    ['the main frame showing another site', { ...mainFrame, url: 'https://evil.example/' }],
    ['another file on disk', { ...mainFrame, url: 'file:///tmp/evil.html' }],
    ['a frame in another process', { ...mainFrame, processId: 99 }],
    ['a frame that is gone', null],
  ];

  it.each(untrusted)('refuses calls from %s and runs nothing', async (_, frame) => {
    const reply = await call('registries.add', { url: reg.host }, trusted(frame));
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('registries.list', {})).toEqual({ ok: true, value: [] });
  });

  it.each(untrusted)('answers no stream to %s', async (_, frame) => {
    const { id } = await add(reg.host, { username: 'alice', secret: PASSWORD });
    ipc.send(trusted(frame), IPC.streamStart, 'untrusted-1', 'catalog.list', { registryId: id });
    await registration.idle();
    expect(sender.sent).toEqual([]);
  });

  it('accepts the app page whatever its hash route', async () => {
    const frame = { ...mainFrame, url: `${appUrl.split('#')[0]}#/repositories/x` };
    expect(await call('app.info', {}, trusted(frame))).toMatchObject({
      ok: true,
      value: { host: 'electron', secretProtection: 'memory' },
    });
  });
});

describe('calls', () => {
  it('answers an unknown call with INVALID_INPUT', async () => {
    expect(await call('registries.drop', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call({ toString: 'x' }, {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('__proto__', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('answers bad arguments with INVALID_INPUT', async () => {
    for (const args of [{ url: 5 }, { url: reg.host, extra: true }, 'x', [reg.host]]) {
      expect(await call('registries.add', args)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringContaining('registries.add') },
      });
    }
    expect(await call('registries.list', {})).toEqual({ ok: true, value: [] });
  });

  it('adds and lists registries, and never sends the secret back', async () => {
    const added = await add(reg.host, { username: 'alice', secret: PASSWORD });
    expect(added).toMatchObject({ host: reg.host, username: 'alice', hasSecret: true });
    const list = await call('registries.list', {});
    expect(list).toEqual({ ok: true, value: [added] });

    ipc.send(trusted(), IPC.streamStart, 'cat-1', 'catalog.list', { registryId: added.id });
    const messages = await sender.until('cat-1', isFinal);
    expect(messages).toEqual([
      { kind: 'event', event: { type: 'page', repositories: ['team/app'], total: 1 } },
      { kind: 'end' },
    ]);
    const everything = JSON.stringify([replies, sender.sent]);
    expect(everything).not.toContain(PASSWORD);
  });
});

describe('streams', () => {
  let registryId: string;
  beforeEach(async () => {
    ({ id: registryId } = await add(inject('fixtureRegistryUrl')));
  });

  it('sends the catalog page by page, then end', async () => {
    ipc.send(trusted(), IPC.streamStart, 'cat-all', 'catalog.list', { registryId });
    const messages = await sender.until('cat-all', isFinal);
    expect(messages.at(-1)).toEqual({ kind: 'end' });
    const pages = messages.slice(0, -1).map((m) => (m as { event: CatalogEvent }).event);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.every((p) => p.type === 'page')).toBe(true);
    const totals = pages.map((p) => p.total);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    expect(totals.at(-1)).toBe(pages.flatMap((p) => p.repositories).length);
  });

  it('stops a stream when it is cancelled', async () => {
    ipc.send(trusted(), IPC.streamStart, 'cat-cancel', 'catalog.list', { registryId });
    const first = await sender.until('cat-cancel', (m) => m.length > 0);
    ipc.send(trusted(), IPC.streamCancel, 'cat-cancel');
    await registration.idle();
    expect(first).toHaveLength(1);
    expect(sender.messages('cat-cancel')).toEqual(first); // nothing after the cancel, no `end`
    expect(signals.at(-1)?.aborted).toBe(true);
  });

  it('stops the streams of a page that closed', async () => {
    ipc.send(trusted(), IPC.streamStart, 'cat-closed', 'catalog.list', { registryId });
    await sender.until('cat-closed', (m) => m.length > 0);
    const before = sender.messages('cat-closed').length;
    sender.destroy();
    await registration.idle();
    expect(sender.messages('cat-closed')).toHaveLength(before);
    expect(isFinal(sender.messages('cat-closed'))).toBe(false);
    expect(signals.at(-1)?.aborted).toBe(true);
  });

  it('stops the streams of a page that navigated (a reload)', async () => {
    ipc.send(trusted(), IPC.streamStart, 'cat-reload', 'catalog.list', { registryId });
    await sender.until('cat-reload', (m) => m.length > 0);
    sender.emit('did-navigate');
    await registration.idle();
    expect(isFinal(sender.messages('cat-reload'))).toBe(false);
    expect(signals.at(-1)?.aborted).toBe(true);
  });

  it("does not let one window cancel another's stream", async () => {
    const other = new FakeSender(2);
    ipc.send(trusted(), IPC.streamStart, 'shared-id', 'catalog.list', { registryId });
    ipc.send(trusted(mainFrame, other), IPC.streamCancel, 'shared-id');
    const messages = await sender.until('shared-id', isFinal);
    expect(messages.at(-1)).toEqual({ kind: 'end' });
    expect(other.sent).toEqual([]);
    expect(signals.at(-1)?.aborted).toBe(false);
  });

  it('answers an unknown stream or bad arguments with INVALID_INPUT', async () => {
    ipc.send(trusted(), IPC.streamStart, 'nope', 'catalog.drop', { registryId });
    ipc.send(trusted(), IPC.streamStart, 'bad-args', 'catalog.list', { registryId: 'NOT AN ID' });
    for (const id of ['nope', 'bad-args']) {
      const [message] = await sender.until(id, isFinal);
      expect(message).toMatchObject({ kind: 'error', error: { code: 'INVALID_INPUT' } });
    }
  });

  it('ignores stream ids that are not short plain strings', async () => {
    for (const id of [42, '', 'x'.repeat(65), 'a/b', '../x', null, { id: 'x' }]) {
      ipc.send(trusted(), IPC.streamStart, id, 'catalog.list', { registryId });
    }
    await registration.idle();
    expect(sender.sent).toEqual([]);
  });

  it('removes its handlers when disposed', async () => {
    registration.dispose();
    expect(ipc.handlers.size).toBe(0);
    expect([...ipc.listeners.values()].every((set) => set.size === 0)).toBe(true);
    await expect(ipc.invoke(trusted(), IPC.call, 'app.info', {})).rejects.toThrow(/No handler/);
  });
});
