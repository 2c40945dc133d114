// What a list of tag moves shows before it has moves to list: the error, "Loading…", or why it is empty.

import type { ReactNode } from 'react';
import type { TagMove } from '../../../shared/events';

/**
 * movesPlaceholder is the line to show instead of the list (an error, loading, or `empty` when there are
 * no moves), or null when the moves are there to be listed.
 */
export function movesPlaceholder(
  error: string | null | undefined,
  moves: readonly TagMove[] | null,
  empty: { text: string; testId: string },
  className = 'muted',
): ReactNode {
  if (error)
    return (
      <p className="field-error" role="alert">
        {error}
      </p>
    );
  if (moves === null)
    return (
      <p className={className} role="status">
        Loading…
      </p>
    );
  if (moves.length === 0)
    return (
      <p className={className} data-testid={empty.testId}>
        {empty.text}
      </p>
    );
  return null;
}
