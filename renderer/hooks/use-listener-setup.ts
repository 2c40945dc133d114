// useListenerSetup is the listener card's state and calls: the address and port as typed and checked,
// the network opt-in, start / stop / new secret / test event / quiet limit, the registry config snippet
// and its copy. Whether an address is loopback is the engine's own rule (isLoopbackAddress), so the card
// asks for the opt-in exactly when the listener would refuse to start without it.

import { useState } from 'react';
import type { ListenerStatus } from '../../shared/activity-api';
import { isLoopbackAddress, registryConfigSnippet } from '../../shared/events';
import { api } from '../api';
import { copyText } from '../lib/clipboard';
import { toShownError } from '../lib/errors';

/** SECRET_PLACEHOLDER stands in the snippet for a secret that is no longer shown. */
const SECRET_PLACEHOLDER = '<the secret Berth showed when it was made>';

/** MAX_QUIET_MINUTES is the longest silence limit (a week), as the engine accepts it. */
const MAX_QUIET_MINUTES = 10_080;

/** Feedback is a one-line result of an action, good or bad. */
export type Feedback = { kind: 'ok' | 'error'; text: string } | null;

/** HostChoice is one entry of the address menu. */
export interface HostChoice {
  value: string;
  label: string;
}

/** hostChoices lists loopback first; the network addresses only once the network is opted in. */
function hostChoices(status: ListenerStatus, allowLan: boolean, host: string): HostChoice[] {
  const choices = [
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
  if (!choices.some((c) => c.value === host)) choices.push({ value: host, label: host });
  return choices;
}

/** useListenerSetup starts from the listener's status; `onStatus` receives each status a call returns. */
export function useListenerSetup(status: ListenerStatus, onStatus: (status: ListenerStatus) => void) {
  const [host, setHost] = useState(status.host);
  const [port, setPort] = useState(String(status.port));
  const [allowLan, setAllowLanState] = useState(status.allowLan || !isLoopbackAddress(status.host));
  const [quiet, setQuiet] = useState(String(status.quietMinutes));
  // The team database can hold the listener's events only once it is the screen's source.
  const [store, setStore] = useState<'local' | 'team'>(status.source === 'team' ? status.store : 'local');
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [test, setTest] = useState<Feedback>(null);
  const [copied, setCopied] = useState<Feedback>(null);
  const [confirmRotate, setConfirmRotate] = useState(false);

  const portNumber = /^\d{1,5}$/.test(port.trim()) ? Number(port) : Number.NaN;
  const portProblem =
    Number.isInteger(portNumber) && portNumber <= 65535 ? null : 'A port is a whole number from 0 to 65535.';
  const lanHost = !isLoopbackAddress(host);

  /** setAllowLan: turning the opt-in off moves a network address back to this computer. */
  const setAllowLan = (allow: boolean) => {
    setAllowLanState(allow);
    if (!allow && lanHost) setHost('127.0.0.1');
  };

  const run = async <T>(work: () => Promise<T>, done: (value: T) => void) => {
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
      () => api.call('listener.start', { host, port: portNumber, allowLan, store }),
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
    if (
      !Number.isInteger(minutes) ||
      minutes < 0 ||
      minutes > MAX_QUIET_MINUTES ||
      minutes === status.quietMinutes
    )
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
    setCopied(
      (await copyText(snippet))
        ? { kind: 'ok', text: 'Copied.' }
        : { kind: 'error', text: 'Copying is not allowed here: select the text and press Ctrl+C.' },
    );
  };

  return {
    host,
    setHost,
    port,
    setPort,
    portNumber,
    portProblem,
    lanHost,
    allowLan,
    setAllowLan,
    hostChoices: hostChoices(status, allowLan, host),
    store: status.running ? status.store : store,
    setStore,
    quiet,
    setQuiet,
    saveQuiet,
    secret,
    busy,
    feedback,
    test,
    copied,
    confirmRotate,
    setConfirmRotate,
    start,
    stop,
    rotate,
    sendTest,
    snippet,
    copy,
  };
}

/** ListenerSetupState is what useListenerSetup returns. */
export type ListenerSetupState = ReturnType<typeof useListenerSetup>;
