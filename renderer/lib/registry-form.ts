// The add/edit registry form as plain data: its fields, the checks run as people type, and the input
// the engine receives. Kept free of React so the rules read in one place.

import type { CallArgs, RegistrySummary } from '../../shared/api';
import { isRegistryError } from '../../shared/errors';
import { parseRegistry, type RegistryLocation } from '../../shared/reference';

/** DEFAULT_CONCURRENCY matches the engine's default number of requests in flight. */
export const DEFAULT_CONCURRENCY = 8;

/** RegistryForm is what the form's fields hold, as typed. */
export interface RegistryForm {
  url: string;
  name: string;
  username: string;
  /** secret is a newly typed password or token; blank on edit keeps the saved one. */
  secret: string;
  /** removeSecret is set by "Remove saved password" on edit. */
  removeSecret: boolean;
  insecure: boolean;
  /** skipTlsVerify: do not check the certificate (self-signed); still https, unlike insecure. */
  skipTlsVerify: boolean;
  caFile: string;
  concurrency: string;
}

/** FormErrors holds one sentence per field that is wrong. */
export type FormErrors = Partial<Record<'url' | 'concurrency', string>>;

/** emptyForm is the add form's starting point. */
export function emptyForm(): RegistryForm {
  return {
    url: '',
    name: '',
    username: '',
    secret: '',
    removeSecret: false,
    insecure: false,
    skipTlsVerify: false,
    caFile: '',
    concurrency: String(DEFAULT_CONCURRENCY),
  };
}

/** formFromRegistry fills the edit form from a saved registry; the secret is never sent back, so it starts blank. */
export function formFromRegistry(r: RegistrySummary): RegistryForm {
  return {
    url: r.url,
    name: r.name === r.host || r.name === r.url ? '' : r.name,
    username: r.username ?? '',
    secret: '',
    removeSecret: false,
    insecure: r.insecure,
    skipTlsVerify: r.skipTlsVerify,
    caFile: r.caFile ?? '',
    concurrency: String(r.concurrency),
  };
}

/** locate reads the address the way the engine will, or returns the engine's sentence for what is wrong. */
export function locate(form: RegistryForm): { location: RegistryLocation } | { error: string } {
  try {
    return { location: parseRegistry(form.url, { insecure: form.insecure }) };
  } catch (err) {
    return { error: isRegistryError(err) ? err.message : 'This address cannot be read.' };
  }
}

/** validateForm checks the form before anything is sent; an empty result means it can be sent. */
export function validateForm(form: RegistryForm): FormErrors {
  const errors: FormErrors = {};
  const where = locate(form);
  if ('error' in where) errors.url = where.error;
  const c = form.concurrency.trim();
  const n = Number(c);
  if (c === '' || !Number.isInteger(n) || n < 1 || n > 64) {
    errors.concurrency = 'Use a whole number from 1 to 64 (8 suits most registries).';
  }
  return errors;
}

/** toInput builds what registries.add, .update and .test receive; `editing` keeps a blank secret unchanged. */
export function toInput(form: RegistryForm, editing: boolean): CallArgs<'registries.add'> {
  const secret = form.removeSecret ? null : form.secret !== '' ? form.secret : editing ? undefined : null;
  return {
    url: form.url.trim(),
    name: form.name.trim(),
    username: form.username.trim() || null,
    ...(secret === undefined ? {} : { secret }),
    insecure: form.insecure,
    skipTlsVerify: form.skipTlsVerify,
    caFile: form.caFile.trim() || null,
    concurrency: Number(form.concurrency.trim()),
  };
}
