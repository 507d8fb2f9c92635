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
  // The last part's folios are spelled out too: it must end where planned.
  if (measurement.totalPages !== plan.totalPages) found.push(`planned ${plan.totalPages} pages, printed ${measurement.totalPages}`);
  return found;
}

/** 1 → i, 4 → iv, 14 → xiv: the front matter's folios and page labels. */
export function lowerRoman(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new Error(`no roman numeral for ${n}`);
  const numerals: [number, string][] = [[1000, "m"], [900, "cm"], [500, "d"], [400, "cd"], [100, "c"], [90, "xc"], [50, "l"], [40, "xl"], [10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"]];
  let text = "";
  for (const [value, numeral] of numerals) for (; n >= value; n -= value) text += numeral;
  return text;
}

/**
 * The number a page carries, printed and in the PDF's page labels alike: the front matter
 * (the pages before `bodyStart`) in lower-case roman numerals counted from the cover, the body
 * in arabic numerals from 1, so that "page 237" in a viewer is the page printed 237.
 */
export function folioLabel(page: number, bodyStart: number): string {
  return page < bodyStart ? lowerRoman(page) : String(page - bodyStart + 1);
}
