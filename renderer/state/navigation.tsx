// Where the user is: which screen, which registry, which repository. Kept in sessionStorage so a
// reload (in the `berth ui` browser tab) returns to the same place.

import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

/** Route names every place in the app. */
export type Route =
  | { name: 'home' }
  | { name: 'add' }
  /** focus, when given, is the form field to start in ("Check sign-in details" lands on the password). */
  | { name: 'edit'; registryId: string; focus?: 'secret' }
  | { name: 'registry'; registryId: string; repository: string | null }
  /**
   * The Activity screen, optionally filtered to a repository and tag (its tag-movement history).
   * registryId, when given, is where "Back" returns (the tags view of that repository).
   */
  | { name: 'activity'; repository?: string | null; tag?: string | null; registryId?: string | null }
  /** The Replication screen: rules that copy pushes from one registry to another, and how each is doing. */
  | { name: 'replication' };

const STORAGE_KEY = 'berth.route';

function isRoute(value: unknown): value is Route {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  switch (r.name) {
    case 'home':
    case 'add':
    case 'replication':
      return true;
    case 'edit':
      return typeof r.registryId === 'string' && (r.focus === undefined || r.focus === 'secret');
    case 'registry':
      return typeof r.registryId === 'string' && (r.repository === null || typeof r.repository === 'string');
    case 'activity':
      return ['repository', 'tag', 'registryId'].every(
        (k) => r[k] === undefined || r[k] === null || typeof r[k] === 'string',
      );
    default:
      return false;
  }
}

function savedRoute(): Route {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    return isRoute(parsed) ? parsed : { name: 'home' };
  } catch {
    return { name: 'home' };
  }
}

/** Navigation is the context's value: the current route and how to change it. */
export interface Navigation {
  route: Route;
  navigate(route: Route): void;
}

const NavigationContext = createContext<Navigation | null>(null);

/** NavigationProvider holds the current route. */
export function NavigationProvider({ children }: { children: ReactNode }) {
  const [route, setRoute] = useState<Route>(savedRoute);
  const navigate = useCallback((next: Route) => {
    setRoute(next);
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Storage can be unavailable (private windows); the route then lasts until reload.
    }
  }, []);
  const value = useMemo(() => ({ route, navigate }), [route, navigate]);
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

/** useNavigation reads the current route and the navigate function. */
export function useNavigation(): Navigation {
  const value = useContext(NavigationContext);
  if (!value) throw new Error('useNavigation is used outside NavigationProvider');
  return value;
}
