// RequestDeadline's signal ends an exchange when the deadline passes or when the caller's signal aborts (it
// follows the caller instead of an AbortSignal.any per request); once cleared it lets the caller go.

import { describe, expect, it } from 'vitest';
import { RequestDeadline } from '../../electron/core/registry/deadline';

const LONG = 60_000;

describe('RequestDeadline and the caller’s signal', () => {
  it('aborts with the caller’s reason, and says the deadline did not expire', () => {
    const caller = new AbortController();
    const deadline = new RequestDeadline(LONG, 1024, caller.signal);
    expect(deadline.signal.aborted).toBe(false);
    const reason = new Error('the screen closed');
    caller.abort(reason);
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.signal.reason).toBe(reason);
    expect(deadline.expired).toBe(false);
    deadline.clear();
  });

  it('starts aborted when the caller already went away', () => {
    const caller = new AbortController();
    caller.abort(new Error('gone'));
    const deadline = new RequestDeadline(LONG, 1024, caller.signal);
    expect(deadline.signal.aborted).toBe(true);
    deadline.clear();
  });

  it('lets the caller go once cleared, but still follows it after stopTimer (a streamed body)', () => {
    const caller = new AbortController();
    const cleared = new RequestDeadline(LONG, 1024, caller.signal);
    const streaming = new RequestDeadline(LONG, 1024, caller.signal);
    cleared.clear();
    streaming.stopTimer();
    caller.abort(new Error('gone'));
    expect(cleared.signal.aborted).toBe(false);
    expect(streaming.signal.aborted).toBe(true);
  });

  it('expires on its own without a caller', async () => {
    const deadline = new RequestDeadline(20, 1024);
    await new Promise((resolve) => deadline.signal.addEventListener('abort', resolve, { once: true }));
    expect(deadline.expired).toBe(true);
  });
});
