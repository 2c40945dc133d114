/** YamlValue is what toYaml can write: plain JSON-like data. */
export type YamlValue =
  | string
  | number
  | boolean
  | null
  | YamlValue[]
  | { [key: string]: YamlValue | undefined };

// Scalars are written as JSON, which is valid YAML; quoting every string means paths, versions
// ('0.1') and secrets are never re-typed by the YAML parser.
function scalar(value: string | number | boolean | null): string {
  return JSON.stringify(value);
}

function isScalar(value: YamlValue): value is string | number | boolean | null {
  return value === null || typeof value !== 'object';
}

function lines(value: YamlValue, indent: string): string[] {
  if (isScalar(value)) return [indent + scalar(value)];
  if (Array.isArray(value)) {
    if (value.length === 0) return [indent + '[]'];
    return value.flatMap((item) => {
      if (isScalar(item)) return [`${indent}- ${scalar(item)}`];
      const [first = '', ...rest] = lines(item, indent + '  ');
      return [`${indent}- ${first.trimStart()}`, ...rest];
    });
  }
  const entries = Object.entries(value).filter(
    (entry): entry is [string, YamlValue] => entry[1] !== undefined,
  );
  if (entries.length === 0) return [indent + '{}'];
  return entries.flatMap(([key, item]) => {
    const name = JSON.stringify(key);
    if (isScalar(item)) return [`${indent}${name}: ${scalar(item)}`];
    if (Array.isArray(item) && item.length === 0) return [`${indent}${name}: []`];
    if (!Array.isArray(item) && Object.keys(item).length === 0) return [`${indent}${name}: {}`];
    return [`${indent}${name}:`, ...lines(item, indent + '  ')];
  });
}

/** toYaml writes data as block-style YAML with every scalar JSON-quoted; undefined keys are dropped. */
export function toYaml(value: YamlValue): string {
  return lines(value, '').join('\n') + '\n';
}
