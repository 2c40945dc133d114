// LayoutProbe reads how the window is laid out, to prove that hostile text (a 40,000-character label,
// a 128-character tag) neither widens the page nor squeezes the tag list.

import type { Locator, Page } from '@playwright/test';

/** PageWidths: the document's scroll width against the window's, in CSS pixels. */
export interface PageWidths {
  scrollWidth: number;
  innerWidth: number;
}

/** PageWindow is the little of the page's `window` read here (the tests compile without the DOM library). */
interface PageWindow {
  innerWidth: number;
  document: { documentElement: { scrollWidth: number } };
}

/** pageWidths reads `document.documentElement.scrollWidth` and `window.innerWidth`. */
export function pageWidths(page: Page): Promise<PageWidths> {
  return page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    return { scrollWidth: w.document.documentElement.scrollWidth, innerWidth: w.innerWidth };
  });
}

/** widthOf is an element's drawn width in CSS pixels (0 when it is not on screen). */
export async function widthOf(locator: Locator): Promise<number> {
  return (await locator.boundingBox())?.width ?? 0;
}

/** sidewaysOverflow is how far an element's content reaches past its own box, left to right (0 when it fits). */
export function sidewaysOverflow(locator: Locator): Promise<number> {
  return locator.evaluate((el) => Math.max(0, el.scrollWidth - el.clientWidth));
}

/** labelsOutsideTheirBoxes lists the diagram labels (image and alias boxes) that reach past their box, by text. */
export function labelsOutsideTheirBoxes(diagram: Locator): Promise<string[]> {
  return diagram
    .locator('[data-testid="diagram-image"], [data-testid="diagram-pointer"]')
    .evaluateAll((nodes) =>
      nodes.flatMap((node) => {
        const shape = node.getBoundingClientRect();
        return [...node.querySelectorAll('span')]
          .filter((label) => {
            const box = label.getBoundingClientRect();
            return box.left < shape.left - 0.5 || box.right > shape.right + 0.5;
          })
          .map((label) => label.textContent ?? '');
      }),
    );
}

/** Rect and DomNode are the little of the DOM read here (the tests compile without the DOM library). */
interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}
interface DomNode {
  getBoundingClientRect(): Rect;
  getAttribute(name: string): string | null;
  className: string;
  tagName: string;
  textContent: string | null;
  classList: { contains(name: string): boolean };
  scrollWidth: number;
  clientWidth: number;
}

/** NamedBox is an element's drawn rectangle, named for the failure message. */
interface NamedBox {
  name: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * overlappingControls lists the pairs of a toolbar's visible children whose boxes intersect (by more than
 * half a pixel, so touching edges do not count), as "a ∩ b": one control drawn over another; and the
 * children whose content is wider than their box (drawn over the next one without the boxes meeting).
 */
export function overlappingControls(toolbar: Locator): Promise<string[]> {
  return toolbar.evaluate((bar) => {
    const boxes: NamedBox[] = [];
    const overflowing: string[] = [];
    for (const el of Array.from(bar.children) as unknown as DomNode[]) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || el.classList.contains('spacer')) continue;
      const name = el.getAttribute('data-testid') ?? el.className ?? el.tagName;
      boxes.push({ name, left: r.left, top: r.top, right: r.right, bottom: r.bottom });
      // A box squeezed below its content draws the content over its neighbour even when the boxes do not meet.
      const style = (
        globalThis as unknown as { getComputedStyle(e: DomNode): { overflowX: string } }
      ).getComputedStyle(el);
      if (el.scrollWidth > el.clientWidth + 1 && style.overflowX === 'visible')
        overflowing.push(`${name} overflows its box (${el.scrollWidth} > ${el.clientWidth})`);
    }
    const out: string[] = [...overflowing];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 0.5 && y > 0.5) out.push(`${a.name} ∩ ${b.name}`);
      }
    }
    return out;
  });
}

/**
 * cutOffColumns lists the table's drawn column headers that do not fit in the visible part of their scroll
 * container (their right edge past it, or squeezed under 24 px), by header text, plus "sideways scroll"
 * when the table is wider than its container. Columns left out at this width (display: none) are skipped.
 */
export function cutOffColumns(scroll: Locator): Promise<string[]> {
  return scroll.evaluate((box) => {
    const frame = box.getBoundingClientRect();
    const right = frame.left + box.clientWidth;
    const out: string[] = [];
    for (const th of Array.from(box.querySelectorAll('th')) as unknown as DomNode[]) {
      const r = th.getBoundingClientRect();
      // A column the table left out at this width is not drawn at all: not cut off.
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > right + 0.5 || r.left < frame.left - 0.5 || r.width < 24)
        out.push(
          `${th.textContent ?? ''} (${Math.round(r.left)}–${Math.round(r.right)} in ${Math.round(frame.left)}–${Math.round(right)})`,
        );
    }
    if (box.scrollWidth > box.clientWidth + 1)
      out.push(`sideways scroll (${box.scrollWidth} > ${box.clientWidth})`);
    return out;
  });
}

/** shownColumns lists the table's drawn column headers, left to right, by text. */
export function shownColumns(scroll: Locator): Promise<string[]> {
  return scroll.evaluate((box) =>
    (Array.from(box.querySelectorAll('th')) as unknown as DomNode[])
      .filter((th) => th.getBoundingClientRect().width > 0)
      .map((th) => (th.textContent ?? '').replace(/[▲▼]/g, '').trim()),
  );
}

/**
 * toolbarRows counts the lines a wrapping toolbar's visible children sit on: children whose vertical
 * middles are within 8 px of each other share a line. One means the toolbar did not wrap.
 */
export function toolbarRows(toolbar: Locator): Promise<number> {
  return toolbar.evaluate((bar) => {
    const middles: number[] = [];
    for (const el of Array.from(bar.children) as unknown as DomNode[]) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const middle = r.top + r.height / 2;
      if (!middles.some((m) => Math.abs(m - middle) < 8)) middles.push(middle);
    }
    return middles.length;
  });
}
