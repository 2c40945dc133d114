// What changed in a repository since the last look: pure, shared by the UI and the CLI.

/** TagChange says how a tag differs from the last complete look at its repository. */
export type TagChange =
  | { kind: 'new' }
  | { kind: 'moved'; previousDigest: string }
  | { kind: 'gone'; previousDigest: string };

/**
 * diffSnapshots compares the last look (tag → digest) with what the registry says now. A tag whose
 * digest is not known yet (null) is only "new" or unchanged: it cannot be called moved before it resolves.
 * `complete` says whether the current tag list is final; only then can tags be called gone.
 */
export function diffSnapshots(
  previous: ReadonlyMap<string, string>,
  current: ReadonlyMap<string, string | null>,
  complete: boolean,
): Map<string, TagChange> {
  const changes = new Map<string, TagChange>();
  for (const [tag, digest] of current) {
    const before = previous.get(tag);
    if (before === undefined) changes.set(tag, { kind: 'new' });
    else if (digest !== null && digest !== before)
      changes.set(tag, { kind: 'moved', previousDigest: before });
  }
  if (complete) {
    for (const [tag, digest] of previous) {
      if (!current.has(tag)) changes.set(tag, { kind: 'gone', previousDigest: digest });
    }
  }
  return changes;
}
