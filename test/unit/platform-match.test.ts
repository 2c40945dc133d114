import { describe, expect, it } from 'vitest';
import type { Platform } from '../../shared/model';
import { choosePlatform, parsePlatform, platformList } from '../../shared/platform-match';

const entry = (name: string) => {
  const [os, architecture, variant] = name.split('/') as [string, string, string | undefined];
  const platform: Platform = variant ? { os, architecture, variant } : { os, architecture };
  return { name, platform };
};
const pick = (wanted: string, names: string[]) => {
  const choice = choosePlatform(names.map(entry), parsePlatform(wanted)!);
  if (choice.kind === 'one') return choice.entry.name;
  if (choice.kind === 'ambiguous') return choice.entries.map((e) => e.name);
  return null;
};

describe('parsePlatform', () => {
  it('reads os/arch and os/arch/variant, in any case, around spaces', () => {
    expect(parsePlatform('linux/amd64')).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(parsePlatform(' Linux/ARM64/v8 ')).toEqual({ os: 'linux', architecture: 'arm64', variant: 'v8' });
    expect(parsePlatform('windows/amd64')).toEqual({ os: 'windows', architecture: 'amd64' });
  });

  it('refuses other shapes', () => {
    for (const bad of [
      '',
      'amd64',
      'linux/',
      '/amd64',
      'linux/arm/v7/extra',
      'linux//v7',
      'linux/amd 64',
      'linux/\x1b',
    ]) {
      expect(parsePlatform(bad)).toBeNull();
    }
  });
});

describe('choosePlatform', () => {
  const index = ['linux/amd64', 'linux/arm64/v8', 'linux/arm/v6', 'linux/arm/v7', 'windows/amd64'];

  it('finds the one entry for os/arch, with or without the variant', () => {
    expect(pick('linux/amd64', index)).toBe('linux/amd64');
    expect(pick('linux/arm64', index)).toBe('linux/arm64/v8');
    expect(pick('linux/arm64/v8', index)).toBe('linux/arm64/v8');
    expect(pick('linux/arm/v7', index)).toBe('linux/arm/v7');
    expect(pick('windows/amd64', index)).toBe('windows/amd64');
  });

  it('says when several variants fit rather than guessing', () => {
    expect(pick('linux/arm', index)).toEqual(['linux/arm/v6', 'linux/arm/v7']);
  });

  it('prefers the entry without a variant when none was asked for', () => {
    expect(pick('linux/arm64', ['linux/arm64', 'linux/arm64/v8'])).toBe('linux/arm64');
  });

  it('finds nothing for a platform the image lacks or a variant it does not have', () => {
    expect(pick('linux/s390x', index)).toBeNull();
    expect(pick('linux/arm64/v9', index)).toBeNull();
    expect(pick('darwin/amd64', index)).toBeNull();
    expect(pick('linux/amd64', [])).toBeNull();
  });
});

describe('platformList', () => {
  it('writes platforms for a sentence', () => {
    expect(platformList(['linux/amd64', 'linux/arm/v7'].map(entry))).toBe('linux/amd64, linux/arm/v7');
  });
});
