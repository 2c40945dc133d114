// WWW-Authenticate parsing: `Bearer realm="https://auth/token",service="reg",scope="repository:app:pull,push"`.

/** Challenge is one auth scheme a registry offers, with its parameters (`realm`, `service`, `scope`). */
export interface Challenge {
  scheme: 'basic' | 'bearer' | string;
  params: Record<string, string>;
}

/** parseChallenges reads every challenge in a WWW-Authenticate header value; quoted commas are kept. */
export function parseChallenges(header: string | undefined | null): Challenge[] {
  if (!header) return [];
  const challenges: Challenge[] = [];
  let i = 0;
  const s = header;
  const skip = (re: RegExp) => {
    while (i < s.length && re.test(s[i]!)) i++;
  };
  while (i < s.length) {
    skip(/[\s,]/);
    const start = i;
    skip(/[^\s,=]/);
    const scheme = s.slice(start, i).toLowerCase();
    if (!scheme) break;
    const params: Record<string, string> = {};
    for (;;) {
      skip(/\s/);
      const save = i;
      skip(/[^\s,=]/);
      const key = s.slice(save, i).toLowerCase();
      skip(/\s/);
      if (!key || s[i] !== '=') {
        i = save; // not a parameter: the next challenge's scheme
        break;
      }
      i++;
      skip(/\s/);
      let value = '';
      if (s[i] === '"') {
        i++;
        while (i < s.length && s[i] !== '"') {
          if (s[i] === '\\' && i + 1 < s.length) i++;
          value += s[i];
          i++;
        }
        i++;
      } else {
        const v = i;
        skip(/[^\s,]/);
        value = s.slice(v, i);
      }
      params[key] = value;
      skip(/\s/);
      if (s[i] === ',') i++;
      else break;
    }
    challenges.push({ scheme, params });
  }
  return challenges;
}

/** preferredChallenge picks the challenge to answer: Bearer over Basic, ignoring schemes we cannot do. */
export function preferredChallenge(challenges: readonly Challenge[]): Challenge | null {
  return (
    challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic') ?? null
  );
}
