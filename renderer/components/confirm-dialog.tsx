// ConfirmDialog asks before going ahead (removing, saving despite a failed test), in the modal Dialog
// frame (focus trapped, Escape cancels).

import type { ReactNode } from 'react';
import { Dialog } from './dialog';

/** ConfirmDialogProps: the question, the action's label, and what to do either way. */
export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  /** tone is the confirm button's look: red for what cannot be undone (the default), blue for a plain go-ahead. */
  tone?: 'danger' | 'primary';
  onConfirm(): void;
  onCancel(): void;
}

/** ConfirmDialog opens as soon as it is rendered and closes when it is removed. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  busy,
  tone = 'danger',
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      testId="confirm-dialog"
      actions={
        <>
          <button type="button" className="button" onClick={onCancel} data-testid="confirm-cancel">
            Cancel
          </button>
          <button
            type="button"
            className={`button button-${tone}`}
            onClick={onConfirm}
            disabled={busy}
            data-testid="confirm-ok"
          >
            {confirmLabel}
          </button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
