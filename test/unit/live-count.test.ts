// LiveCount publishes a fast-moving count at a steady pace: listeners hear of the latest value at most every
// `everyMs`, at once when told (the last value, a reset), and never of a value already shown.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveCount } from '../../renderer/lib/live-count';

describe('LiveCount', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('publishes the latest of many changes once per interval', () => {
    const count = new LiveCount(250);
    const heard: number[] = [];
    count.subscribe(() => heard.push(count.get()));
    for (let n = 1; n <= 700; n++) count.set(n);
    expect(count.get()).toBe(0);
    vi.advanceTimersByTime(249);
    expect(heard).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(heard).toEqual([700]);
    count.set(900);
    count.set(1200);
    vi.advanceTimersByTime(250);
    expect(heard).toEqual([700, 1200]);
  });

  it('publishes at once when told, and drops the wait', () => {
    const count = new LiveCount(250);
    const heard: number[] = [];
    count.subscribe(() => heard.push(count.get()));
    count.set(10);
    count.set(1000, true);
    expect(heard).toEqual([1000]);
    vi.advanceTimersByTime(1000);
    expect(heard).toEqual([1000]);
  });

  it('stays quiet when the value is the one shown, and after stop', () => {
    const count = new LiveCount(250);
    const listener = vi.fn();
    const unsubscribe = count.subscribe(listener);
    count.set(0);
    vi.advanceTimersByTime(500);
    expect(listener).not.toHaveBeenCalled();
    count.set(5);
    count.stop();
    vi.advanceTimersByTime(500);
    expect(listener).not.toHaveBeenCalled();
    unsubscribe();
    count.set(7, true);
    expect(listener).not.toHaveBeenCalled();
    expect(count.get()).toBe(7);
  });
});
