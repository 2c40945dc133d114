// Sidebar lists the saved registries (name, address, status dot) and offers "Add registry".

import type { KeyboardEvent } from 'react';
import { useNavigation } from '../state/navigation';
import { useRegistries } from '../state/registries';
import { ActivityIcon, PlusIcon, RegistryIcon, ReloadIcon, ReplicateIcon } from './icons';
import { StatusDot } from './status-dot';

/** moveFocus lets ArrowUp/ArrowDown walk the registry buttons, as in a desktop sidebar. */
function moveFocus(event: KeyboardEvent<HTMLUListElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button.sidebar-item')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  event.preventDefault();
  const next = buttons[Math.max(0, Math.min(buttons.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))];
  next?.focus();
}

/** SCREENS are the app-wide screens the sidebar opens, above the registries. */
const SCREENS: readonly { name: 'activity' | 'replication'; label: string; Icon: typeof ActivityIcon }[] = [
  { name: 'activity', label: 'Activity', Icon: ActivityIcon },
  { name: 'replication', label: 'Replication', Icon: ReplicateIcon },
];

/** Sidebar is the app's left column. */
export function Sidebar() {
  const { phase, registries, error, health, reload } = useRegistries();
  const { route, navigate } = useNavigation();
  const currentId = route.name === 'registry' || route.name === 'edit' ? route.registryId : null;

  return (
    <nav className="sidebar" aria-label="Registries" data-testid="sidebar">
      <div className="sidebar-header">
        <span className="app-mark" aria-hidden="true">
          <RegistryIcon size={18} />
        </span>
        <span className="app-name">Berth</span>
      </div>
      <div className="sidebar-nav">
        {SCREENS.map(({ name, label, Icon }) => (
          <button
            key={name}
            type="button"
            className={route.name === name ? 'sidebar-item current' : 'sidebar-item'}
            aria-current={route.name === name ? 'page' : undefined}
            onClick={() => navigate({ name })}
            data-testid={`sidebar-${name}`}
          >
            <Icon className="sidebar-item-icon" />
            <span className="sidebar-item-name">{label}</span>
          </button>
        ))}
      </div>
      <h2 className="sidebar-section">Registries</h2>
      {phase === 'loading' && (
        <p className="sidebar-note" role="status">
          Loading…
        </p>
      )}
      {phase === 'error' && error && (
        <div className="sidebar-note sidebar-error" role="alert" data-testid="sidebar-error">
          <p>{error.message}</p>
          <button type="button" className="button button-small" onClick={reload}>
            <ReloadIcon /> Retry
          </button>
        </div>
      )}
      {phase === 'ready' && registries.length === 0 && (
        <p className="sidebar-note" data-testid="sidebar-empty">
          No registries yet.
        </p>
      )}
      <ul className="sidebar-list" onKeyDown={moveFocus}>
        {registries.map((r) => (
          <li key={r.id}>
            <button
              type="button"
              className={r.id === currentId ? 'sidebar-item current' : 'sidebar-item'}
              aria-current={r.id === currentId ? 'page' : undefined}
              onClick={() => navigate({ name: 'registry', registryId: r.id, repository: null })}
              data-testid="sidebar-registry"
              data-registry-id={r.id}
              data-name={r.name}
            >
              <span className="sidebar-item-text">
                <span className="sidebar-item-name">{r.name}</span>
                <span className="sidebar-item-host">
                  {r.host}
                  {r.username ? ` · ${r.username}` : ''}
                </span>
              </span>
              <StatusDot health={health[r.id]} />
            </button>
          </li>
        ))}
      </ul>
      <div className="sidebar-footer">
        <button
          type="button"
          className={route.name === 'add' ? 'button button-block current' : 'button button-block'}
          onClick={() => navigate({ name: 'add' })}
          data-testid="add-registry"
        >
          <PlusIcon /> Add registry
        </button>
      </div>
    </nav>
  );
}
