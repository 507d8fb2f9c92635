/**
 * PDF/A-2u (ISO 19005-2, level U) for the editions: what finish.ts adds to Chromium's PDF (an
 * XMP packet in step with the Info dictionary, an sRGB output intent, a trailer /ID, the
 * print flag on annotations, PDF 1.7) and the checks every edition passes before it is
 * written. No PDF/A validator is reachable here (veraPDF is on no registry this project
 * uses), so the checks are the standard's rules this project can break, written out: they
 * are not a full validator (colour spaces of images, font program internals and the content
 * streams are not inspected). Pure: pdf-lib objects in, objects or messages out.
 */
import { createHash } from "node:crypto";
import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFHeader,
  PDFNumber,
  PDFRawStream,
  PDFStream,
  PDFString,
  type PDFObject,
} from "pdf-lib";
import { escapeXml, unescapeXml } from "../escape.ts";
import type { BookMetadata } from "./book.ts";

/** What the Info dictionary and the XMP packet both say. */
export interface DocumentInfo extends BookMetadata {
  creator: string;
  producer: string;
}

/** XMP dates: UTC to the second, the instant pdf-lib writes into Info as D:YYYYMMDDHHmmSSZ. */
const xmpDate = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, "Z");

/** The XMP packet: Dublin Core, XMP basic, Adobe PDF and the PDF/A identification schema. */
export function xmpPacket(info: DocumentInfo): string {
  const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(text)}</rdf:li></rdf:Alt>`;
  const date = xmpDate(info.creationDate);
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>U</pdfaid:conformance>
<dc:format>application/pdf</dc:format>
<dc:title>${alt(info.title)}</dc:title>
<dc:creator><rdf:Seq><rdf:li>${escapeXml(info.author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description>${alt(info.subject)}</dc:description>
<dc:language><rdf:Bag><rdf:li>${escapeXml(info.language)}</rdf:li></rdf:Bag></dc:language>
<dc:date><rdf:Seq><rdf:li>${date}</rdf:li></rdf:Seq></dc:date>
<pdf:Keywords>${escapeXml(info.keywords.join(" "))}</pdf:Keywords>
<pdf:Producer>${escapeXml(info.producer)}</pdf:Producer>
<xmp:CreatorTool>${escapeXml(info.creator)}</xmp:CreatorTool>
<xmp:CreateDate>${date}</xmp:CreateDate>
<xmp:ModifyDate>${date}</xmp:ModifyDate>
<xmp:MetadataDate>${date}</xmp:MetadataDate>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>`;
}

/**
 * Makes a finished edition PDF/A-2u: Info and XMP from one description, the sRGB output
 * intent (`icc`: the profile's bytes), /ID from `fingerprint` (the same input gives the same
 * file), annotations printable, the header PDF 1.7 (Chromium writes 1.4 but the file has
 * object streams).
 */
export function makePdfA(doc: PDFDocument, info: DocumentInfo, icc: Uint8Array, fingerprint: string): void {
  const context = doc.context;
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setAuthor(info.author);
  doc.setSubject(info.subject);
  doc.setKeywords(info.keywords);
  doc.setLanguage(info.language);
  doc.setCreator(info.creator);
  doc.setProducer(info.producer);
  doc.setCreationDate(info.creationDate);
  doc.setModificationDate(info.creationDate);

  // The metadata stream unfiltered, as the standard's readers expect to find it.
  const xmp = context.stream(new TextEncoder().encode(xmpPacket(info)), { Type: "Metadata", Subtype: "XML" });
  doc.catalog.set(PDFName.of("Metadata"), context.register(xmp));

  const profile = context.register(context.flateStream(icc, { N: 3 }));
  const intent = context.obj({
    Type: "OutputIntent",
    S: "GTS_PDFA1",
    OutputConditionIdentifier: PDFString.of("sRGB IEC61966-2.1"),
    RegistryName: PDFString.of("http://www.color.org"),
    Info: PDFString.of("sRGB IEC61966-2.1"),
    DestOutputProfile: profile,
  });
  doc.catalog.set(PDFName.of("OutputIntents"), context.obj([intent]));

  const id = PDFHexString.of(createHash("sha256").update(fingerprint).digest("hex").slice(0, 32));
  context.trailerInfo.ID = context.obj([id, id]);

  // Annotations must print (flag 4) and not be hidden (1, 2) or unviewable (32).
  for (const page of doc.getPages()) {
    const annots = page.node.lookupMaybe(PDFName.of("Annots"), PDFArray);
    for (let i = 0; i < (annots?.size() ?? 0); i++) {
      const annot = annots!.lookupMaybe(i, PDFDict);
      if (!annot) continue;
      const flags = annot.lookupMaybe(PDFName.of("F"), PDFNumber)?.asNumber() ?? 0;
      annot.set(PDFName.of("F"), PDFNumber.of((flags | 4) & ~(1 | 2 | 32)));
    }
  }
  context.header = PDFHeader.forVersion(1, 7);
}

