// Output checks: a variant that is fast because it did less (or wrong) work must fail loudly, not win.

/** DigestMap maps each tag to its manifest digest. */
export type DigestMap = Map<string, string>;

const DIGEST = /^sha256:[0-9a-f]{64}$/;

function parseJson(label: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${label}: output is not JSON: ${text.slice(0, 200)}`);
  }
}

/**
 * tagDigests reads `{"tags":[{"tag","digest"}]}` (the shape of `berth tags --json` and of raw-tags.mjs) and
 * checks that it holds exactly the expected number of tags, each with a well-formed digest and no error.
 */
export function tagDigests(
  label: string,
  stdout: string,
  expect: { tags: number; distinctDigests: number },
): DigestMap {
  const json = parseJson(label, stdout) as {
    tags?: { tag: string; digest: string | null; error?: unknown }[];
  };
  if (!Array.isArray(json.tags)) throw new Error(`${label}: output has no "tags" array`);
  const map: DigestMap = new Map();
  for (const entry of json.tags) {
    if (entry.error) throw new Error(`${label}: tag ${entry.tag} failed: ${JSON.stringify(entry.error)}`);
    if (typeof entry.digest !== 'string' || !DIGEST.test(entry.digest)) {
      throw new Error(`${label}: tag ${entry.tag} has no valid digest (${String(entry.digest)})`);
    }
    map.set(entry.tag, entry.digest);
  }
  if (map.size !== expect.tags || json.tags.length !== expect.tags) {
    throw new Error(
      `${label}: expected ${expect.tags} tags with digests, got ${map.size} of ${json.tags.length}`,
    );
  }
  const distinct = new Set(map.values()).size;
  if (distinct !== expect.distinctDigests) {
    throw new Error(`${label}: expected ${expect.distinctDigests} distinct digests, got ${distinct}`);
  }
  return map;
}

/** sameDigests checks that two answers agree tag by tag (every variant must resolve the same digests). */
export function sameDigests(label: string, got: DigestMap, want: DigestMap): void {
  for (const [tag, digest] of want) {
    if (got.has(tag) && got.get(tag) !== digest) {
      throw new Error(`${label}: tag ${tag} resolved to ${got.get(tag)}, the reference says ${digest}`);
    }
  }
  for (const tag of got.keys()) {
    if (!want.has(tag)) throw new Error(`${label}: tag ${tag} is not in the reference answer`);
  }
}

/** repositoryCount reads `berth repos --json` and checks it lists the expected number of repositories. */
export function repositoryCount(label: string, stdout: string, expected: number): number {
  const json = parseJson(label, stdout) as { repositories?: unknown };
  if (!Array.isArray(json.repositories)) throw new Error(`${label}: output has no "repositories" array`);
  const count = new Set(json.repositories).size;
  if (count !== expected || json.repositories.length !== expected) {
    throw new Error(
      `${label}: expected ${expected} distinct repositories, got ${count} of ${json.repositories.length}`,
    );
  }
  return count;
}

/** catalogPagesCount reads catalog-curl.sh's output (one page body per line) and checks the total. */
export function catalogPagesCount(
  label: string,
  stdout: string,
  expected: number,
): { repos: number; pages: number } {
  const lines = stdout.split('\n').filter((line) => line.trim() !== '');
  const names = new Set<string>();
  for (const line of lines) {
    const page = parseJson(label, line) as { repositories?: string[] };
    for (const name of page.repositories ?? []) names.add(name);
  }
  if (names.size !== expected)
    throw new Error(`${label}: expected ${expected} repositories, got ${names.size}`);
  return { repos: names.size, pages: lines.length };
}
