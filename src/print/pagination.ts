/**
 * Where each part of the book starts. Chromium cannot do target-counter() or
 * break-before: right, so the renderer prints once, reads where each block landed
 * (named destinations), and this module works out the lengths, the blank versos to
 * insert before right-hand starts, and the page every block will start on. Pure.
 */

export interface Block {
  /** The element id the block opens with. */
  anchor: string;
  /** Must start on a right-hand (odd) page. */
  recto: boolean;
  /** Length of a block whose start cannot be read back (cover, title page); it is laid out to fit. */
  fixedLength?: number;
}

/** What a rendering told us. */
export interface Measurement {
  starts: ReadonlyMap<string, number>;
  totalPages: number;
  /** Blocks that had a blank page inserted before them in that rendering. */
  blanksBefore: ReadonlySet<string>;
}

export interface PagePlan {
  starts: Map<string, number>;
  lengths: Map<string, number>;
  blanksBefore: Set<string>;
  totalPages: number;
}

/** The number of pages each block takes, from where the blocks started in a rendering. */
export function blockLengths(blocks: readonly Block[], measurement: Measurement): Map<string, number> {
  const starts: number[] = [];
  let next = 1;
  for (const block of blocks) {
    if (measurement.blanksBefore.has(block.anchor)) next += 1;
    const measured = measurement.starts.get(block.anchor);
    if (measured === undefined && block.fixedLength === undefined) {
      throw new Error(`the rendering has no destination for #${block.anchor}, so its page is unknown`);
    }
    const start = measured ?? next;
    starts.push(start);
    next = start + (block.fixedLength ?? 1);
  }
  const lengths = new Map<string, number>();
  blocks.forEach((block, i) => {
    const start = starts[i] as number;
    const following = blocks[i + 1];
    const end = following
      ? (starts[i + 1] as number) - (measurement.blanksBefore.has(following.anchor) ? 1 : 0)
      : measurement.totalPages + 1;
    const length = end - start;
    if (length < 1) throw new Error(`#${block.anchor} measured ${length} pages long: the rendering is inconsistent`);
    if (block.fixedLength !== undefined && length !== block.fixedLength) {
      throw new Error(`#${block.anchor} takes ${length} pages, but it must fit on ${block.fixedLength}`);
    }
    lengths.set(block.anchor, length);
  });
  return lengths;
}

/** Lays blocks of known lengths onto pages: right-hand starts get a blank verso where needed. */
export function planPages(blocks: readonly Block[], lengths: ReadonlyMap<string, number>): PagePlan {
  const starts = new Map<string, number>();
  const blanksBefore = new Set<string>();
  let page = 1;
  for (const block of blocks) {
    if (block.recto && page % 2 === 0) {
      blanksBefore.add(block.anchor);
      page += 1;
    }
    starts.set(block.anchor, page);
    const length = lengths.get(block.anchor);
    if (length === undefined) throw new Error(`no length for #${block.anchor}`);
    page += length;
  }
  return { starts, lengths: new Map(lengths), blanksBefore, totalPages: page - 1 };
}

/** Blocks whose measured start differs from the plan: empty when the rendering kept to it. */
export function departures(blocks: readonly Block[], plan: PagePlan, measurement: Measurement): string[] {
  const found: string[] = [];
  for (const block of blocks) {
    const measured = measurement.starts.get(block.anchor);
    if (measured === undefined) continue;
    const planned = plan.starts.get(block.anchor);
    if (measured !== planned) found.push(`#${block.anchor}: planned page ${planned}, printed on ${measured}`);
  }
  return found;
}
