import type { SecretProtection } from '../../../shared/api';

/** secretWarning is the honest sentence the UI shows about how passwords are kept, or null when they are safe. */
export function secretWarning(protection: SecretProtection, where?: string): string | null {
  switch (protection) {
    case 'keychain':
      return null;
    case 'basic_text':
      return 'No keyring (such as GNOME Keyring or KWallet) was found, so saved passwords are not protected: anyone who can read your files can read them. Install and unlock a keyring to protect them.';
    case 'file':
      return `Saved passwords are kept in a file only your user can read${where ? ` (${where})` : ''}, but they are not encrypted.`;
    case 'memory':
      return 'Passwords are kept only until Berth stops; you will be asked again next time.';
  }
}
