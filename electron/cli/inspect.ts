// `berth inspect`: one tag or digest in full for people, the InspectResult with --json, or with --raw
// the manifest (or config blob) exactly as the registry stores it. --platform picks one image of an index.

import {
  artifactKind,
  artifactSummary,
  attestationLabels,
  referrerLabel,
  summaryWords,
} from '../../shared/artifacts';
import { RegistryError } from '../../shared/errors';
import { formatBytes } from '../../shared/format';
import { platformLabel } from '../../shared/image-compare';
import { mediaTypeLabel } from '../../shared/media-types';
import type {
  ImageConfig,
  ImageDetails,
  InspectResult,
  LayerInfo,
  OmittedLayers,
  Platform,
} from '../../shared/model';
import { parsePlatform } from '../../shared/platform-match';
import { plural } from '../../shared/plural';
import { parseReference } from '../../shared/reference';
import { visibleText } from '../../shared/safe-text';
import type { RegistryClient } from '../core/registry/client';
import { parseManifest } from '../core/registry/manifest';
import { platformImage } from '../core/registry/platform-image';
import { type ConnectionFlags, connect } from './connect';
import { out, outBytes, outJson, table } from './table';

/** InspectFlags are the options of `berth inspect`. */
export interface InspectFlags extends ConnectionFlags {
  platform?: string;
  /** raw is true for a bare `--raw`, else the word after it. */
  raw?: boolean | string;
}

type RawPart = 'manifest' | 'config';

const invalid = (message: string) => new RegistryError('INVALID_INPUT', message);

/**
 * rawRequest reads `--raw [manifest|config]`. Commander gives an optional option value the next
 * word, so `berth inspect --raw app:1` arrives as raw="app:1" and no image: that word is the image.
 */
function rawRequest(image: string | undefined, raw: boolean | string | undefined) {
  let part: RawPart | null = null;
  if (raw === true || raw === 'manifest') part = 'manifest';
  else if (raw === 'config') part = 'config';
  else if (typeof raw === 'string') {
    if (image !== undefined)
      throw invalid(`--raw takes "manifest" (the default) or "config" (got "${raw}").`);
    image = raw;
    part = 'manifest';
  }
  if (image === undefined) throw invalid('berth inspect needs an image, e.g. localhost:5000/app:1.0.');
  return { image, part };
}

function platformName(p: Platform | null | undefined): string {
  return p ? visibleText(platformLabel(p)) : 'unknown';
}

// Sizes for people count what is downloaded to run the image: the layers. The config blob is shown
// on its own line; InspectResult.totalSize (config plus layers) stays as it is for programs.
function layerBytes(layers: readonly LayerInfo[]): number {
  return layers.reduce((sum, l) => sum + (l.size ?? 0), 0);
}

// A very large image lists only its first layers; the ones left out still count, in number and size.
function sizeLine(layers: readonly LayerInfo[], omitted?: OmittedLayers): string {
  const known = layers.every((l) => l.size !== null);
  const count = layers.length + (omitted?.count ?? 0);
  if (count === 0) return '0 B';
  return known
    ? `${formatBytes(layerBytes(layers) + (omitted?.size ?? 0))} in ${plural(count, 'layer')}`
    : plural(count, 'layer');
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
  field('Volumes', (c.volumes ?? []).join(', '));
  field('StopSignal', c.stopSignal);
  for (const [i, e] of c.env.entries()) field(i === 0 ? 'Env' : '', e);
  for (const [i, [k, v]] of Object.entries(c.labels).entries()) field(i === 0 ? 'Labels' : '', `${k}=${v}`);
  if (c.history.length > 0) {
    lines.push('History');
    for (const h of c.history)
      lines.push(`  ${visibleText(h.createdBy ?? h.comment ?? '(no command recorded)')}`);
  }
  return lines;
}

/** artifactLines say what this manifest is attached to, when it is itself an artifact (a signature, an SBOM). */
function artifactLines(r: InspectResult): string[] {
  if (r.artifactType === null && r.subject === null) return [];
  const kind = referrerLabel({ kind: artifactKind(r.artifactType), artifactType: r.artifactType });
  const lines = [`Artifact    ${visibleText(kind)}${r.subject ? ` of ${r.subject}` : ''}`];
  if (r.artifactType && kind !== r.artifactType) lines.push(`            ${visibleText(r.artifactType)}`);
  return lines;
}

/** attachedLine sums up what is attached: "signed, has SBOM (2 artifacts)", or "not signed, no SBOM". */
function attachedLine(r: InspectResult): string[] {
  if (!r.referrers) return [];
  const summary = artifactSummary(r);
  const artifact = r.artifactType !== null || r.subject !== null;
  if (artifact && summary.artifacts === 0 && !r.referrers.error) return [];
  // Of an image people ask first whether it is signed and has an SBOM: say "no" to those too.
  const words = summaryWords(summary);
  if (!artifact && !summary.signed) words.push('not signed');
  if (!artifact && !summary.sbom) words.push('no SBOM');
  const count = summary.artifacts > 0 ? `${plural(summary.artifacts, 'artifact')} attached` : '';
  let text = words.length > 0 && count ? `${words.join(', ')} (${count})` : words.join(', ') || count;
  if (r.referrers.error)
    text += `${text ? '; ' : ''}the list may be incomplete: ${visibleText(r.referrers.error.message)}`;
  return [`Attached    ${text}`];
}

