import { RegistryError } from '../../shared/errors';

/** failure awaits a promise that must reject with a RegistryError and returns that error. */
export async function failure(p: Promise<unknown>): Promise<RegistryError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RegistryError) return e;
    throw e;
  }
  throw new Error('expected a RegistryError');
}
