/**
 * Font subsetting with HarfBuzz's own subsetter (harfbuzzjs' standalone hb-subset build).
 * Chromium reads and sanitizes each 14.8 MB Noto Serif SC face for every document it loads
 * (1.2–2.3 s per print, measured) although a volume uses a few thousand of its 65,000 glyphs:
 * each edition is printed with faces cut to the characters its document holds. Pure: bytes in,
 * bytes out.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

interface HbSubset {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, codePoint: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_READONLY = 1;

let instance: HbSubset | undefined;

function harfbuzz(): HbSubset {
  if (!instance) {
    const require = createRequire(import.meta.url);
    const wasm = readFileSync(require.resolve("harfbuzzjs/dist/harfbuzz-subset.wasm"));
    instance = new WebAssembly.Instance(new WebAssembly.Module(wasm), {}).exports as unknown as HbSubset;
  }
  return instance;
}

/** The font cut to `codePoints` (and what its layout tables reach from them); glyph ids are renumbered. */
export function subsetFont(font: Uint8Array, codePoints: Iterable<number>): Uint8Array {
  const hb = harfbuzz();
  const data = hb.malloc(font.byteLength);
  new Uint8Array(hb.memory.buffer, data, font.byteLength).set(font);
  const blob = hb.hb_blob_create(data, font.byteLength, HB_MEMORY_MODE_READONLY, 0, 0);
  const face = hb.hb_face_create(blob, 0);
  hb.hb_blob_destroy(blob);
  const input = hb.hb_subset_input_create_or_fail();
  const unicodes = hb.hb_subset_input_unicode_set(input);
  for (const codePoint of codePoints) hb.hb_set_add(unicodes, codePoint);
  const subset = hb.hb_subset_or_fail(face, input);
  hb.hb_subset_input_destroy(input);
  hb.hb_face_destroy(face);
  try {
    if (!subset) throw new Error("HarfBuzz could not subset the print font");
    const result = hb.hb_face_reference_blob(subset);
    const bytes = new Uint8Array(hb.memory.buffer, hb.hb_blob_get_data(result, 0), hb.hb_blob_get_length(result)).slice();
    hb.hb_blob_destroy(result);
    return bytes;
  } finally {
    if (subset) hb.hb_face_destroy(subset);
    hb.free(data);
  }
}

/** Every character of a print document, and printable ASCII (folios, roman page numbers). */
export function documentCodePoints(html: string): Set<number> {
  const points = new Set<number>();
  for (let c = 0x20; c < 0x7f; c++) points.add(c);
  for (const ch of html) points.add(ch.codePointAt(0) as number);
  return points;
}
