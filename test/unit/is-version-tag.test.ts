import { describe, expect, it } from 'vitest';
import { isVersionTag, parseVersion } from '../../shared/version';

describe('isVersionTag (told without the parse cache for plain names and releases)', () => {
  it('says the same as parseVersion on plain, tricky and non-version tags', () => {
    const tags = [
      ...'1 1.2 1.2.3 01.2 1.02 1..2 .1 1. 1.2.3.4.5 v1 v1.2 v 1a 1.2-rc1 1.2+b1 2.0.1-rc.1 latest main'.split(
        ' ',
      ),
      ...'branch-12 20240501 9007199254740993 1234567890123456.1 123456789012345.1 1.2.3- v1.2.3-alpha'.split(
        ' ',
      ),
      ...'sha256-abc 1.2.x x1.2 V1.2 ٣.١'.split(' '),
      '',
    ];
    for (const tag of tags) expect(isVersionTag(tag), tag).toBe(parseVersion(tag) !== null);
  });
});
