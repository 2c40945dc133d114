import { describe, expect, it } from 'vitest';
import { dispatchCall, dispatchStream } from '../../electron/core/api/dispatch';
import type { BerthService } from '../../electron/core/service/berth-service';
import { calls, isCallName, isStreamName, type StreamMessage, streams } from '../../shared/api';
import { type BerthBridge, createApi } from '../../shared/api-client';
import { RegistryError } from '../../shared/errors';
import { memoryService } from '../harness/memory-service';

const service = () =>
  memoryService({
    version: 't',
  });

describe('contract schemas', () => {
  const add = calls['registries.add'].args;
  it('accepts a plain form and trims the address', () => {
    expect(
      add.parse({ url: '  localhost:5000 ', username: 'a', secret: 'b', insecure: false, concurrency: 8 }),
    ).toMatchObject({
      url: 'localhost:5000',
    });
  });
  it.each([
    [{}, 'url'],
    [{ url: '' }, 'the address is empty'],
    [{ url: 'x'.repeat(301) }, 'url'],
    [{ url: 'a', concurrency: 0 }, 'concurrency'],
    [{ url: 'a', concurrency: 1.5 }, 'concurrency'],
    [{ url: 'a', insecure: 'yes' }, 'insecure'],
    [{ url: 'a', isAdmin: true }, 'isAdmin'],
    [{ url: 'a', secret: 'x'.repeat(20_000) }, 'secret'],
  ])('rejects %j', (args, mention) => {
    const r = add.safeParse(args);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain(mention);
  });
  it('checks repository names and references', () => {
    const inspect = calls['images.inspect'].args;
    expect(inspect.safeParse({ registryId: 'r-1', repository: 'team/app', reference: '1.0' }).success).toBe(
      true,
    );
    expect(
      inspect.safeParse({ registryId: 'r-1', repository: 'team/app', reference: `sha256:${'a'.repeat(64)}` })
        .success,
    ).toBe(true);
    expect(inspect.safeParse({ registryId: 'r-1', repository: '../etc', reference: '1.0' }).success).toBe(
      false,
    );
    expect(inspect.safeParse({ registryId: 'R 1', repository: 'app', reference: '1.0' }).success).toBe(false);
    expect(inspect.safeParse({ registryId: 'r-1', repository: 'app', reference: '1.0/../x' }).success).toBe(
      false,
    );
    expect(streams['tags.list'].args.safeParse({ registryId: 'r-1', repository: 'App' }).success).toBe(false);
  });
  it('knows its own names and nothing inherited', () => {
    expect(isCallName('registries.list')).toBe(true);
    expect(isCallName('constructor')).toBe(false);
    expect(isCallName('__proto__')).toBe(false);
    expect(isCallName('catalog.list')).toBe(false);
    expect(isStreamName('catalog.list')).toBe(true);
    expect(isStreamName('toString')).toBe(false);
  });
});

describe('dispatch', () => {
  it('rejects unknown calls and bad arguments as INVALID_INPUT data, never throwing', async () => {
    const s = service();
    expect(await dispatchCall(s, 'constructor', {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await dispatchCall(s, 'close', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const hostile = {
      toString() {
        throw new Error('boom');
      },
    };
    expect(await dispatchCall(s, hostile, {})).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Unknown call "object".' },
    });
    const bad = await dispatchCall(s, 'registries.add', { url: 5 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!bad.ok) expect(bad.error.message).toMatch(/^Invalid arguments for registries.add: url: /);
    expect(await dispatchCall(s, 'registries.list', undefined)).toEqual({ ok: true, value: [] });
  });
  it('ends a stream with exactly one error for bad arguments', async () => {
    const messages: StreamMessage[] = [];
    await dispatchStream(
      service(),
      'catalog.list',
      { registryId: 'nope!' },
      (m) => messages.push(m),
      new AbortController().signal,
    );
    expect(messages).toEqual([{ kind: 'error', error: expect.objectContaining({ code: 'INVALID_INPUT' }) }]);
  });
});

describe('createApi', () => {
  // An in-process bridge straight onto dispatch: the same path as IPC and HTTP, minus the wire.
  const bridge = (s: BerthService): BerthBridge => ({
    invoke: (name, args) => dispatchCall(s, name, args),
    stream: (name, args, onMessage) => {
      const ctl = new AbortController();
      void dispatchStream(s, name, args, onMessage, ctl.signal);
      return () => ctl.abort();
    },
  });

  it('returns typed values and rebuilds typed errors', async () => {
    const api = createApi(bridge(service()));
    expect(await api.call('registries.list', {})).toEqual([]);
    const err = await api.call('registries.remove', { id: 'r-missing' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).code).toBe('NOT_FOUND');
  });

  it('rejects a failed stream’s done promise with the typed error', async () => {
    const api = createApi(bridge(service()));
    const handle = api.stream('catalog.list', { registryId: 'r-missing' }, () => {});
    await expect(handle.done).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('treats an unknown error code from the other side as PROTOCOL', async () => {
    const api = createApi({
      invoke: async () => ({ ok: false, error: { code: 'WEIRD' as never, message: '' } }),
      stream: () => () => {},
    });
    await expect(api.call('registries.list', {})).rejects.toMatchObject({
      code: 'PROTOCOL',
      message: expect.stringContaining('no reason'),
    });
  });
});
