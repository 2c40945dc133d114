/** ResourceAccess is one entry of a registry token's `access` claim. */
export interface ResourceAccess {
  type: string;
  name: string;
  actions: string[];
}

/** parseScope reads 'type:name:actions'; the name may itself hold ':' (a host:port prefix), so split at both ends. */
export function parseScope(scope: string): ResourceAccess | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first <= 0 || last <= first) return undefined;
  const actions = scope
    .slice(last + 1)
    .split(',')
    .filter((action) => action !== '');
  return { type: scope.slice(0, first), name: scope.slice(first + 1, last), actions };
}

/**
 * grantAccess decides what an issuer grants: everything asked on repositories and the catalog, to signed-in
 * users only, except the resource names in `denied` (e.g. `catalog`, `secret/app`), which it leaves out of
 * the token as a real issuer does for a user without the right (the registry then answers insufficient_scope).
 */
export function grantAccess(
  scopes: string[],
  authenticated: boolean,
  denied: readonly string[] = [],
): ResourceAccess[] {
  if (!authenticated) return [];
  const granted: ResourceAccess[] = [];
  for (const scope of scopes) {
    const access = parseScope(scope);
    if (!access || denied.includes(access.name)) continue;
    const isRepository = access.type === 'repository' || access.type.startsWith('repository(');
    const isCatalog = access.type === 'registry' && access.name === 'catalog';
    if (isRepository || isCatalog) granted.push(access);
  }
  return granted;
}
