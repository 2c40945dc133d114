// ListenerSetup is the Activity screen's setup help: start and stop the listener, where it listens (this
// computer by default; the network only by an explicit opt-in with a warning), the exact `notifications:`
// block for the registry's config.yml with a copy button, a test event, the last event received, and
// after how long a silence to warn.

import { useId } from 'react';
import { exactTime, relativeTime } from '../../../shared/activity';
import type { ListenerStatus } from '../../../shared/activity-api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { FeedbackText } from '../../components/feedback-text';
import { CheckIcon, WarningIcon } from '../../components/icons';
import { useListenerSetup } from '../../hooks/use-listener-setup';
import { ListenerAddress } from './listener-address';
import { ListenerSnippet } from './listener-snippet';

/** ListenerSetupProps: the status (from the live stream), a way to replace it, and the clock. */
export interface ListenerSetupProps {
  status: ListenerStatus;
  onStatus(status: ListenerStatus): void;
  lastEventAt: number | null;
  now: number;
}

/** ListenerSetup is a card; every control is labelled and reachable with Tab. */
export function ListenerSetup({ status, onStatus, lastEventAt, now }: ListenerSetupProps) {
  const setup = useListenerSetup(status, onStatus);
  const { busy, feedback, test, quiet } = setup;
  const quietId = useId();

  return (
    <section className="card listener-setup" aria-labelledby="listener-title" data-testid="listener-setup">
      <div className="listener-head">
        <h2 className="card-title" id="listener-title">
          Listener
        </h2>
        <span
          className={status.running ? 'listener-state listener-on' : 'listener-state'}
          role="status"
          data-testid="listener-state"
          data-running={status.running}
        >
          <span className={status.running ? 'status-dot status-ok' : 'status-dot'} aria-hidden="true" />
          {status.running ? `Listening at ${status.url}` : 'Off'}
        </span>
      </div>
      <p className="muted small">
        Registries can tell Berth about every push, pull and delete. Start the listener, then add the settings
        below to your registry's <code>config.yml</code> and restart the registry.
      </p>
      <ListenerAddress status={status} setup={setup} />
      {setup.portProblem && <p className="field-error">{setup.portProblem}</p>}
      {(setup.allowLan || status.lan) && (
        <div className="inline-alert listener-lan-warning" role="alert" data-testid="lan-warning">
          <WarningIcon className="banner-icon" />
          <span>
            Listening on the network lets other computers reach the listener. Only the secret protects it, and
            plain http sends that secret unencrypted. Use it only when the registry runs on another computer
            of a network you trust.
          </span>
        </div>
      )}
      {feedback && <FeedbackText feedback={feedback} role="alert" testId="listener-error" />}
      {setup.snippet && (
        <ListenerSnippet
          snippet={setup.snippet}
          secretShown={Boolean(setup.secret)}
          lan={status.lan}
          copied={setup.copied}
          onCopy={setup.copy}
        />
      )}
      <div className="listener-checks">
        <button
          type="button"
          className="button"
          onClick={setup.sendTest}
          disabled={!status.running || busy}
          data-testid="send-test-event"
        >
          Send test event
        </button>
        <button
          type="button"
          className="button"
          onClick={() => setup.setConfirmRotate(true)}
          disabled={busy}
          data-testid="rotate-secret"
        >
          {status.secretExists ? 'Make a new secret' : 'Make the secret'}
        </button>
        <span className="muted small" data-testid="last-event">
          {lastEventAt === null ? (
            'No event received yet.'
          ) : (
            <>
              Last event received{' '}
              <time dateTime={new Date(lastEventAt).toISOString()} title={exactTime(lastEventAt)}>
                {relativeTime(lastEventAt, now)}
              </time>
              .
            </>
          )}
        </span>
      </div>
      {test && (
        <FeedbackText
          feedback={test}
          role="status"
          className="test-result"
          okClassName="test-ok"
          testId="test-result"
        >
          {test.kind === 'ok' && <CheckIcon />} {test.text}
        </FeedbackText>
      )}
      {status.lastRejection && (
        <p className="field-error" data-testid="last-rejection">
          The listener turned a request away {relativeTime(Date.parse(status.lastRejection.at), now)}:{' '}
          {status.lastRejection.reason} (HTTP {status.lastRejection.status}). If it came from your registry,
          check the secret in its config.yml.
        </p>
      )}
      <div className="field listener-quiet">
        <label className="field-label" htmlFor={quietId}>
          Warn when nothing arrives for (minutes)
        </label>
        <input
          id={quietId}
          className="input input-narrow"
          inputMode="numeric"
          value={quiet}
          onChange={(e) => setup.setQuiet(e.target.value)}
          onBlur={setup.saveQuiet}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void setup.saveQuiet();
          }}
          data-testid="quiet-minutes"
        />
        <p className="field-hint">0 turns the warning off.</p>
      </div>
      {setup.confirmRotate && (
        <ConfirmDialog
          title="Make a new secret?"
          confirmLabel="Make a new secret"
          busy={busy}
          onConfirm={setup.rotate}
          onCancel={() => setup.setConfirmRotate(false)}
        >
          <p>
            The current secret stops working at once. Until you put the new one in the registry's config.yml
            and restart the registry, its events are refused (the registry keeps retrying them).
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
