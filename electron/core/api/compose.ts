// Composing the Api from its domains: each domain (registries, browsing, Activity…) is an object whose
// contract calls are methods named as the contract names them ('registries.list'). handlersOf lifts those
// methods off one object, bound to it, so the service can spread several domains into one object typed
// `Api`: a call no domain implements, or implements with the wrong signature, is then a compile error.

/** ContractKey is a method name shaped like a contract name: a domain, a dot, a verb. */
type ContractKey<T> = { [K in keyof T]: K extends `${string}.${string}` ? K : never }[keyof T];

/** Handlers are the contract-named methods of T. */
export type Handlers<T> = Pick<T, ContractKey<T>>;

/** handlersOf returns the contract-named methods of `domain` (own or from its class), bound to it. */
export function handlersOf<T extends object>(domain: T): Handlers<T> {
  const out: Record<string, unknown> = {};
  const names = new Set([
    ...Object.getOwnPropertyNames(Object.getPrototypeOf(domain)),
    ...Object.getOwnPropertyNames(domain),
  ]);
  for (const name of names) {
    const value = (domain as Record<string, unknown>)[name];
    if (name.includes('.') && typeof value === 'function') out[name] = value.bind(domain);
  }
  return out as Handlers<T>;
}
