// ConnectionReportView shows what "Test connection" found, one step per line, in the engine's sentences.

import { useEffect, useRef } from 'react';
import type { CheckStatus, ConnectionCheck, ConnectionReport } from '../../shared/api';
import { CheckIcon, CrossIcon, DashIcon, WarningIcon } from './icons';

const STEPS: { key: keyof ConnectionReport; title: string }[] = [
  { key: 'reachable', title: 'Reach the registry' },
  { key: 'auth', title: 'Sign in' },
  { key: 'catalog', title: 'List repositories' },
];

const STATUS_WORDS: Record<CheckStatus, string> = {
  ok: 'Works',
  failed: 'Failed',
  warning: 'Works partly',
  skipped: 'Not checked',
};

function StatusIcon({ status }: { status: CheckStatus }) {
  switch (status) {
    case 'ok':
      return <CheckIcon />;
    case 'failed':
      return <CrossIcon />;
    case 'warning':
      return <WarningIcon />;
    case 'skipped':
      return <DashIcon />;
  }
}

/** summarize says in one line how the test went overall. */
export function summarize(report: ConnectionReport): { status: CheckStatus; text: string } {
  const checks: ConnectionCheck[] = [report.reachable, report.auth, report.catalog];
  if (checks.some((c) => c.status === 'failed'))
    return { status: 'failed', text: 'The connection does not work yet.' };
  if (checks.some((c) => c.status === 'warning'))
    return { status: 'warning', text: 'The connection works, with one limitation.' };
  return { status: 'ok', text: 'Everything works.' };
}

/** ReportFix is a setting the form offers under the report, for a failure it fixes (an untrusted certificate). */
export interface ReportFix {
  label: string;
  apply(): void;
}

/** ConnectionReportView lists the three steps with an icon, a status word and the report's sentence. */
export function ConnectionReportView({ report, fix }: { report: ConnectionReport; fix?: ReportFix | null }) {
  const overall = summarize(report);
  const ref = useRef<HTMLElement>(null);
  // The report appears below the buttons: bring it into view, the way a dialog would come forward.
  useEffect(() => {
    void report;
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [report]);
  return (
    <section
      ref={ref}
      className={`report report-${overall.status}`}
      aria-label="Connection test results"
      data-testid="connection-report"
      data-status={overall.status}
    >
      <p className="report-summary" role="status">
        {overall.text}
      </p>
      <ol className="report-steps">
        {STEPS.map(({ key, title }) => {
          const check = report[key];
          return (
            <li
              key={key}
              className={`report-step step-${check.status}`}
              data-testid={`check-${key}`}
              data-status={check.status}
            >
              <span className="step-icon" role="img" aria-label={STATUS_WORDS[check.status]}>
                <StatusIcon status={check.status} />
              </span>
              <span className="step-text">
                <span className="step-title">{title}</span>
                <span className="step-message" data-testid="check-message">
                  {check.message}
                </span>
              </span>
            </li>
          );
        })}
      </ol>
      {fix && (
        <button type="button" className="button button-small" onClick={fix.apply} data-testid="report-fix">
          {fix.label}
        </button>
      )}
    </section>
  );
}
