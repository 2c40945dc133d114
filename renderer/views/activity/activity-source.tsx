// ActivitySourceCard is the Activity screen's "Source" control: read this computer's own activity, or a
// team PostgreSQL database that listeners on other machines write. The password is typed here, sent to
// the engine (which keeps it with the saved registry passwords) and never shown again: the engine only
// says whether one is saved.

import { useEffect, useState } from 'react';
import type { ActivitySource } from '../../../shared/activity-source-api';
import { api } from '../../api';
import { RadioField } from '../../components/choice-fields';
import type { Choice } from '../../components/choice-select';
import { type Feedback, FeedbackText } from '../../components/feedback-text';
import { Field } from '../../components/field';
import { toShownError } from '../../lib/errors';
import { countOf } from '../../lib/text';

/** SOURCE_KINDS are the two places activity can come from, in the order offered. */
const SOURCE_KINDS: readonly Choice<ActivitySource['kind']>[] = [
  { value: 'local', label: 'This computer' },
  { value: 'team', label: 'Team database' },
];

/** ActivitySourceCard shows the chosen source; `onChanged` runs after a new source is saved. */
export function ActivitySourceCard({ onChanged }: { onChanged(): void }) {
  const [source, setSource] = useState<ActivitySource | null>(null);
  const [kind, setKind] = useState<'local' | 'team'>('local');
  const [url, setUrl] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback | null>(null);

  useEffect(() => {
    let live = true;
    api.call('activity.source', {}).then(
      (s) => {
        if (!live) return;
        setSource(s);
        setKind(s.kind);
        if (s.kind === 'team') setUrl(s.url);
      },
      (err: unknown) => live && setFeedback({ kind: 'error', text: toShownError(err).message }),
    );
    return () => {
      live = false;
    };
  }, []);

  // An empty password box keeps the saved password; typing one replaces it.
  const args = () =>
    kind === 'local'
      ? ({ kind: 'local' } as const)
      : ({ kind: 'team', url: url.trim(), ...(password ? { password } : {}) } as const);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setFeedback(null);
    try {
      await work();
    } catch (err) {
      setFeedback({ kind: 'error', text: toShownError(err).message });
    } finally {
      setBusy(false);
    }
  };

  const test = () =>
    run(async () => {
      const r = await api.call('activity.testSource', args());
      setFeedback({
        kind: 'ok',
        text: `Connected to ${r.location}: ${countOf(r.total, 'event', 'events')} stored.`,
      });
    });

  const save = () =>
    run(async () => {
      const s = await api.call('activity.setSource', args());
      setSource(s);
      setPassword('');
      onChanged();
    });

  const saved = source?.kind === 'team' && source.passwordSaved;
  const unchanged =
    source !== null &&
    kind === source.kind &&
    (source.kind === 'local' || (url.trim() === source.url && password === ''));

  return (
    <section className="card activity-source" aria-labelledby="source-title" data-testid="activity-source">
      <h2 className="card-title" id="source-title">
        Source
      </h2>
      <div className="listener-form" role="radiogroup" aria-label="Where the activity comes from">
        {SOURCE_KINDS.map((c) => (
          <RadioField
            key={c.value}
            name="activity-source"
            checked={kind === c.value}
            onSelect={() => setKind(c.value)}
            testId={`source-${c.value}`}
          >
            {c.label}
          </RadioField>
        ))}
      </div>
      {kind === 'team' && (
        <div className="listener-form">
          <Field
            label="Database address"
            hint="postgres://user@host:5432/database (add ?sslmode=require for TLS)"
          >
            <input
              className="input"
              value={url}
              placeholder="postgres://berth_reader@db.example.com:5432/berth"
              onChange={(e) => setUrl(e.target.value)}
              data-testid="source-url"
            />
          </Field>
          <Field
            label="Password"
            optional
            hint={saved ? 'A password is saved; type one to replace it.' : undefined}
          >
            <input
              className="input input-narrow"
              type="password"
              autoComplete="off"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              data-testid="source-password"
            />
          </Field>
          <button
            type="button"
            className="button"
            onClick={test}
            disabled={busy || !url.trim()}
            data-testid="source-test"
          >
            Test
          </button>
        </div>
      )}
      <div className="listener-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={save}
          disabled={busy || unchanged || (kind === 'team' && !url.trim())}
          data-testid="source-save"
        >
          Use this source
        </button>
      </div>
      {feedback && <FeedbackText feedback={feedback} testId="source-feedback" />}
    </section>
  );
}
