/** Reads a TrueType font's Unicode cmap: which code points each glyph draws. Pure: bytes in, values out. */

/** Glyph id → every code point the font maps to it (from the format 12 or format 4 Unicode subtable). */
export function codePointsByGlyph(font: Uint8Array): Map<number, number[]> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = view.getUint16(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) {
    const record = 12 + 16 * i;
    const tag = String.fromCharCode(font[record]!, font[record + 1]!, font[record + 2]!, font[record + 3]!);
    if (tag === "cmap") cmap = view.getUint32(record + 8);
  }
  if (cmap < 0) throw new Error("the font has no cmap table");

  const subtables: { platform: number; encoding: number; offset: number; format: number }[] = [];
  for (let i = 0; i < view.getUint16(cmap + 2); i++) {
    const record = cmap + 4 + 8 * i;
    const offset = cmap + view.getUint32(record + 4);
    subtables.push({ platform: view.getUint16(record), encoding: view.getUint16(record + 2), offset, format: view.getUint16(offset) });
  }
  const full = subtables.find((t) => t.format === 12 && (t.platform === 3 || t.platform === 0));
  const bmp = subtables.find((t) => t.format === 4 && (t.platform === 3 || t.platform === 0));
  const result = new Map<number, number[]>();
  const add = (codePoint: number, glyph: number): void => {
    if (glyph === 0) return;
    const list = result.get(glyph);
    if (list) list.push(codePoint);
    else result.set(glyph, [codePoint]);
  };

  if (full) {
    const groups = view.getUint32(full.offset + 12);
    for (let g = 0; g < groups; g++) {
      const at = full.offset + 16 + 12 * g;
      const start = view.getUint32(at);
      const end = view.getUint32(at + 4);
      const glyph = view.getUint32(at + 8);
      for (let c = start; c <= end; c++) add(c, glyph + (c - start));
    }
  } else if (bmp) {
    const segments = view.getUint16(bmp.offset + 6) / 2;
    const ends = bmp.offset + 14;
    const starts = ends + 2 * segments + 2;
    const deltas = starts + 2 * segments;
    const rangeOffsets = deltas + 2 * segments;
    for (let s = 0; s < segments; s++) {
      const end = view.getUint16(ends + 2 * s);
      const start = view.getUint16(starts + 2 * s);
      const delta = view.getInt16(deltas + 2 * s);
      const rangeOffset = view.getUint16(rangeOffsets + 2 * s);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        if (rangeOffset === 0) add(c, (c + delta) & 0xffff);
        else {
          const glyph = view.getUint16(rangeOffsets + 2 * s + rangeOffset + 2 * (c - start));
          if (glyph) add(c, (glyph + delta) & 0xffff);
        }
      }
    }
  } else {
    throw new Error("the font has no Unicode cmap subtable");
  }
  return result;
}

/** How much a code point is the reading text means: unified ideographs first, radicals and compatibility forms last. */
export function textPreference(codePoint: number): number {
  if (codePoint >= 0x4e00 && codePoint <= 0x9fff) return 0;
  if ((codePoint >= 0x3400 && codePoint <= 0x4dbf) || (codePoint >= 0x20000 && codePoint <= 0x3ffff && !(codePoint >= 0x2f800 && codePoint <= 0x2fa1f))) return 1;
  if ((codePoint >= 0x2e80 && codePoint <= 0x2fdf) || (codePoint >= 0xf900 && codePoint <= 0xfaff) || (codePoint >= 0x2f800 && codePoint <= 0x2fa1f)) return 3;
  return 2;
}
