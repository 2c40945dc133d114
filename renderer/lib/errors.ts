// The renderer shows people the RegistryError's sentence, never a stack trace or an internal message.

import { type ErrorCode, isRegistryError } from '../../shared/errors';

/** ShownError is an error as a view keeps it: the code to branch on and the sentence to show. */
export interface ShownError {
  code: ErrorCode | null;
  message: string;
}

/** toShownError turns anything a call or stream threw into a code and a sentence for people. */
export function toShownError(err: unknown): ShownError {
  if (isRegistryError(err)) return { code: err.code, message: err.message };
  return {
    code: null,
    message: 'Something went wrong while talking to Berth. Try again; if it keeps happening, restart Berth.',
  };
}

/** isSignInProblem says whether an error is about credentials, so a view can offer to edit them. */
export function isSignInProblem(error: ShownError): boolean {
  return error.code === 'UNAUTHORIZED' || error.code === 'FORBIDDEN';
}
