// RegistryErrorState is a screen's error about one registry (its repositories, a repository's tags), with
// the button to the setting that fixes it: both screens say the same thing for the same error.

import type { ReactNode } from 'react';
import { type ShownError, settingsFix } from '../lib/errors';
import { EditRegistryButton } from './edit-registry-button';
import { ErrorState } from './error-state';
import { EditIcon } from './icons';

/** RegistryErrorStateProps: the registry, its error, the title and edit label when no setting fixes it. */
export interface RegistryErrorStateProps {
  registryId: string;
  error: ShownError;
  /** title is shown when no setting fixes the error. */
  title: string;
  /** editLabel, when given, keeps an "edit" button for errors that no setting is known to fix. */
  editLabel?: string;
  onRetry(): void;
  testId: string;
  children?: ReactNode;
}

/** RegistryErrorState shows the error, what to check, Retry and the way to the registry's settings. */
export function RegistryErrorState(props: RegistryErrorStateProps) {
  const fix = settingsFix(props.error);
  const label = fix?.action ?? props.editLabel;
  return (
    <ErrorState
      title={fix?.title ?? props.title}
      error={props.error}
      hint={fix?.hint}
      onRetry={props.onRetry}
      testId={props.testId}
    >
      {label && (
        <EditRegistryButton registryId={props.registryId} focus={fix?.focus} testId="error-edit-registry">
          <EditIcon /> {label}
        </EditRegistryButton>
      )}
      {props.children}
    </ErrorState>
  );
}
