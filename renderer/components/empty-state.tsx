// EmptyState fills a view that loaded fine but has nothing to show, and says why.

import type { ReactNode } from 'react';

/** EmptyStateProps: an icon, a title, a sentence and optional actions. */
export interface EmptyStateProps {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  testId?: string;
}

/** EmptyState explains an empty list in plain words. */
export function EmptyState({ icon, title, children, testId }: EmptyStateProps) {
  return (
    <div className="placeholder" data-testid={testId ?? 'empty-state'}>
      {icon && <span className="placeholder-icon">{icon}</span>}
      <h2 className="placeholder-title">{title}</h2>
      {children}
    </div>
  );
}
