// Where the window opens: where it was last closed, as long as that is still on a screen (a monitor may have
// been unplugged since); otherwise centred on the primary screen.

/** Rect is a rectangle in screen coordinates, as Electron's Rectangle. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** WindowBounds is what is remembered about the window between runs. */
export interface WindowBounds extends Rect {
  maximized: boolean;
}

/** DEFAULT_SIZE is the window's size on first run. */
export const DEFAULT_SIZE = { width: 1280, height: 820 };
/** MIN_SIZE is the smallest size the layout works at. */
export const MIN_SIZE = { width: 720, height: 480 };

/** isWindowBounds checks remembered bounds read back from disk. */
export function isWindowBounds(value: unknown): value is WindowBounds {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    ['x', 'y', 'width', 'height'].every((k) => Number.isFinite(v[k])) && typeof v['maximized'] === 'boolean'
  );
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function clampSize(size: number, min: number, max: number): number {
  return Math.round(Math.max(Math.min(size, max), Math.min(min, max)));
}

function centred(area: Rect): Rect {
  const width = clampSize(DEFAULT_SIZE.width, MIN_SIZE.width, area.width);
  const height = clampSize(DEFAULT_SIZE.height, MIN_SIZE.height, area.height);
  return {
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
    width,
    height,
  };
}

/** placeWindow returns the bounds to open with: the saved ones moved and shrunk to fit the screen they are mostly on. */
export function placeWindow(saved: WindowBounds | null, workAreas: Rect[], primary: Rect): WindowBounds {
  if (!saved || !isWindowBounds(saved)) return { ...centred(primary), maximized: false };
  const best = workAreas
    .map((area) => ({ area, shared: overlap(saved, area) }))
    .sort((a, b) => b.shared - a.shared)[0];
  if (!best || best.shared === 0) return { ...centred(primary), maximized: saved.maximized };
  const { area } = best;
  const width = clampSize(saved.width, MIN_SIZE.width, area.width);
  const height = clampSize(saved.height, MIN_SIZE.height, area.height);
  const x = Math.round(Math.min(Math.max(saved.x, area.x), area.x + area.width - width));
  const y = Math.round(Math.min(Math.max(saved.y, area.y), area.y + area.height - height));
  return { x, y, width, height, maximized: saved.maximized };
}
