// ListenerAddress is the listener card's first row: where to listen (this computer by default; the
// network only after the explicit opt-in), the port, where to store (this computer, or the team database
// once it is the screen's source), and Start / Stop. Fixed while the listener runs.

import type { ListenerStatus } from '../../../shared/activity-api';
import { CheckboxField, RadioField } from '../../components/choice-fields';
import { ChoiceSelect } from '../../components/choice-select';
import { Field } from '../../components/field';
import type { ListenerSetupState } from '../../hooks/use-listener-setup';

/** ListenerAddress renders the row; `setup` is the card's state (useListenerSetup). */
export function ListenerAddress({ status, setup }: { status: ListenerStatus; setup: ListenerSetupState }) {
  const fixed = status.running || setup.busy;
  return (
    <div className="listener-form">
      <Field label="Address">
        <ChoiceSelect
          value={setup.host}
          choices={setup.hostChoices}
          disabled={fixed}
          onChange={setup.setHost}
          testId="listener-host"
        />
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
      <CheckboxField
        className="listener-lan"
        checked={setup.allowLan}
        disabled={fixed}
        onChange={setup.setAllowLan}
        testId="listener-lan"
      >
        Listen on the network
      </CheckboxField>
      <div className="listener-store" role="radiogroup" aria-label="Where the listener stores events">
        <span className="field-label">Store events</span>
        <RadioField
          name="listener-store"
          checked={setup.store === 'local'}
          disabled={fixed}
          onSelect={() => setup.setStore('local')}
          testId="listener-store-local"
        >
          On this computer
        </RadioField>
        <RadioField
          name="listener-store"
          checked={setup.store === 'team'}
          disabled={fixed || status.source !== 'team'}
          title={status.source === 'team' ? undefined : 'Choose a team database under Source first.'}
          onSelect={() => setup.setStore('team')}
          testId="listener-store-team"
        >
          In the team database
        </RadioField>
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
