// FeedbackText is the sentence after an action: what went wrong in the form's error style, or how it went.

import type { ReactNode } from 'react';

/** Feedback is how an action went: ok, or an error, in words. */
export interface Feedback {
  kind: 'ok' | 'error';
  text: string;
}

/** FeedbackTextProps: the feedback, how it is announced and styled, and optionally what to show instead of its text. */
export interface FeedbackTextProps {
  feedback: Feedback;
  /** role defaults to alert for an error and status for the rest. */
  role?: 'alert' | 'status';
  /** className is always set; okClassName (default muted) only when it went well. */
  className?: string;
  okClassName?: string;
  testId: string;
  children?: ReactNode;
}

/** FeedbackText renders one paragraph. */
export function FeedbackText({
  feedback,
  role,
  className,
  okClassName = 'muted',
  testId,
  children,
}: FeedbackTextProps) {
  const tone = feedback.kind === 'error' ? 'form-error' : okClassName;
  return (
    <p
      className={className ? `${className} ${tone}` : tone}
      role={role ?? (feedback.kind === 'error' ? 'alert' : 'status')}
      data-testid={testId}
    >
      {children ?? feedback.text}
    </p>
  );
}
