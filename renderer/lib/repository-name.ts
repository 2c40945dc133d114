// Repository names are paths (`org-00/svc-0000`): people scan the last part, so it is drawn bold.

/** splitRepositoryName splits a name into its namespace path (with the trailing slash) and its last part. */
export function splitRepositoryName(name: string): { path: string; base: string } {
  const slash = name.lastIndexOf('/');
  return slash < 0
    ? { path: '', base: name }
    : { path: name.slice(0, slash + 1), base: name.slice(slash + 1) };
}

/** parseRepositoryNames reads names typed by hand: separated by spaces, commas or new lines, lower-cased. */
export function parseRepositoryNames(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,]+/)
        .map((s) => s.trim().replace(/^\/+|\/+$/g, ''))
        .filter((s) => s !== ''),
    ),
  ];
}
