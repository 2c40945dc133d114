// TransferStatus is the lower half of "Copy to…": the preview while the copy is being set up, the progress
// bar while it runs, then what it did, or why it could not, in words.

import type { TransferProblem } from '../../shared/transfer-api';
import type { PreviewState, RunState } from '../hooks/use-transfer';
import { shownText } from '../lib/shown-text';
import {
  type CopiedNames,
  outcomeSentence,
  previewSentence,
  problemHeadline,
  progressFraction,
  progressSentence,
  type SideNames,
} from '../lib/transfer-text';

/** TransferStatusProps: the preview and run states and the names to word them with. */
export interface TransferStatusProps {
  preview: PreviewState;
  run: RunState;
  names: SideNames;
  copied: CopiedNames;
  /** invalid is the form's own complaint, shown instead of a preview. */
  invalid: string | null;
}

/** asProblem turns an error a call threw into a problem on no particular side. */
function asProblem(error: {
  code: TransferProblem['error']['code'] | null;
  message: string;
}): TransferProblem {
  return { side: null, error: { code: error.code ?? 'PROTOCOL', message: error.message } };
}

function Problem({ problem, names }: { problem: TransferProblem; names: SideNames }) {
  return (
    <div className="transfer-problem" role="alert" data-testid="copy-problem" data-side={problem.side ?? ''}>
      <p className="transfer-problem-title">{shownText(problemHeadline(problem, names))}</p>
      <p className="small">{shownText(problem.error.message)}</p>
    </div>
  );
}

/** TransferStatus shows the one thing that matters now: the run when there is one, else the preview. */
export function TransferStatus({ preview, run, names, copied, invalid }: TransferStatusProps) {
  if (run.phase === 'running') {
    const p = run.progress;
    const percent = p ? Math.round(progressFraction(p) * 100) : 0;
    return (
      <div className="transfer-progress" data-testid="copy-progress">
        <div
          className="progress-track"
          role="progressbar"
          aria-label="Copy progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
        >
          <div className="progress-fill" style={{ width: `${percent}%` }} />
        </div>
        <p className="small muted" aria-live="polite">
          {p ? progressSentence(p) : 'Checking both registries…'}
        </p>
      </div>
    );
  }
  if (run.phase === 'done') {
    const o = run.outcome;
    if (o.problem) return <Problem problem={o.problem} names={names} />;
    return (
      <div className="transfer-result" role="status" data-testid="copy-result">
        <p className={o.failures.length > 0 ? 'transfer-result-partial' : 'transfer-result-ok'}>
          {shownText(outcomeSentence(o, copied, names.target))}
        </p>
        {o.failures.slice(0, 5).map((f) => (
          <p key={`${f.digest}-${f.tags.join(',')}`} className="small tag-error" data-testid="copy-failure">
            {shownText(`Not copied: ${f.tags.join(', ') || f.digest}. ${f.error.message}`)}
          </p>
        ))}
      </div>
    );
  }
  if (run.phase === 'error') {
    return <Problem problem={asProblem(run.error)} names={names} />;
  }
  if (run.phase === 'cancelled') {
    return (
      <p className="muted" data-testid="copy-cancelled">
        Copy stopped. What was sent stays on {shownText(names.target)}; copying again sends only what is
        missing.
      </p>
    );
  }
  if (invalid) {
    return (
      <p className="field-error" data-testid="copy-invalid">
        {invalid}
      </p>
    );
  }
  switch (preview.phase) {
    case 'idle':
    case 'loading':
      return (
        <p className="muted" data-testid="copy-preview-loading">
          Looking at both registries…
        </p>
      );
    case 'error':
      return <Problem problem={asProblem(preview.error)} names={names} />;
    case 'ready':
      if (preview.preview.problem) return <Problem problem={preview.preview.problem} names={names} />;
      return (
        <p className="transfer-preview" data-testid="copy-preview">
          {shownText(previewSentence(preview.preview, names.target))}
        </p>
      );
  }
}
