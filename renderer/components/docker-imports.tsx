// DockerImports offers the registries Docker already knows a login for, as one-click imports.

import { useState } from 'react';
import type { RegistrySummary } from '../../shared/api';
import { api } from '../api';
import { useCall } from '../hooks/use-call';
import { type ShownError, toShownError } from '../lib/errors';
import { PlusIcon } from './icons';

/** DockerImports lists Docker logins not yet added; it renders nothing when there are none. */
export function DockerImports({ onImported }: { onImported(registry: RegistrySummary): void }) {
  const [state] = useCall('registries.dockerLogins', {});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ShownError | null>(null);

  if (state.phase === 'loading') return null;
  if (state.phase === 'error') {
    return (
      <p className="muted small" data-testid="docker-logins-error">
        Could not read Docker's saved logins: {state.error.message}
      </p>
    );
  }
  const logins = state.value.filter((l) => !l.alreadyAdded);
  if (logins.length === 0) return null;

  const importLogin = async (host: string) => {
    setBusy(host);
    setError(null);
    try {
      onImported(await api.call('registries.importDocker', { host }));
    } catch (err) {
      setError(toShownError(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card" aria-labelledby="docker-imports-title" data-testid="docker-imports">
      <h2 id="docker-imports-title" className="card-title">
        Found in Docker
      </h2>
      <p className="muted">
        You are signed in to these registries with Docker. Add one with a click; Berth reads the password from
        Docker each time, so it is not copied.
      </p>
      <ul className="import-list">
        {logins.map((l) => (
          <li key={l.host} className="import-item">
            <span className="import-text">
              <span className="import-host">{l.host}</span>
              <span className="muted small">
                {l.username ? `${l.username} · ` : ''}from {l.source}
              </span>
            </span>
            <button
              type="button"
              className="button"
              disabled={busy !== null}
              onClick={() => void importLogin(l.host)}
              data-testid="docker-import"
              data-host={l.host}
            >
              <PlusIcon /> {busy === l.host ? 'Adding…' : 'Add'}
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
    </section>
  );
}
