// The renderer shows people the RegistryError's sentence, never a stack trace or an internal message. The
// engine words registry errors for the app (the CLI adds its own flag hints by reason, in electron/cli);
// what the app adds, it picks by code and reason, never by reading the message.

import { type ErrorCode, type ErrorReason, isRegistryError } from '../../shared/errors';

/** ShownError is an error as a view keeps it: the code (and reason) to branch on and the sentence to show. */
export interface ShownError {
  code: ErrorCode | null;
  message: string;
  reason?: ErrorReason;
}

/** toShownError turns anything a call or stream threw into a code and a sentence for people. */
export function toShownError(err: unknown): ShownError {
  if (isRegistryError(err)) {
    return { code: err.code, message: err.message, ...(err.reason ? { reason: err.reason } : {}) };
  }
  return {
    code: null,
    message: 'Something went wrong while talking to Berth. Try again; if it keeps happening, restart Berth.',
  };
}

/** isSignInProblem says whether an error is about credentials, so a view can offer to edit them. */
export function isSignInProblem(error: ShownError): boolean {
  return error.code === 'UNAUTHORIZED' || error.code === 'FORBIDDEN';
}

/** SettingsFix is what a view says above an error that a registry setting fixes, and its button's words. */
export interface SettingsFix {
  title: string;
  action: string;
  /** focus names the form field the button lands on: the password, for a sign-in problem. */
  focus?: 'secret';
  /** hint is a line saying what to check, when the error's own sentence does not point at the settings. */
  hint?: string;
}

/** settingsFix names, by code and reason, the part of the registry's settings that fixes an error; null when none does. */
export function settingsFix(error: ShownError): SettingsFix | null {
  switch (error.reason) {
    // The three sign-in cases need different fixes: give a login, correct it, or ask for more rights.
    case 'sign-in-required':
      return { title: 'This registry asks you to sign in', action: 'Add sign-in details', focus: 'secret' };
    case 'not-allowed':
      // The engine's sentence says to ask for access; another account, saved here, may already have it.
      return {
        title: 'Signed in, but not allowed',
        action: 'Check sign-in details',
        focus: 'secret',
        hint: 'Check the sign-in details for this registry: another account may be allowed.',
      };
  }
  if (isSignInProblem(error))
    return { title: 'Berth could not sign in', action: 'Check sign-in details', focus: 'secret' };
  switch (error.reason) {
    case 'untrusted-certificate':
      return {
        title: "Berth does not trust this registry's certificate",
        action: 'Check the certificate settings',
      };
    case 'speaks-http':
    case 'speaks-https':
      return { title: 'The registry speaks another protocol', action: 'Check the address' };
    default:
      return null;
  }
}
