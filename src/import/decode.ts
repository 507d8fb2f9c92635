/** Raw bytes of a plain-text file to text: detects UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK; refuses binary. Pure. */

export type Decoded =
  | { ok: true; text: string; encoding: string; notes: string[] }
  | { ok: false; reason: string };

export function decodeRaw(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, reason: "the file is empty" };

  let encoding: string | undefined;
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) [encoding, start] = ["utf-8", 3];
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, start] = ["utf-16le", 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, start] = ["utf-16be", 2];

  const body = bytes.subarray(start);
  const notes: string[] = [];
  let text: string | undefined;
  if (encoding) {
    text = strictDecode(encoding, body);
    notes.push(`encoding ${encoding} (byte-order mark removed)`);
  } else if (body.includes(0)) {
    return { ok: false, reason: "binary file (it contains NUL bytes): not a format Fuwen reads (plain text, a web page, a .docx or a PDF)" };
  } else if ((text = strictDecode("utf-8", body)) !== undefined) {
    encoding = "utf-8";
  } else if ((text = strictDecode("gb18030", body)) !== undefined) {
    encoding = "gb18030";
    notes.push("encoding GB18030/GBK, converted to UTF-8");
  }
  if (text === undefined || !encoding) {
    return { ok: false, reason: "not text in UTF-8, UTF-16 or GB18030: save the file as UTF-8 and import it again" };
  }
  if (isMostlyControl(text)) {
    return { ok: false, reason: "binary file (mostly control characters): not a format Fuwen reads (plain text, a web page, a .docx or a PDF)" };
  }
  if (/\r\n?/.test(text)) notes.push("CR/CRLF line ends converted to LF");
  text = text.replace(/\r\n?/g, "\n");
  if (!text.trim()) return { ok: false, reason: "the file holds only white space" };
  return { ok: true, text, encoding, notes };
}

/** The text, or undefined when the bytes are not valid in that encoding. */
export function strictDecode(encoding: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function isMostlyControl(text: string): boolean {
  const sample = text.slice(0, 4096);
  const control = sample.match(/[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/g)?.length ?? 0;
  return control > sample.length * 0.05;
}
