// RepositoryName draws `org-00/svc-0000` as a dim path and a bold last part, with the filter's match marked.
// The name comes from the registry: each piece is drawn through shownText, so an override shows as `\u202e`.

import type { ReactNode } from 'react';
import { splitRepositoryName } from '../lib/repository-name';
import { shownText, shownTitle } from '../lib/shown-text';

/** highlight wraps the first case-insensitive occurrence of query within text[from, to) in <mark>. */
function highlight(text: string, from: number, to: number, match: [number, number] | null): ReactNode {
  if (!match || match[1] <= from || match[0] >= to) return shownText(text.slice(from, to));
  const a = Math.max(match[0], from);
  const b = Math.min(match[1], to);
  return (
    <>
      {shownText(text.slice(from, a))}
      <mark>{shownText(text.slice(a, b))}</mark>
      {shownText(text.slice(b, to))}
    </>
  );
}

/** RepositoryName renders a repository name with its namespace path dimmed and the filter match marked. */
export function RepositoryName({ name, query = '' }: { name: string; query?: string }) {
  const { path } = splitRepositoryName(name);
  const q = query.trim().toLowerCase();
  const at = q === '' ? -1 : name.toLowerCase().indexOf(q);
  const match: [number, number] | null = at < 0 ? null : [at, at + q.length];
  return (
    <span className="repo-name" title={shownTitle(name)}>
      {path !== '' && <span className="repo-path">{highlight(name, 0, path.length, match)}</span>}
      <span className="repo-base">{highlight(name, path.length, name.length, match)}</span>
    </span>
  );
}
