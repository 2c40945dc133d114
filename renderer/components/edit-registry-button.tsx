// EditRegistryButton opens a saved registry's settings, from wherever a screen finds something to fix.

import type { ReactNode } from 'react';
import { useNavigation } from '../state/navigation';

/** EditRegistryButtonProps: the registry, the field to start in (if any), the look and the label. */
export interface EditRegistryButtonProps {
  registryId: string;
  /** focus is the form field to start in, such as the password after a failed sign-in. */
  focus?: 'secret' | undefined;
  small?: boolean;
  testId: string;
  children: ReactNode;
}

/** EditRegistryButton navigates to the registry's edit form. */
export function EditRegistryButton({ registryId, focus, small, testId, children }: EditRegistryButtonProps) {
  const { navigate } = useNavigation();
  return (
    <button
      type="button"
      className={small ? 'button button-small' : 'button'}
      onClick={() => navigate({ name: 'edit', registryId, ...(focus ? { focus } : {}) })}
      data-testid={testId}
    >
      {children}
    </button>
  );
}
