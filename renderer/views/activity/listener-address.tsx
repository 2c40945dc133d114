// ListenerAddress is the listener card's first row: where to listen (this computer by default; the
// network only after the explicit opt-in), the port, where to store (this computer, or the team database
// once it is the screen's source), and Start / Stop. Fixed while the listener runs.

import { useId } from 'react';
import type { ListenerStatus } from '../../../shared/activity-api';
import { Field } from '../../components/field';
import type { ListenerSetupState } from '../../hooks/use-listener-setup';

/** ListenerAddress renders the row; `setup` is the card's state (useListenerSetup). */
export function ListenerAddress({ status, setup }: { status: ListenerStatus; setup: ListenerSetupState }) {
  const lanId = useId();
  const fixed = status.running || setup.busy;
  return (
    <div className="listener-form">
      <Field label="Address">
        <select
          className="input"
          value={setup.host}
          disabled={fixed}
          onChange={(e) => setup.setHost(e.target.value)}
          data-testid="listener-host"
        >
          {setup.hostChoices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Port">
        <input
          className="input input-narrow"
          inputMode="numeric"
          value={setup.port}
          disabled={fixed}
          aria-invalid={setup.portProblem ? true : undefined}
          onChange={(e) => setup.setPort(e.target.value)}
          data-testid="listener-port"
        />
      </Field>
      <label className="checkbox-field listener-lan" htmlFor={lanId}>
        <input
          id={lanId}
          type="checkbox"
          checked={setup.allowLan}
          disabled={fixed}
          onChange={(e) => setup.setAllowLan(e.target.checked)}
          data-testid="listener-lan"
        />
        <span>Listen on the network</span>
      </label>
      <div className="listener-store" role="radiogroup" aria-label="Where the listener stores events">
        <span className="field-label">Store events</span>
        <label className="checkbox-field">
          <input
            type="radio"
            name="listener-store"
            checked={setup.store === 'local'}
            disabled={fixed}
            onChange={() => setup.setStore('local')}
            data-testid="listener-store-local"
          />
          <span>On this computer</span>
        </label>
        <label
          className="checkbox-field"
          title={status.source === 'team' ? undefined : 'Choose a team database under Source first.'}
        >
          <input
            type="radio"
            name="listener-store"
            checked={setup.store === 'team'}
            disabled={fixed || status.source !== 'team'}
            onChange={() => setup.setStore('team')}
            data-testid="listener-store-team"
          />
          <span>In the team database</span>
        </label>
      </div>
      <div className="listener-actions">
        {status.running ? (
          <button
            type="button"
            className="button"
            onClick={setup.stop}
            disabled={setup.busy}
            data-testid="listener-stop"
          >
            Stop listening
          </button>
        ) : (
          <button
            type="button"
            className="button button-primary"
            onClick={setup.start}
            disabled={setup.busy || setup.portProblem !== null || (setup.lanHost && !setup.allowLan)}
            data-testid="listener-start"
          >
            Start listening
          </button>
        )}
      </div>
    </div>
  );
}