/** attestationLine says under a platform image that it is attested, and to what: "attested (provenance, SBOM)". */
function attestationLine(m: ImageDetails): string[] {
  if (m.attestations.length === 0) return [];
  const labels = attestationLabels(m.attestations);
  return [`   attested${labels.length > 0 ? ` (${labels.map((l) => visibleText(l)).join(', ')})` : ''}`];
}

/** referrerTable lists what is attached, one artifact a row. */
function referrerTable(r: InspectResult): string[] {
  const list = r.referrers?.referrers ?? [];
  if (list.length === 0) return [];
  const rows = list.map((a) => [
    referrerLabel(a),
    a.digest,
    a.artifactType ?? mediaTypeLabel(a.mediaType),
    a.tag ?? '',
  ]);
  return ['', table(['ATTACHED', 'DIGEST', 'ARTIFACT TYPE', 'TAG'], rows)];
}

/** describeInspect lays out an InspectResult for people; `asked` is what they typed when --platform chose the image. */
function describeInspect(r: InspectResult, asked: string | null): string {
  const own = `${r.registry}/${r.repository}${r.tag ? `:${r.tag}` : ''}`;
  const ref = asked ? `${asked}, the ${platformName(r.platforms[0])} image` : own;
  const lines = [
    `Reference   ${visibleText(ref)}`,
    `Digest      ${r.digest}`,
    `Type        ${visibleText(mediaTypeLabel(r.mediaType))}`,
  ];
  // An artifact (a signature, an SBOM) runs nowhere: its Artifact line says what it is instead.
  if (r.artifactType === null || r.platforms.length > 0)
    lines.push(`Platforms   ${r.platforms.map(platformName).join(', ') || 'unknown'}`);
  if (r.kind === 'index') {
    const sizes = r.manifests.map((m) => layerBytes(m.layers) + (m.omittedLayers?.size ?? 0));
    lines.push(
      `Size        ${formatBytes(sizes.reduce((a, b) => a + b, 0))} over ${plural(sizes.length, 'image')}`,
    );
  } else if (r.kind !== 'unknown') {
    lines.push(`Size        ${sizeLine(r.layers, r.omittedLayers)}`);
  }
  if (r.kind === 'image' && r.config?.digest) {
    const layersSize = layerBytes(r.layers) + (r.omittedLayers?.size ?? 0);
    lines.push(`Config      ${r.config.digest} (${formatBytes(r.totalSize - layersSize)})`);
  }
  lines.push(...artifactLines(r), ...attachedLine(r));
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
        `   ${sizeLine(m.layers, m.omittedLayers)}${m.config?.created ? `, created ${visibleText(m.config.created)}` : ''}`,
      );
    lines.push(...attestationLine(m));
  }
  lines.push(...referrerTable(r));
  return lines.join('\n');
}

/** printRaw writes the manifest, or the config blob of a single image, byte for byte. */
async function printRaw(
  client: RegistryClient,
  repo: string,
  reference: string,
  part: RawPart,
  what: string,
) {
  const got = await client.manifest(repo, reference);
  if (part === 'manifest') return outBytes(got.bytes);
  const manifest = parseManifest(got.bytes, got.contentType, what);
  if (manifest.kind === 'image') return outBytes(await client.blob(repo, manifest.config));
  throw invalid(
    manifest.kind === 'index'
      ? `${what} is a multi-platform image: each platform has its own config. Choose one with --platform, e.g. --platform linux/amd64.`
      : manifest.kind === 'legacy'
        ? `${what} is a legacy Docker schema 1 image: its config is inside the manifest (use --raw without "config").`
        : `${what} is content Berth does not know (${manifest.mediaType}), so it has no config to show.`,
  );
}

/** inspect shows one tag or digest in full, as text, --json, or --raw bytes. */
export async function inspect(target: string | undefined, flags: InspectFlags): Promise<void> {
  const { image, part } = rawRequest(target, flags.raw);
  const ref = parseReference(image, { insecure: flags.insecure ?? false });
  let wanted: Platform | null = null;
  if (flags.platform !== undefined) {
    wanted = parsePlatform(flags.platform);
    if (!wanted)
      throw invalid(
        `--platform takes os/architecture or os/architecture/variant, e.g. linux/arm64/v8 (got "${flags.platform}").`,
      );
  }
  const client = await connect(ref.registry, flags);
  try {
    const asked = ref.digest ?? ref.tag ?? 'latest';
    const what = `${ref.repository}${ref.digest ? `@${ref.digest}` : `:${asked}`}`;
    const reference = wanted
      ? await platformImage(client.transport, ref.repository, asked, wanted, { cache: client.cache })
      : asked;
    if (part) {
      await printRaw(client, ref.repository, reference, part, what);
      return;
    }
    const result = await client.inspect(ref.repository, reference, { referrers: true });
    if (flags.json) outJson(result);
    else out(describeInspect(result, wanted ? `${ref.registry.name}/${what}` : null));
    // A very large image is shown in part: say so where people look, also with --json.
    for (const note of result.notes ?? []) process.stderr.write(`berth: note: ${visibleText(note)}\n`);
  } finally {
    await client.close();
  }
}
