// StatusDot is the small coloured dot beside a registry: what the last connection test or listing found.

import type { Health } from '../state/registries';

const LABELS: Record<Health['state'] | 'unknown', string> = {
  ok: 'Connected',
  warning: 'Connected, with a warning',
  failed: 'Connection problem',
  unknown: 'Not checked yet',
};

/** StatusDot draws a registry's health; its label (for screen readers and the tooltip) says what it means. */
export function StatusDot({ health }: { health: Health | undefined }) {
  const state = health?.state ?? 'unknown';
  const label = health ? `${LABELS[state]}: ${health.message}` : LABELS.unknown;
  return (
    <span
      className={`status-dot status-${state}`}
      role="img"
      aria-label={label}
      title={label}
      data-testid="status-dot"
      data-status={state}
    />
  );
}
