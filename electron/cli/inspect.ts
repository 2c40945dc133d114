// `berth inspect`: one tag or digest in full for people, or the InspectResult with --json.

import { formatBytes } from '../../shared/format';
import { platformLabel } from '../../shared/image-compare';
import { mediaTypeLabel } from '../../shared/media-types';
import type { ImageConfig, InspectResult, Platform } from '../../shared/model';
import { parseReference } from '../../shared/reference';
import { visibleText } from '../../shared/safe-text';
import { type ConnectionFlags, connect } from './connect';
import { out, outJson, table } from './table';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function platformName(p: Platform | null | undefined): string {
  return p ? visibleText(platformLabel(p)) : 'unknown';
}

function configLines(c: ImageConfig | null): string[] {
  if (!c) return [];
  const lines: string[] = [];
  // Every value is the image author's text: one line each, escaped, so it cannot steer the terminal.
  const field = (name: string, value: string | null | undefined) => {
    if (value) lines.push(`${name.padEnd(12)}${visibleText(value)}`);
  };
  field('Created', c.created);
  field('Author', c.author);
  field('Entrypoint', c.entrypoint ? JSON.stringify(c.entrypoint) : null);
  field('Cmd', c.cmd ? JSON.stringify(c.cmd) : null);
  field('WorkingDir', c.workingDir);
  field('User', c.user);
  field('Ports', c.exposedPorts.join(', '));
  for (const [i, e] of c.env.entries()) field(i === 0 ? 'Env' : '', e);
  for (const [i, [k, v]] of Object.entries(c.labels).entries()) field(i === 0 ? 'Labels' : '', `${k}=${v}`);
  if (c.history.length > 0) {
    lines.push('History');
    for (const h of c.history)
      lines.push(`  ${visibleText(h.createdBy ?? h.comment ?? '(no command recorded)')}`);
  }
  return lines;
}

function describeInspect(r: InspectResult): string {
  const ref = `${r.registry}/${r.repository}${r.tag ? `:${r.tag}` : ''}`;
  const lines = [
    `Reference   ${visibleText(ref)}`,
    `Digest      ${r.digest}`,
    `Type        ${visibleText(mediaTypeLabel(r.mediaType))}`,
    `Platforms   ${r.platforms.map(platformName).join(', ') || 'unknown'}`,
    `Size        ${formatBytes(r.totalSize)}${r.layers.length ? ` in ${plural(r.layers.length, 'layer')}` : ''}`,
  ];
  if (r.kind === 'legacy')
    lines.push('Note        a legacy Docker schema 1 image: layer sizes are not recorded.');
  if (r.kind === 'unknown')
    lines.push('Note        Berth does not know this kind of content; only its digest is shown.');
  lines.push(...configLines(r.config));
  if (r.layers.length > 0) {
    lines.push(
      '',
      table(
        ['LAYER', 'SIZE'],
        r.layers.map((l) => [l.digest, l.size === null ? '?' : formatBytes(l.size)]),
      ),
    );
  }
  for (const m of r.manifests) {
    lines.push('', `── ${platformName(m.platform)}  ${m.digest}`);
    if (m.error) lines.push(`   could not be read: ${visibleText(m.error.message)}`);
    else
      lines.push(
        `   ${formatBytes(m.totalSize)} in ${plural(m.layers.length, 'layer')}${m.config?.created ? `, created ${visibleText(m.config.created)}` : ''}`,
      );
  }
  return lines.join('\n');
}

/** inspect shows one tag or digest in full. */
export async function inspect(target: string, flags: ConnectionFlags): Promise<void> {
  const ref = parseReference(target, { insecure: flags.insecure ?? false });
  const client = await connect(ref.registry, flags);
  try {
    const result = await client.inspect(ref.repository, ref.digest ?? ref.tag ?? 'latest');
    if (flags.json) outJson(result);
    else out(describeInspect(result));
  } finally {
    await client.close();
  }
}
