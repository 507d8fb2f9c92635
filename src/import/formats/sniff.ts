/**
 * What a file is, from its first bytes, never from its name: the formats Fuwen reads, and the
 * ones it cannot read, each named with the conversion that makes it readable. Pure.
 */
import { unzipSync } from "fflate";
import type { Format } from "./extracted.ts";
import { oleStreamNames } from "./ole.ts";

export type Sniffed = { ok: true; format: Format } | { ok: false; format: string; reason: string };

const starts = (bytes: Uint8Array, ...signature: number[]) => signature.every((b, i) => bytes[i] === b);
const ascii = (bytes: Uint8Array, text: string, at = 0) => [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));

const OCR = "run OCR on it first (for example ocrmypdf -l chi_sim FILE out.pdf for a PDF, or tesseract FILE out -l chi_sim for an image), then import the result";
const TO_DOCX = (what: string) => `${what}: save it as .docx in Word or WPS Office (or convert it: libreoffice --headless --convert-to docx FILE), then import the .docx`;

/** `name` only sharpens a message (a .wps and a .doc are the same kind of file inside). */
export function sniff(bytes: Uint8Array, name = ""): Sniffed {
  if (bytes.length >= 5 && findAscii(bytes.subarray(0, 1024), "%PDF-") >= 0) return { ok: true, format: "pdf" };
  if (starts(bytes, 0x50, 0x4b, 0x03, 0x04)) return sniffZip(bytes);
  if (starts(bytes, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return sniffOle(bytes, name);
  if (ascii(bytes, "{\\rtf")) return refuse("RTF", TO_DOCX("an RTF document"));
  if (starts(bytes, 0xff, 0xd8, 0xff)) return refuse("JPEG image", `a JPEG image (a photo or scan of the letter): ${OCR}`);
  if (starts(bytes, 0x89, 0x50, 0x4e, 0x47)) return refuse("PNG image", `a PNG image (a scan or screenshot of the letter): ${OCR}`);
  if (ascii(bytes, "II*\0") || ascii(bytes, "MM\0*")) return refuse("TIFF image", `a TIFF image (a scan): ${OCR}`);
  if (ascii(bytes, "GIF8")) return refuse("GIF image", `a GIF image: ${OCR}`);
  if (ascii(bytes, "RIFF") && ascii(bytes, "WEBP", 8)) return refuse("WebP image", `a WebP image: ${OCR}`);
  if (ascii(bytes, "BM") && bytes.length > 26 && bytes[14] !== undefined && [12, 40, 56, 108, 124].includes(bytes[14]!)) return refuse("BMP image", `a BMP image: ${OCR}`);
  if (starts(bytes, 0x1f, 0x8b)) return refuse("gzip archive", "a gzip archive: unpack it (gunzip FILE) and import what it holds");
  if (ascii(bytes, "Rar!")) return refuse("RAR archive", "a RAR archive: unpack it and import its files (npm run import -- FOLDER)");
  if (starts(bytes, 0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c)) return refuse("7z archive", "a 7z archive: unpack it and import its files (npm run import -- FOLDER)");
  return { ok: true, format: looksLikeHtml(bytes) ? "html" : "text" };
}

function refuse(format: string, reason: string): Sniffed {
  return { ok: false, format, reason };
}

/** A saved web page, also one saved as MHTML (a MIME message holding the page). */
function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 2048)).replace(/^\ufeff|^\u00ef\u00bb\u00bf/u, "");
  return /^\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<meta\s)/iu.test(head) || (/^MIME-Version:/imu.test(head) && /multipart\/related/iu.test(head));
}

/** A ZIP is a .docx when it holds word/document.xml; else name what it holds. */
function sniffZip(bytes: Uint8Array): Sniffed {
  const names: string[] = [];
  let mimetype = "";
  try {
    // Lists every entry, decompressing only OpenDocument's tiny mimetype entry.
    const files = unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name);
        return file.name === "mimetype" && file.originalSize < 200;
      },
    });
    mimetype = files.mimetype ? new TextDecoder().decode(files.mimetype) : "";
  } catch (error) {
    return refuse("ZIP", `a damaged ZIP file (${(error as Error).message}): if it is a .docx, open it in Word or WPS and save it again`);
  }
  const has = (name: string) => names.includes(name);
  if (has("word/document.xml")) return { ok: true, format: "docx" };
  if (has("xl/workbook.xml")) return refuse("Excel workbook (.xlsx)", "a spreadsheet (.xlsx), not a reply: Fuwen imports one reply per file; if the sheet lists replies, import each reply's own text");
  if (has("ppt/presentation.xml")) return refuse("PowerPoint presentation (.pptx)", "a presentation (.pptx), not a reply: import the reply's own document");
  if (has("OFD.xml")) return refuse("OFD document", "an OFD document (China's fixed-layout format): export it to PDF in an OFD reader (such as 数科OFD阅读器), then import the PDF");
  if (mimetype.startsWith("application/vnd.oasis.opendocument.text")) return refuse("OpenDocument text (.odt)", TO_DOCX("an OpenDocument text (.odt)"));
  if (mimetype.startsWith("application/vnd.oasis.opendocument.spreadsheet")) return refuse("OpenDocument spreadsheet (.ods)", "a spreadsheet (.ods), not a reply: import each reply's own text");
  return refuse("ZIP archive", `a ZIP archive of ${names.length} file(s), not a Word document: unpack it and import its files (npm run import -- FOLDER)`);
}

/** OLE2 compound files: Word 97–2003 (.doc), WPS (.wps), Excel 97 (.xls), a password-protected .docx. */
function sniffOle(bytes: Uint8Array, name: string): Sniffed {
  const streams = oleStreamNames(bytes);
  const has = (stream: string) => streams.includes(stream);
  if (has("EncryptedPackage") || has("EncryptionInfo")) return refuse("encrypted Office document", "a password-protected Office document: open it with its password, save an unprotected .docx, and import that");
  if (has("WordDocument")) {
    if (/\.wps$/iu.test(name)) return refuse("WPS document (.wps)", TO_DOCX("a WPS Office document (.wps)"));
    return refuse("Word 97–2003 document (.doc)", TO_DOCX("a Word 97–2003 document (.doc), which Fuwen does not read"));
  }
  if (has("Workbook") || has("Book")) return refuse("Excel 97–2003 workbook (.xls)", "a spreadsheet (.xls), not a reply: import each reply's own text");
  if (has("PowerPoint Document")) return refuse("PowerPoint 97–2003 presentation (.ppt)", "a presentation (.ppt), not a reply");
  return refuse("OLE compound file", TO_DOCX("an old Office or WPS file"));
}

function findAscii(bytes: Uint8Array, text: string): number {
  outer: for (let i = 0; i + text.length <= bytes.length; i++) {
    for (let j = 0; j < text.length; j++) if (bytes[i + j] !== text.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}
