// Dialog is the frame of every modal in Berth: a <dialog> opened with showModal (focus stays inside, the
// page behind is inert), a title it is labelled by, a body and a row of buttons. Escape calls onClose
// rather than closing the element itself, so the screen that rendered the dialog stays the one that
// decides whether it is shown.

import { type FormEvent, type ReactNode, useEffect, useId, useRef } from 'react';

/** DialogProps: the title, the body (children), the buttons, and what Escape (or a submit) does. */
export interface DialogProps {
  title: ReactNode;
  /** intro is a line between the title and the body, such as where a copy comes from. */
  intro?: ReactNode;
  children: ReactNode;
  /** actions are the buttons at the bottom, in reading order (the main one last). */
  actions: ReactNode;
  /** onClose runs on Escape; the dialog closes when the caller stops rendering it. */
  onClose(): void;
  /** onSubmit makes the dialog a form, so Enter in a field submits it. */
  onSubmit?(event: FormEvent): void;
  /** className and bodyClassName add to the frame's and the body's classes. */
  className?: string;
  bodyClassName?: string;
  testId: string;
}

/** Dialog opens as soon as it is rendered and closes when it is removed. */
export function Dialog(props: DialogProps) {
  const { title, intro, children, actions, onClose, onSubmit, testId } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const parts = (
    <>
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {intro}
      <div className={props.bodyClassName ? `dialog-body ${props.bodyClassName}` : 'dialog-body'}>
        {children}
      </div>
      <div className="dialog-actions">{actions}</div>
    </>
  );
  return (
    <dialog
      ref={ref}
      className={props.className ? `dialog ${props.className}` : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      data-testid={testId}
    >
      {onSubmit ? <form onSubmit={onSubmit}>{parts}</form> : parts}
    </dialog>
  );
}
