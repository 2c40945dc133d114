// Catching the RegistryError a synchronous call throws, so a test can assert on its code and reason.

import { RegistryError } from '../../shared/errors';

/** thrown runs fn and returns the RegistryError it throws; any other error, or none, fails the test. */
export function thrown(fn: () => unknown): RegistryError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RegistryError) return e;
    throw e;
  }
  throw new Error('expected a RegistryError');
}
