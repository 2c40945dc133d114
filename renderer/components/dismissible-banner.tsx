// DismissibleBanner is the shape every standing notice shares: an icon, its text, and a "Hide" that lasts
// for this session and only for this text (a new warning shows again).

import { type ReactNode, useState } from 'react';
import { CloseIcon } from './icons';

/** DismissibleBanner shows children until hidden; `dismissKey` names it in sessionStorage, `text` is what was hidden. */
export function DismissibleBanner(props: {
  dismissKey: string;
  text: string;
  icon: ReactNode;
  className: string;
  role: 'alert' | 'note';
  testId: string;
  children: ReactNode;
}) {
  const [hidden, setHidden] = useState(() => sessionStorage.getItem(props.dismissKey) === props.text);
  if (hidden) return null;
  return (
    <div className={props.className} role={props.role} data-testid={props.testId}>
      {props.icon}
      {props.children}
      <button
        type="button"
        className="icon-button"
        aria-label="Hide this notice"
        title="Hide this notice"
        onClick={() => {
          sessionStorage.setItem(props.dismissKey, props.text);
          setHidden(true);
        }}
      >
        <CloseIcon />
      </button>
    </div>
  );
}