/**
 * The PDF/A-2u rules an edition could break, checked on the document about to be saved:
 * an empty list when it keeps them all. Each message names the rule (ISO 19005-2 clause).
 */
export function pdfaProblems(doc: PDFDocument): string[] {
  const problems: string[] = [];
  const context = doc.context;
  const catalog = doc.catalog;
  const info = context.lookupMaybe(context.trailerInfo.Info, PDFDict);

  // 6.6.2: an XMP packet, unfiltered, with the PDF/A identification and Info's values.
  const metadata = catalog.lookupMaybe(PDFName.of("Metadata"), PDFStream);
  if (!metadata) problems.push("6.6.2.1: the catalog has no /Metadata stream");
  else {
    if (metadata.dict.get(PDFName.of("Filter"))) problems.push("6.6.2.1: the metadata stream is filtered");
    const xmp = new TextDecoder().decode(metadata instanceof PDFRawStream ? metadata.contents : metadata.getContents());
    const field = (name: string): string | undefined => {
      const m = new RegExp(`<${name}>(?:<rdf:(?:Alt|Seq|Bag)>)?(?:<rdf:li[^>]*>)?([^<]*)<`).exec(xmp);
      return m ? unescapeXml(m[1] as string) : undefined;
    };
    if (field("pdfaid:part") !== "2" || field("pdfaid:conformance") !== "U") problems.push("6.6.4: the XMP packet does not identify PDF/A-2u (pdfaid:part 2, pdfaid:conformance U)");
    const pairs: [string, string][] = [["Title", "dc:title"], ["Author", "dc:creator"], ["Subject", "dc:description"], ["Keywords", "pdf:Keywords"], ["Creator", "xmp:CreatorTool"], ["Producer", "pdf:Producer"]];
    for (const [key, xmpName] of pairs) {
      const value = info ? textOf(info.lookup(PDFName.of(key))) : undefined;
      if (value !== undefined && value !== field(xmpName)) problems.push(`6.6.2.3: Info /${key} “${value}” differs from XMP ${xmpName} “${field(xmpName) ?? "(none)"}”`);
    }
    for (const [key, xmpName] of [["CreationDate", "xmp:CreateDate"], ["ModDate", "xmp:ModifyDate"]] as const) {
      const value = info ? textOf(info.lookup(PDFName.of(key))) : undefined;
      if (value !== undefined && pdfDate(value) !== Date.parse(field(xmpName) ?? "")) problems.push(`6.6.2.3: Info /${key} ${value} differs from XMP ${xmpName}`);
    }
  }

  // 6.2.3: an output intent with an embedded ICC profile.
  const intents = catalog.lookupMaybe(PDFName.of("OutputIntents"), PDFArray);
  const intent = intents?.lookupMaybe(0, PDFDict);
  const profile = intent?.lookupMaybe(PDFName.of("DestOutputProfile"), PDFStream);
  if (!intent || intent.lookup(PDFName.of("S"))?.toString() !== "/GTS_PDFA1" || !profile) problems.push("6.2.3: no /GTS_PDFA1 output intent with a /DestOutputProfile");
  else if (profile.dict.lookupMaybe(PDFName.of("N"), PDFNumber)?.asNumber() !== 3) problems.push("6.2.3: the output profile is not a three-component (RGB) profile");

  // 6.1.3: a trailer /ID, no encryption.
  const id = context.trailerInfo.ID;
  if (!(id instanceof PDFArray) || id.size() !== 2) problems.push("6.1.3: the trailer has no /ID of two strings");
  if (context.trailerInfo.Encrypt) problems.push("6.1.3: the file is encrypted");

  // 6.6.1 and 6.5: no JavaScript, no actions that launch or run anything, no additional actions.
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFDict ? object : object instanceof PDFStream ? object.dict : undefined;
    if (!dict) continue;
    for (const key of ["JS", "JavaScript", "AA"]) if (dict.get(PDFName.of(key))) problems.push(`6.6.1: object ${ref.toString()} has /${key}`);
    const action = dict.get(PDFName.of("S"))?.toString();
    if (action && ["/JavaScript", "/Launch", "/ImportData", "/ResetForm", "/Hide", "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView", "/Sound", "/Movie"].includes(action)) {
      problems.push(`6.6.1: object ${ref.toString()} is a ${action.slice(1)} action`);
    }
    // 6.2.11: every font embedded; 6.2.11.7 (level U): every font maps its glyphs to Unicode.
    if (dict.get(PDFName.of("Type"))?.toString() === "/Font") {
      const subtype = dict.get(PDFName.of("Subtype"))?.toString();
      if (subtype === "/Type0" && !dict.get(PDFName.of("ToUnicode"))) problems.push(`6.2.11.7: the font ${baseFont(dict)} has no /ToUnicode map`);
      if (subtype !== "/Type0" && subtype !== "/Type3") {
        const descriptor = dict.lookupMaybe(PDFName.of("FontDescriptor"), PDFDict);
        const embedded = descriptor && ["FontFile", "FontFile2", "FontFile3"].some((k) => descriptor.get(PDFName.of(k)));
        if (!embedded) problems.push(`6.2.11.4: the font ${baseFont(dict)} is not embedded`);
      }
      if (subtype && !["/Type0", "/CIDFontType0", "/CIDFontType2"].includes(subtype) && !dict.get(PDFName.of("ToUnicode"))) {
        problems.push(`6.2.11.7: the font ${baseFont(dict)} has no /ToUnicode map`);
      }
    }
    // 6.3.2: annotations print and are not hidden.
    if (dict.get(PDFName.of("Type"))?.toString() === "/Annot" || dict.get(PDFName.of("Subtype"))?.toString() === "/Link") {
      const flags = dict.lookupMaybe(PDFName.of("F"), PDFNumber)?.asNumber() ?? 0;
      if ((flags & 4) === 0 || (flags & (1 | 2 | 32)) !== 0) problems.push(`6.3.2: the annotation ${ref.toString()} does not print (flags ${flags})`);
    }
  }

  // Tagged, with its language, and the title shown: beyond level U, what this edition promises.
  const markInfo = catalog.lookupMaybe(PDFName.of("MarkInfo"), PDFDict);
  if (markInfo?.get(PDFName.of("Marked")) !== PDFBool.True) problems.push("the catalog's /MarkInfo does not say the file is tagged");
  if (!catalog.get(PDFName.of("StructTreeRoot"))) problems.push("the file has no structure tree");
  if (!catalog.get(PDFName.of("Lang"))) problems.push("the catalog has no /Lang");
  const viewer = catalog.lookupMaybe(PDFName.of("ViewerPreferences"), PDFDict);
  if (viewer?.get(PDFName.of("DisplayDocTitle")) !== PDFBool.True) problems.push("the viewer is not told to show the document title");
  return problems;
}

function textOf(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}

function baseFont(dict: PDFDict): string {
  return dict.get(PDFName.of("BaseFont"))?.toString() ?? "(unnamed)";
}

/** D:YYYYMMDDHHmmSS with Z or ±HH'mm' → milliseconds since 1970. */
function pdfDate(text: string): number {
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}'?\d{2}'?)?/.exec(text);
  if (!m) return Number.NaN;
  const zone = !m[7] || m[7] === "Z" ? "Z" : `${m[7].slice(0, 3)}:${m[7].replace(/'/g, "").slice(3, 5)}`;
  return Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
}
