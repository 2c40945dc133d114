// CatalogStatus is the progress line of a streaming catalog: "Loading… 1,000 repositories so far", then
// "2,008 repositories".

import { countOf, formatCount } from '../lib/text';

/** CatalogStatusProps: the stream's phase and how many names arrived. */
export interface CatalogStatusProps {
  phase: 'loading' | 'done' | 'error';
  total: number;
  manual: number;
  unsupported: boolean;
}

/** CatalogStatus says how far the catalog has loaded, for people and (via data-*) for tests. */
export function CatalogStatus({ phase, total, manual, unsupported }: CatalogStatusProps) {
  const text =
    phase === 'loading'
      ? total === 0
        ? 'Loading…'
        : `Loading… ${formatCount(total)} ${total === 1 ? 'repository' : 'repositories'} so far`
      : unsupported
        ? countOf(manual, 'repository added by hand', 'repositories added by hand')
        : phase === 'error'
          ? `Stopped after ${countOf(total, 'repository', 'repositories')}`
          : countOf(total, 'repository', 'repositories') +
            (manual > 0 ? ` · ${formatCount(manual)} added by hand` : '');
  if ((phase === 'error' && total === 0) || (unsupported && manual === 0)) return null;
  return (
    <span
      className={phase === 'loading' ? 'catalog-status loading' : 'catalog-status'}
      role="status"
      aria-live="polite"
      data-testid="catalog-status"
      data-state={phase}
      data-total={total}
    >
      {phase === 'loading' && <span className="spinner spinner-small" aria-hidden="true" />}
      {text}
    </span>
  );
}
