/**
 * A file's bytes to the texts of the letters in it: the format is sniffed from the bytes, then
 * its reader runs. Plain text is decoded here; web pages, Word documents and PDFs have readers
 * of their own. A format Fuwen cannot read is refused with its name and the way forward.
 */
import { decodeRaw } from "../decode.ts";
import type { Extraction } from "./extracted.ts";
import { readDocx } from "./docx.ts";
import { readWebPage } from "./html.ts";
import { readPdf } from "./pdf.ts";
import { sniff } from "./sniff.ts";

export async function extract(bytes: Uint8Array, name: string): Promise<Extraction> {
  const sniffed = sniff(bytes, name);
  if (!sniffed.ok) return { ok: false, reason: sniffed.reason };
  switch (sniffed.format) {
    case "docx":
      return readDocx(bytes);
    case "html":
      return readWebPage(bytes);
    case "pdf":
      return readPdf(bytes);
    default: {
      const decoded = decodeRaw(bytes);
      if (!decoded.ok) return { ok: false, reason: decoded.reason };
      return { ok: true, format: "text", encoding: decoded.encoding, parts: [{ text: decoded.text, notes: decoded.notes }] };
    }
  }
}
