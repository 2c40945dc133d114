// LoadingState fills a view while its first data is on the way.

/** LoadingState shows a spinner and what is being loaded. */
export function LoadingState({ label, testId }: { label: string; testId?: string }) {
  return (
    <div className="placeholder" role="status" aria-live="polite" data-testid={testId ?? 'loading'}>
      <span className="spinner" aria-hidden="true" />
      <p className="placeholder-text">{label}</p>
    </div>
  );
}
