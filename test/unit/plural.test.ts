import { describe, expect, it } from 'vitest';
import { countOf } from '../../renderer/lib/text';
import { nounFor, plural } from '../../shared/plural';

describe('plural', () => {
  it('writes one as singular and every other count as plural', () => {
    expect(plural(1, 'layer')).toBe('1 layer');
    expect(plural(0, 'layer')).toBe('0 layers');
    expect(plural(2, 'layer')).toBe('2 layers');
    expect(plural(1, 'entry', 'entries')).toBe('1 entry');
    expect(plural(3, 'entry', 'entries')).toBe('3 entries');
    expect(nounFor(1, 'push', 'pushes')).toBe('push');
    expect(nounFor(5, 'push', 'pushes')).toBe('pushes');
  });

  it('countOf in the app adds thousands separators and the same rule', () => {
    expect(countOf(1, 'layer', 'layers')).toBe('1 layer');
    expect(countOf(2008, 'repository', 'repositories')).toBe('2,008 repositories');
  });
});
