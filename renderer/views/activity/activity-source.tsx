// ActivitySourceCard is the Activity screen's "Source" control: read this computer's own activity, or a
// team PostgreSQL database that listeners on other machines write. The password is typed here, sent to
// the engine (which keeps it with the saved registry passwords) and never shown again: the engine only
// says whether one is saved.

import { useEffect, useState } from 'react';
import type { ActivitySource } from '../../../shared/activity-source-api';
import { api } from '../../api';
import { RadioField } from '../../components/choice-fields';
import { Field } from '../../components/field';
import { toShownError } from '../../lib/errors';
import { countOf } from '../../lib/text';

type Feedback = { kind: 'ok' | 'error'; text: string } | null;

/** ActivitySourceCard shows the chosen source; `onChanged` runs after a new source is saved. */
export function ActivitySourceCard({ onChanged }: { onChanged(): void }) {
  const [source, setSource] = useState<ActivitySource | null>(null);
  const [kind, setKind] = useState<'local' | 'team'>('local');
  const [url, setUrl] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);

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
        <RadioField
          name="activity-source"
          checked={kind === 'local'}
          onSelect={() => setKind('local')}
          testId="source-local"
        >
          This computer
        </RadioField>
        <RadioField
          name="activity-source"
          checked={kind === 'team'}
          onSelect={() => setKind('team')}
          testId="source-team"
        >
          Team database
        </RadioField>
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
      {feedback && (
        <p
          className={feedback.kind === 'error' ? 'form-error' : 'muted'}
          role={feedback.kind === 'error' ? 'alert' : 'status'}
          data-testid="source-feedback"
        >
          {feedback.text}
        </p>
      )}
    </section>
  );
}
