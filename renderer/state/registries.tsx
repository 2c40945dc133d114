// The saved registries and what we last learned about each one's connection, shared by the sidebar
// and the views. The engine owns the data; this is the UI's copy, refreshed after every change.

import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { RegistrySummary } from '../../shared/api';
import { api } from '../api';
import { type ShownError, toShownError } from '../lib/errors';

/** Health is what the UI last learned about a registry's connection, drawn as the sidebar's status dot. */
export interface Health {
  state: 'ok' | 'warning' | 'failed';
  /** message says what was found, in the engine's words. */
  message: string;
}

/** RegistriesState is the context's value. */
export interface RegistriesState {
  phase: 'loading' | 'ready' | 'error';
  registries: RegistrySummary[];
  error: ShownError | null;
  health: Readonly<Record<string, Health>>;
  reload(): void;
  /** upsert puts a registry returned by add/update/import into the list. */
  upsert(registry: RegistrySummary): void;
  /** forget drops a removed registry. */
  forget(id: string): void;
  /** setManual replaces a registry's hand-typed repository names after add/removeManual. */
  setManual(id: string, names: string[]): void;
  setHealth(id: string, health: Health | null): void;
}

const RegistriesContext = createContext<RegistriesState | null>(null);

/** RegistriesProvider loads the saved registries once and keeps the UI's copy in step with changes. */
export function RegistriesProvider({ children }: { children: ReactNode }) {
  const [phase, setPhase] = useState<RegistriesState['phase']>('loading');
  const [registries, setRegistries] = useState<RegistrySummary[]>([]);
  const [error, setError] = useState<ShownError | null>(null);
  const [health, setHealthMap] = useState<Record<string, Health>>({});
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    void attempt;
    setPhase('loading');
    api.call('registries.list', {}).then(
      (list) => {
        if (!live) return;
        setRegistries(list);
        setError(null);
        setPhase('ready');
      },
      (err: unknown) => {
        if (!live) return;
        setError(toShownError(err));
        setPhase('error');
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const upsert = useCallback((registry: RegistrySummary) => {
    setRegistries((list) =>
      list.some((r) => r.id === registry.id)
        ? list.map((r) => (r.id === registry.id ? registry : r))
        : [...list, registry],
    );
  }, []);
  const forget = useCallback((id: string) => {
    setRegistries((list) => list.filter((r) => r.id !== id));
    setHealthMap(({ [id]: _, ...rest }) => rest);
  }, []);
  const setManual = useCallback((id: string, names: string[]) => {
    setRegistries((list) => list.map((r) => (r.id === id ? { ...r, manualRepositories: names } : r)));
  }, []);
  const setHealth = useCallback((id: string, next: Health | null) => {
    setHealthMap((map) => {
      const current = map[id];
      if (next === null) {
        if (!current) return map;
        const { [id]: _, ...rest } = map;
        return rest;
      }
      if (current?.state === next.state && current.message === next.message) return map;
      return { ...map, [id]: next };
    });
  }, []);

  const value = useMemo<RegistriesState>(
    () => ({ phase, registries, error, health, reload, upsert, forget, setManual, setHealth }),
    [phase, registries, error, health, reload, upsert, forget, setManual, setHealth],
  );
  return <RegistriesContext.Provider value={value}>{children}</RegistriesContext.Provider>;
}

/** useRegistries reads the saved registries and the actions that change the UI's copy. */
export function useRegistries(): RegistriesState {
  const value = useContext(RegistriesContext);
  if (!value) throw new Error('useRegistries is used outside RegistriesProvider');
  return value;
}
