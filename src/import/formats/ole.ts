/**
 * OLE compound files (MS-CFB): a Word 97–2003 .doc, a WPS file, an Excel 97 workbook, and a
 * password-protected .docx (ECMA-376 Part 2 / MS-OFFCRYPTO: streams EncryptionInfo and
 * EncryptedPackage) are all one; their stream names tell them apart. Pure.
 */

export function isOle(bytes: Uint8Array): boolean {
  return [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every((b, i) => bytes[i] === b);
}

/** True for an encrypted (password-protected) .docx, .xlsx or .pptx: an OLE file with EncryptionInfo and EncryptedPackage. */
export function isEncryptedOoxml(bytes: Uint8Array): boolean {
  const names = oleStreamNames(bytes);
  return names.includes("EncryptionInfo") && names.includes("EncryptedPackage");
}

/**
 * The names in an OLE compound file's directory, read through its FAT (the directory can sit
 * anywhere in the file, after megabytes of encrypted data). [] when it is not one.
 */
export function oleStreamNames(bytes: Uint8Array): string[] {
  if (!isOle(bytes) || bytes.length < 512) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number) => (at + 4 <= bytes.length ? view.getUint32(at, true) : 0xffffffff);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return [];
  const size = 1 << shift;
  const sector = (n: number) => (n + 1) * size;

  // The FAT's own sectors: 109 listed in the header, the rest in the DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) fatSectors.push(u32(0x4c + 4 * i));
  for (let difat = u32(0x44), guard = 0; difat < 0xfffffffa && guard < 1 << 16; guard++) {
    const at = sector(difat);
    for (let i = 0; i < size / 4 - 1; i++) fatSectors.push(u32(at + 4 * i));
    difat = u32(at + size - 4);
  }
  const fat = fatSectors.filter((n) => n < 0xfffffffa);
  const next = (n: number) => {
    const perSector = size / 4;
    const fatSector = fat[Math.floor(n / perSector)];
    return fatSector === undefined ? 0xfffffffe : u32(sector(fatSector) + 4 * (n % perSector));
  };

  const names: string[] = [];
  const seen = new Set<number>();
  for (let dir = u32(0x30); dir < 0xfffffffa && !seen.has(dir) && sector(dir) < bytes.length; dir = next(dir)) {
    seen.add(dir);
    for (let entry = sector(dir); entry + 128 <= Math.min(sector(dir) + size, bytes.length); entry += 128) {
      const length = view.getUint16(entry + 64, true);
      const type = bytes[entry + 66];
      if (length < 2 || length > 64 || !type) continue;
      let name = "";
      for (let i = 0; i < length / 2 - 1; i++) name += String.fromCharCode(view.getUint16(entry + 2 * i, true));
      names.push(name);
    }
  }
  return names;
}
