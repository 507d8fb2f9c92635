/**
 * Reading a Chromium PDF back (where did each element land?) and finishing it with pdf-lib:
 * nested bookmarks, document metadata, fixed dates. Bytes in, bytes out; no file system.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  type PDFObject,
} from "pdf-lib";
import type { Book } from "./book.ts";
import { ANCHORS } from "./document.ts";
import type { Measurement } from "./pagination.ts";

export interface ReadBack {
  doc: PDFDocument;
  /** Page (1-based) of every named destination. */
  starts: Map<string, number>;
  /** The explicit destination array Chromium wrote for each name: page and position. */
  destinations: Map<string, PDFArray>;
  totalPages: number;
}

export async function readBack(bytes: Uint8Array): Promise<ReadBack> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const pageNumbers = new Map<string, number>();
  doc.getPages().forEach((page, i) => pageNumbers.set(page.ref.toString(), i + 1));
  const starts = new Map<string, number>();
  const destinations = new Map<string, PDFArray>();
  const dests = doc.catalog.lookupMaybe(PDFName.of("Dests"), PDFDict);
  for (const [name, value] of dests?.entries() ?? []) {
    const array = doc.context.lookup(value);
    const target = array instanceof PDFArray ? array : array instanceof PDFDict ? array.lookupMaybe(PDFName.of("D"), PDFArray) : undefined;
    const pageRef = target?.get(0);
    if (!target || !(pageRef instanceof PDFRef)) continue;
    const page = pageNumbers.get(pageRef.toString());
    if (page === undefined) continue;
    const anchor = name.decodeText();
    starts.set(anchor, page);
    destinations.set(anchor, target);
  }
  return { doc, starts, destinations, totalPages: doc.getPageCount() };
}

export function asMeasurement(readBack: ReadBack, blanksBefore: ReadonlySet<string>): Measurement {
  return { starts: readBack.starts, totalPages: readBack.totalPages, blanksBefore };
}

interface OutlineItem {
  title: string;
  anchor: string;
  children: OutlineItem[];
}

/** Bookmarks: front matter, then session → letter, then the indexes. */
export function outlineOf(book: Book): OutlineItem[] {
  const items: OutlineItem[] = [
    { title: "版本说明", anchor: ANCHORS.colophon, children: [] },
    { title: "目录", anchor: ANCHORS.contents, children: [] },
  ];
  for (const session of book.sessions) {
    items.push({
      title: session.session.name,
      anchor: session.anchor,
      children: session.letters.map((l) => ({ title: `${l.reference}　${l.letter.title}`, anchor: l.anchor, children: [] })),
    });
  }
  items.push({ title: "代表委员索引", anchor: ANCHORS.people, children: [] });
  if (book.agencies.length) items.push({ title: "会商单位索引", anchor: ANCHORS.agencies, children: [] });
  return items;
}

/** Adds bookmarks and metadata and fixes every date, so the same input gives the same bytes. */
export async function finishPdf(readBack: ReadBack, book: Book): Promise<Uint8Array> {
  const { doc, destinations } = readBack;
  writeOutline(doc, outlineOf(book), destinations);

  const meta = book.metadata;
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setLanguage(meta.language);
  doc.setCreator("复文 Fuwen (Chromium page.pdf, pdf-lib)");
  doc.setCreationDate(meta.creationDate);
  doc.setModificationDate(meta.creationDate);
  doc.catalog.set(PDFName.of("PageMode"), PDFName.of("UseOutlines"));
  return doc.save({ useObjectStreams: true, addDefaultPage: false, updateFieldAppearances: false });
}

function writeOutline(doc: PDFDocument, items: OutlineItem[], destinations: Map<string, PDFArray>): void {
  const context = doc.context;
  const rootRef = context.nextRef();

  const build = (list: OutlineItem[], parentRef: PDFRef): { first: PDFRef; last: PDFRef; visible: number } | undefined => {
    if (!list.length) return undefined;
    const refs = list.map(() => context.nextRef());
    let visible = 0;
    list.forEach((item, i) => {
      const ref = refs[i] as PDFRef;
      const destination = destinations.get(item.anchor);
      if (!destination) throw new Error(`no destination for the bookmark “${item.title}” (#${item.anchor})`);
      const entries: Record<string, PDFObject> = {
        Title: PDFHexString.fromText(item.title),
        Parent: parentRef,
        Dest: destination,
      };
      if (i > 0) entries.Prev = refs[i - 1] as PDFRef;
      if (i < list.length - 1) entries.Next = refs[i + 1] as PDFRef;
      const children = build(item.children, ref);
      if (children) {
        entries.First = children.first;
        entries.Last = children.last;
        entries.Count = PDFNumber.of(children.visible);
        visible += children.visible;
      }
      visible += 1;
      context.assign(ref, context.obj(entries));
    });
    return { first: refs[0] as PDFRef, last: refs.at(-1) as PDFRef, visible };
  };

  const top = build(items, rootRef);
  const root: Record<string, PDFObject> = { Type: PDFName.of("Outlines") };
  if (top) {
    root.First = top.first;
    root.Last = top.last;
    root.Count = PDFNumber.of(top.visible);
  }
  context.assign(rootRef, context.obj(root));
  doc.catalog.set(PDFName.of("Outlines"), rootRef);
}
