// ManualRepositories lets people type repository names for a registry that does not list its own,
// and shows the names added so far with a way to remove each.

import { type FormEvent, useState } from 'react';
import type { RegistrySummary } from '../../shared/api';
import { REPOSITORY_RE } from '../../shared/reference';
import { api } from '../api';
import { type ShownError, toShownError } from '../lib/errors';
import { parseRepositoryNames } from '../lib/repository-name';
import { useRegistries } from '../state/registries';
import { CloseIcon, PlusIcon } from './icons';

/** cleanName accepts a pasted `host/team/app:1.0` as `team/app`; people copy whole image references. */
function cleanName(raw: string, host: string): string {
  let name = raw.toLowerCase();
  if (name.startsWith(`${host}/`)) name = name.slice(host.length + 1);
  return name.replace(/@.*$/, '').replace(/:[^/]*$/, '');
}

/** ManualRepositories is the "add by name" form plus the list of names added by hand. */
export function ManualRepositories({ registry }: { registry: RegistrySummary }) {
  const { setManual } = useRegistries();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const names = parseRepositoryNames(text).map((n) => cleanName(n, registry.host));
    if (names.length === 0) {
      setProblem('Type a repository name, for example team/app.');
      return;
    }
    const bad = names.find((n) => !REPOSITORY_RE.test(n));
    if (bad) {
      setProblem(
        `“${bad}” is not a repository name. Names use lower-case letters, digits and . _ - in parts separated by /, like team/app.`,
      );
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      setManual(registry.id, await api.call('repositories.addManual', { registryId: registry.id, names }));
      setText('');
    } catch (err) {
      setFailure(toShownError(err));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (name: string) => {
    setFailure(null);
    try {
      setManual(registry.id, await api.call('repositories.removeManual', { registryId: registry.id, name }));
    } catch (err) {
      setFailure(toShownError(err));
    }
  };

  return (
    <div className="manual" data-testid="manual-repositories">
      <form className="manual-form" onSubmit={add} noValidate>
        <label className="field-label" htmlFor="manual-name">
          Repository name
        </label>
        <div className="manual-row">
          <input
            id="manual-name"
            type="text"
            className="input"
            value={text}
            placeholder="team/app"
            spellCheck={false}
            autoCapitalize="off"
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'manual-problem' : undefined}
            onChange={(e) => {
              setText(e.target.value);
              setProblem(null);
            }}
            data-testid="manual-input"
          />
          <button type="submit" className="button" disabled={busy} data-testid="manual-add">
            <PlusIcon /> Add
          </button>
        </div>
        {problem && (
          <p className="field-error" id="manual-problem" data-testid="manual-problem">
            {problem}
          </p>
        )}
      </form>
      {failure && (
        <p className="form-error" role="alert">
          {failure.message}
        </p>
      )}
      {registry.manualRepositories.length > 0 && (
        <ul className="chips" aria-label="Repositories added by hand">
          {registry.manualRepositories.map((name) => (
            <li key={name} className="chip" data-testid="manual-chip" data-name={name}>
              <span>{name}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove ${name} from the list`}
                title={`Remove ${name} from the list`}
                onClick={() => void remove(name)}
                data-testid="manual-remove"
              >
                <CloseIcon size={12} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
