/** A GBK/GB18030 encoder for test fixtures, built by inverting Node's own decoder over the two-byte range. */
let table: Map<string, number[]> | undefined;

export function encodeGb18030(text: string): Buffer {
  if (!table) {
    table = new Map();
    const decoder = new TextDecoder("gb18030");
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const char = decoder.decode(new Uint8Array([lead, trail]));
        if (char.length === 1 && char !== "\ufffd" && !table.has(char)) table.set(char, [lead, trail]);
      }
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = table.get(char);
      if (!pair) throw new Error(`no two-byte GB18030 code for ${char} (U+${code.toString(16)})`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}
