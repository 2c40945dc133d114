// ErrorState tells people what went wrong in the engine's words and offers what they can do next.

import type { ReactNode } from 'react';
import type { ShownError } from '../lib/errors';
import { ReloadIcon, WarningIcon } from './icons';

/** ErrorStateProps: the error, an optional title, a Retry action and extra actions. */
export interface ErrorStateProps {
  title: string;
  error: ShownError;
  /** hint is a line under the error's sentence saying what to check, such as the sign-in details. */
  hint?: string | undefined;
  onRetry?: () => void;
  children?: ReactNode;
  testId?: string;
}

/** ErrorState shows the error's sentence (never a stack trace) with Retry and any extra actions. */
export function ErrorState({ title, error, hint, onRetry, children, testId }: ErrorStateProps) {
  return (
    <div className="placeholder placeholder-error" role="alert" data-testid={testId ?? 'error-state'}>
      <WarningIcon size={28} className="placeholder-icon" />
      <h2 className="placeholder-title">{title}</h2>
      <p className="placeholder-text" data-testid="error-message">
        {error.message}
      </p>
      {hint && (
        <p className="placeholder-text" data-testid="error-hint">
          {hint}
        </p>
      )}
      <div className="placeholder-actions">
        {onRetry && (
          <button type="button" className="button" onClick={onRetry} data-testid="retry">
            <ReloadIcon /> Retry
          </button>
        )}
        {children}
      </div>
    </div>
  );
}
