// ListenerSetup is the Activity screen's setup help: start and stop the listener, where it listens (this
// computer by default; the network only by an explicit opt-in with a warning), the exact `notifications:`
// block for the registry's config.yml with a copy button, a test event, the last event received, and
// after how long a silence to warn.

import { useId, useState } from 'react';
import { exactTime, relativeTime } from '../../../shared/activity';
import type { ListenerStatus } from '../../../shared/activity-api';
import { registryConfigSnippet } from '../../../shared/events';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { CheckIcon, WarningIcon } from '../../components/icons';
import { toShownError } from '../../lib/errors';

const SECRET_PLACEHOLDER = '<the secret Berth showed when it was made>';

/** ListenerSetupProps: the status (from the live stream), a way to replace it, and the clock. */
export interface ListenerSetupProps {
  status: ListenerStatus;
  onStatus(status: ListenerStatus): void;
  lastEventAt: number | null;
  now: number;
}

type Feedback = { kind: 'ok' | 'error'; text: string } | null;

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost';
}

/** ListenerSetup is a card; every control is labelled and reachable with Tab. */
export function ListenerSetup({ status, onStatus, lastEventAt, now }: ListenerSetupProps) {
  const [host, setHost] = useState(status.host);
  const [port, setPort] = useState(String(status.port));
  const [allowLan, setAllowLan] = useState(status.allowLan || !isLoopback(status.host));
  const [quiet, setQuiet] = useState(String(status.quietMinutes));
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [test, setTest] = useState<Feedback>(null);
  const [copied, setCopied] = useState<Feedback>(null);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const ids = { host: useId(), port: useId(), lan: useId(), quiet: useId(), snippet: useId() };

  const portNumber = /^\d{1,5}$/.test(port.trim()) ? Number(port) : Number.NaN;
  const portProblem =
    Number.isInteger(portNumber) && portNumber <= 65535 ? null : 'A port is a whole number from 0 to 65535.';
  const lanHost = !isLoopback(host);

  const run = async <T,>(work: () => Promise<T>, done: (value: T) => void) => {
    setBusy(true);
    setFeedback(null);
    try {
      done(await work());
    } catch (err) {
      setFeedback({ kind: 'error', text: toShownError(err).message });
    } finally {
      setBusy(false);
    }
  };

  const start = () =>
    run(
      () => api.call('listener.start', { host, port: portNumber, allowLan }),
      (r) => {
        onStatus(r.status);
        if (r.secret) setSecret(r.secret);
        setTest(null);
      },
    );
  const stop = () => run(() => api.call('listener.stop', {}), onStatus);
  const rotate = () =>
    run(
      () => api.call('listener.rotateSecret', {}),
      (r) => {
        setConfirmRotate(false);
        onStatus(r.status);
        setSecret(r.secret);
      },
    );
  const sendTest = async () => {
    setTest(null);
    try {
      const r = await api.call('listener.sendTestEvent', {});
      setTest({
        kind: 'ok',
        text: `The test event reached the listener and was stored (${r.roundTripMs} ms).`,
      });
    } catch (err) {
      setTest({ kind: 'error', text: toShownError(err).message });
    }
  };
  const saveQuiet = async () => {
    const minutes = Number(quiet);
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > 10_080 || minutes === status.quietMinutes)
      return;
    try {
      onStatus(await api.call('listener.configure', { quietMinutes: minutes }));
    } catch (err) {
      setFeedback({ kind: 'error', text: toShownError(err).message });
    }
  };

  const snippet = status.url ? registryConfigSnippet(status.url, secret ?? SECRET_PLACEHOLDER) : null;
  const copy = async () => {
    if (!snippet) return;
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied({ kind: 'ok', text: 'Copied.' });
    } catch {
      setCopied({ kind: 'error', text: 'Copying is not allowed here: select the text and press Ctrl+C.' });
    }
  };

  const hostChoices = [
    { value: '127.0.0.1', label: 'This computer only (127.0.0.1)' },
    { value: '::1', label: 'This computer only, IPv6 (::1)' },
    ...(allowLan
      ? [
          { value: '0.0.0.0', label: 'Every network this computer is on (0.0.0.0)' },
          ...status.addresses
            .filter((a) => !a.internal)
            .map((a) => ({ value: a.address, label: `${a.address} (${a.name})` })),
        ]
      : []),
  ];
  if (!hostChoices.some((c) => c.value === host)) hostChoices.push({ value: host, label: host });

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
      <div className="listener-form">
        <div className="field">
          <label className="field-label" htmlFor={ids.host}>
            Address
          </label>
          <select
            id={ids.host}
            className="input"
            value={host}
            disabled={status.running || busy}
            onChange={(e) => setHost(e.target.value)}
            data-testid="listener-host"
          >
            {hostChoices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={ids.port}>
            Port
          </label>
          <input
            id={ids.port}
            className="input input-narrow"
            inputMode="numeric"
            value={port}
            disabled={status.running || busy}
            aria-invalid={portProblem ? true : undefined}
            onChange={(e) => setPort(e.target.value)}
            data-testid="listener-port"
          />
        </div>
        <label className="checkbox-field listener-lan" htmlFor={ids.lan}>
          <input
            id={ids.lan}
            type="checkbox"
            checked={allowLan}
            disabled={status.running || busy}
            onChange={(e) => {
              setAllowLan(e.target.checked);
              if (!e.target.checked && lanHost) setHost('127.0.0.1');
            }}
            data-testid="listener-lan"
          />
          <span>Listen on the network</span>
        </label>
        <div className="listener-actions">
          {status.running ? (
            <button
              type="button"
              className="button"
              onClick={stop}
              disabled={busy}
              data-testid="listener-stop"
            >
              Stop listening
            </button>
          ) : (
            <button
              type="button"
              className="button button-primary"
              onClick={start}
              disabled={busy || portProblem !== null || (lanHost && !allowLan)}
              data-testid="listener-start"
            >
              Start listening
            </button>
          )}
        </div>
      </div>
      {portProblem && <p className="field-error">{portProblem}</p>}
      {(allowLan || status.lan) && (
        <div className="inline-alert listener-lan-warning" role="alert" data-testid="lan-warning">
          <WarningIcon className="banner-icon" />
          <span>
            Listening on the network lets other computers reach the listener. Only the secret protects it, and
            plain http sends that secret unencrypted. Use it only when the registry runs on another computer
            of a network you trust.
          </span>
        </div>
      )}
      {feedback && (
        <p
          className={feedback.kind === 'error' ? 'form-error' : 'muted'}
          role="alert"
          data-testid="listener-error"
        >
          {feedback.text}
        </p>
      )}
      {snippet && (
        <div className="snippet">
          <div className="snippet-head">
            <label className="field-label" htmlFor={ids.snippet}>
              Add this to the registry's config.yml
            </label>
            <button type="button" className="button button-small" onClick={copy} data-testid="snippet-copy">
              Copy
            </button>
            {copied && (
              <span className={copied.kind === 'ok' ? 'muted small' : 'field-error'} role="status">
                {copied.text}
              </span>
            )}
          </div>
          <textarea
            id={ids.snippet}
            className="snippet-text"
            readOnly
            rows={snippet.split('\n').length}
            value={snippet}
            spellCheck={false}
            onFocus={(e) => e.currentTarget.select()}
            data-testid="snippet"
          />
          <p className="muted small" data-testid="secret-note">
            {secret
              ? 'This is the only time Berth shows the secret: copy it now. To see one again, make a new one.'
              : 'Berth shows the secret only once, when it is made. If you no longer have it, make a new one (the registry then needs the new one).'}
            {!status.lan &&
              ' The registry must run on this computer to reach this address (one in a container or on another machine cannot).'}
          </p>
        </div>
      )}
      <div className="listener-checks">
        <button
          type="button"
          className="button"
          onClick={sendTest}
          disabled={!status.running || busy}
          data-testid="send-test-event"
        >
          Send test event
        </button>
        <button
          type="button"
          className="button"
          onClick={() => setConfirmRotate(true)}
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
        <p
          className={test.kind === 'ok' ? 'test-result test-ok' : 'test-result form-error'}
          role="status"
          data-testid="test-result"
        >
          {test.kind === 'ok' && <CheckIcon />} {test.text}
        </p>
      )}
      {status.lastRejection && (
        <p className="field-error" data-testid="last-rejection">
          The listener turned a request away {relativeTime(Date.parse(status.lastRejection.at), now)}:{' '}
          {status.lastRejection.reason} (HTTP {status.lastRejection.status}). If it came from your registry,
          check the secret in its config.yml.
        </p>
      )}
      <div className="field listener-quiet">
        <label className="field-label" htmlFor={ids.quiet}>
          Warn when nothing arrives for (minutes)
        </label>
        <input
          id={ids.quiet}
          className="input input-narrow"
          inputMode="numeric"
          value={quiet}
          onChange={(e) => setQuiet(e.target.value)}
          onBlur={saveQuiet}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void saveQuiet();
          }}
          data-testid="quiet-minutes"
        />
        <p className="field-hint">0 turns the warning off.</p>
      </div>
      {confirmRotate && (
        <ConfirmDialog
          title="Make a new secret?"
          confirmLabel="Make a new secret"
          busy={busy}
          onConfirm={rotate}
          onCancel={() => setConfirmRotate(false)}
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
