// layerReuse: which other images of a repository share layers with this one ("shares 2 of 3 layers
// with 1.3"). Layers are compared by digest; an image listing the same layer twice counts it once.

/** LayerSet is an image seen as its layer digests, with the tag that names it. */
export interface LayerSet {
  digest: string;
  /** label names the image for people: its owner tag. */
  label: string;
  layers: readonly string[];
}

/** LayerReuse says how many of the target's layers another image also has. */
export interface LayerReuse {
  digest: string;
  label: string;
  shared: number;
  /** total is the target's own number of distinct layers. */
  total: number;
}

/** layerReuse lists the other images sharing at least one layer, most shared first, then by label. */
export function layerReuse(target: LayerSet, others: readonly LayerSet[]): LayerReuse[] {
  const mine = new Set(target.layers);
  const out: LayerReuse[] = [];
  for (const other of others) {
    if (other.digest === target.digest) continue;
    let shared = 0;
    for (const layer of new Set(other.layers)) if (mine.has(layer)) shared++;
    if (shared > 0) out.push({ digest: other.digest, label: other.label, shared, total: mine.size });
  }
  return out.sort((a, b) => b.shared - a.shared || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/** describeReuse writes one entry as people read it: `shares 2 of 3 layers with 1.3`. */
export function describeReuse(r: LayerReuse): string {
  return `shares ${r.shared} of ${r.total} ${r.total === 1 ? 'layer' : 'layers'} with ${r.label}`;
}
