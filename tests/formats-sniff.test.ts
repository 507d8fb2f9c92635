/**
 * Formats told from their first bytes, whatever the file is called: what Fuwen reads, and what
 * it refuses with the format's name and the way forward. The bytes are built here: a ZIP with
 * fflate, an OLE2 compound file with tests/fixtures/docx.ts, the other signatures by hand.
 */
import { zipSync, strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { sniff } from "../src/import/formats/sniff.ts";
import { buildOle } from "./fixtures/docx.ts";

/** An OLE2 compound file with these streams, built by the .docx fixtures' writer. */
const ole = (...streams: string[]) => buildOle(streams);

const ascii = (text: string) => new TextEncoder().encode(text);

describe("formats Fuwen reads", () => {
  it.each([
    ["a PDF", ascii("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"), "pdf"],
    ["a PDF after a few stray bytes", ascii("\n\n%PDF-1.4\n"), "pdf"],
    ["a .docx (a ZIP with word/document.xml)", zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "word/document.xml": strToU8("<w:document/>") }), "docx"],
    ["a web page", ascii("<!DOCTYPE html>\n<html><head><meta charset=gb2312>"), "html"],
    ["a web page starting with <head>", ascii("<head><meta http-equiv='Content-Type'>"), "html"],
    ["an MHTML page", ascii('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="x"\r\n'), "html"],
    ["plain text", ascii("医保函〔2020〕135号\n"), "text"],
  ])("%s", (_label, bytes, format) => {
    expect(sniff(bytes)).toEqual({ ok: true, format });
  });
});

describe("formats refused, with the way forward", () => {
  const TO_DOCX = "save it as .docx in Word or WPS Office (or convert it: libreoffice --headless --convert-to docx FILE), then import the .docx";
  it.each([
    ["Word 97", ole("WordDocument", "1Table"), "x.txt", "Word 97–2003 document (.doc)", `a Word 97–2003 document (.doc), which Fuwen does not read: ${TO_DOCX}`],
    ["WPS", ole("WordDocument"), "reply.wps", "WPS document (.wps)", `a WPS Office document (.wps): ${TO_DOCX}`],
    ["encrypted .docx", ole("EncryptionInfo", "EncryptedPackage"), "reply.docx", "encrypted Office document", "a password-protected Office document: open it with its password, save an unprotected .docx, and import that"],
    ["Excel 97", ole("Workbook"), "list.xls", "Excel 97–2003 workbook (.xls)", "a spreadsheet (.xls), not a reply: import each reply's own text"],
    ["RTF", ascii("{\\rtf1\\ansi"), "x.rtf", "RTF", `an RTF document: ${TO_DOCX}`],
    ["a ZIP of replies", zipSync({ "a.txt": strToU8("x"), "b.txt": strToU8("y") }), "replies.zip", "ZIP archive", "a ZIP archive of 2 file(s), not a Word document: unpack it and import its files (npm run import -- FOLDER)"],
    ["a spreadsheet", zipSync({ "xl/workbook.xml": strToU8("<workbook/>") }), "list.xlsx", "Excel workbook (.xlsx)", "a spreadsheet (.xlsx), not a reply: Fuwen imports one reply per file; if the sheet lists replies, import each reply's own text"],
    ["an .odt", zipSync({ mimetype: strToU8("application/vnd.oasis.opendocument.text"), "content.xml": strToU8("<x/>") }), "x.odt", "OpenDocument text (.odt)", `an OpenDocument text (.odt): ${TO_DOCX}`],
    ["an OFD", zipSync({ "OFD.xml": strToU8("<ofd:OFD/>") }), "x.ofd", "OFD document", "an OFD document (China's fixed-layout format): export it to PDF in an OFD reader (such as 数科OFD阅读器), then import the PDF"],
    ["a JPEG", new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), "scan.pdf", "JPEG image", "a JPEG image (a photo or scan of the letter): run OCR on it first (for example ocrmypdf -l chi_sim FILE out.pdf for a PDF, or tesseract FILE out -l chi_sim for an image), then import the result"],
    ["a TIFF", ascii("II*\0\x08\0\0\0"), "scan.tif", "TIFF image", "a TIFF image (a scan): run OCR on it first (for example ocrmypdf -l chi_sim FILE out.pdf for a PDF, or tesseract FILE out -l chi_sim for an image), then import the result"],
  ])("%s", (_label, bytes, name, format, reason) => {
    expect(sniff(bytes, name)).toEqual({ ok: false, format, reason });
  });

  it("a damaged ZIP", () => {
    const zip = zipSync({ "word/document.xml": strToU8("<w:document/>") });
    const result = sniff(zip.subarray(0, 30));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^a damaged ZIP file \(.+\): if it is a \.docx, open it in Word or WPS and save it again$/u);
  });
});
