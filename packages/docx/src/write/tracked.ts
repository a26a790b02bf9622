/**
 * The tracked-change document, written in place: NEW's package, untouched
 * where nothing changed, with every change against OLD added as a real
 * revision (DESIGN.md, "The tracked-change .docx").
 *
 * Entries are visited in Delta order with a cursor on the last new paragraph
 * seen, so deleted content lands where it stood; moved clauses are placed
 * afterwards, in old order, after whatever now stands for the paragraph that
 * preceded them in the old document.
 */
import { RedlineError, type Delta, type DeltaClause, type Doc } from "@redline/core";
import { readDocxPackage } from "../read/read-docx.js";
import type { DocxReading } from "../read/build-doc.js";
import { serializeXmlBytes } from "../xml/serialize.js";
import { documentElement, element, findChild, getAttr, walkElements, type XmlDocument, type XmlElement, type XmlNode } from "../xml/tree.js";
import type { DocxPackage } from "../zip/package.js";
import { openPackage } from "../zip/open.js";
import { writePackage } from "../zip/write.js";
import { acceptAllRevisions } from "./accept.js";
import { copyParagraph, copyParagraphProps, copyRow, copyTable, type CopyContext } from "./copy.js";
import { patchParagraph, wrapAllRuns } from "./patch.js";
import { findNote, nextNoteId, noteRefs, type NoteKind } from "./notes.js";
import { mapOldPosition, planEntry, type SideParagraph } from "./plan.js";
import { Revisions } from "./revisions.js";
import { runsForRange } from "./runs.js";
import { carryStyles } from "./styles.js";
import { ParentIndex } from "./tree-index.js";

export interface TrackedOptions {
  author: string;
  /** ISO 8601, written as given into every revision */
  date: string;
  /** show moved clauses as moves (default true) or as deletion + insertion */
  moves?: boolean;
}

export interface TrackedResult {
  bytes: Uint8Array;
  /** what could not be shown exactly (e.g. a deleted footnote) */
  messages: string[];
}

const nonEmpty = (doc: Doc, i: number) => doc.paragraphs[i]!.text.trim() !== "" || doc.paragraphs[i]!.listLabel !== null;

/**
 * `readings` lets a caller that has just read both packages (to compare them)
 * hand its readings over instead of having them read again; NEW's trees are
 * then edited in place, so that reading must not be used afterwards.
 */
export function writeTrackedDocx(oldPkg: DocxPackage, newPkg: DocxPackage, delta: Delta, options: TrackedOptions, readings?: { old: DocxReading; new: DocxReading }): TrackedResult {
  const oldR = readings?.old ?? readDocxPackage(oldPkg);
  let newR = readings?.new ?? readDocxPackage(newPkg);
  const notes: string[] = [];
  if (newR.doc.hasRevisions) {
    // The comparison used NEW's accepted view: make the package say exactly that before marking changes on it.
    const parts = [...newR.trees.keys()].filter((n) => !/settings\.xml$/i.test(n));
    acceptAllRevisions(newR.trees, parts);
    const replaced = new Map<string, Uint8Array>();
    for (const part of parts) replaced.set(part, serializeXmlBytes(newR.trees.get(part)!));
    newPkg = openPackage(writePackage(newPkg, replaced), newPkg.file);
    newR = readDocxPackage(newPkg);
    if (newR.doc.paragraphs.length !== delta.clauses.reduce((n, c) => n + (c.new?.paragraphs.length ?? 0), 0)) {
      throw new RedlineError("bad-delta", newPkg.file, "its tracked changes could not be accepted the way the comparison read them");
    }
    notes.push(`${newPkg.file} already had tracked changes: they were accepted, and the output shows the changes against OLD only`);
  }
  const result = new TrackedWriter(oldR, newR, delta, options, oldPkg.mainPart, newPkg.mainPart).write(newPkg);
  return { bytes: result.bytes, messages: [...notes, ...result.messages] };
}

class TrackedWriter {
  private readonly revs: Revisions;
  private readonly indexes = new Map<string, ParentIndex>();
  private readonly oldIndex: ParentIndex;
  private readonly mainPart: string;
  private readonly touched = new Set<string>();
  private readonly usedStyles = new Set<string>();
  private readonly messages: string[] = [];
  private readonly ctx: CopyContext;
  /** new-document element standing for an old paragraph (its entry's last new paragraph, or its copy) */
  private readonly standsFor = new Map<number, XmlElement>();
  private readonly deletedRows = new Set<XmlElement>();
  private readonly deletedTables = new Set<XmlElement>();
  private readonly addedParagraphs = new Set<number>();
  /** old note ("footnote:3") -> the id of its deleted copy in the new document */
  private readonly noteIds = new Map<string, string>();
  /** deleted note references to show inside paired entries: entry -> old paragraph, offset, run */
  private readonly refDeletions = new Map<DeltaClause, { oldIndex: number; offset: number; run: XmlElement }[]>();
  /** notes the new document added ("footnote:4") */
  private readonly addedNotes = new Set<string>();

  constructor(
    private readonly oldR: DocxReading,
    private readonly newR: DocxReading,
    private readonly delta: Delta,
    private readonly options: TrackedOptions,
    oldMainPart: string,
    newMainPart: string,
  ) {
    this.revs = new Revisions(newR.trees.values(), options.author, options.date);
    this.mainPart = newMainPart || "word/document.xml";
    const oldMain = oldR.trees.get(oldMainPart || "word/document.xml");
    this.oldIndex = new ParentIndex(oldMain ?? { type: "document", declaration: null, encoding: "utf-8", bom: false, children: [element("w:document")] });
    const numIds = new Set<string>();
    const numbering = [...newR.trees.entries()].find(([name]) => /numbering\.xml$/i.test(name))?.[1];
    if (numbering) for (const c of documentElement(numbering).children) if (c.type === "element" && c.name === "w:num") numIds.add(getAttr(c, "w:numId") ?? "");
    this.ctx = {
      hasNumId: (id) => numIds.has(id),
      useStyle: (_kind, id) => this.usedStyles.add(id),
      noteRef: (kind, id) => this.noteIds.get(`${kind}:${id}`) ?? null,
    };
    this.check();
  }

  private check(): void {
    const bad = (why: string) => new RedlineError("bad-delta", this.delta.new.name, `the delta does not describe these documents (${why})`);
    for (const c of this.delta.clauses) {
      for (const i of c.new?.paragraphs ?? []) if (i >= this.newR.doc.paragraphs.length) throw bad(`new paragraph ${i}`);
      for (const i of c.old?.paragraphs ?? []) if (i >= this.oldR.doc.paragraphs.length) throw bad(`old paragraph ${i}`);
    }
  }

  private index(part: string): ParentIndex {
    let ix = this.indexes.get(part);
    if (!ix) {
      ix = new ParentIndex(this.newR.trees.get(part)!);
      this.indexes.set(part, ix);
    }
    return ix;
  }

  private newEl(i: number): XmlElement {
    return this.newR.sources[i]!.elements[0]!;
  }

  private oldEl(i: number): XmlElement {
    return this.oldR.sources[i]!.elements[0]!;
  }

  private inMain(side: "old" | "new", i: number): boolean {
    const r = side === "old" ? this.oldR : this.newR;
    return r.doc.paragraphs[i]!.part === "body";
  }

  write(pkg: DocxPackage): TrackedResult {
    const moves = this.options.moves !== false;
    this.planNotes();
    let cursor: XmlElement | null = null;
    const relocated: DeltaClause[] = [];
    for (const entry of this.delta.clauses) {
      const relocate =
        entry.moved &&
        entry.old !== null &&
        entry.new !== null &&
        entry.old.paragraphs.every((i) => this.inMain("old", i) && !this.oldR.doc.paragraphs[i]!.table && !this.oldIndex.ancestor(this.oldEl(i), "w:txbxContent")) &&
        entry.new.paragraphs.every((i) => this.inMain("new", i) && !this.newR.doc.paragraphs[i]!.table && !this.index(this.mainPart).ancestor(this.newEl(i), "w:txbxContent"));
      if (entry.new) {
        if (relocate) {
          relocated.push(entry);
          if (moves && entry.status === "unchanged" && entry.old!.label === entry.new.label) this.markWhole(entry.new.paragraphs, "w:moveTo");
          else if (moves) this.markMovedTo(entry);
          else this.markWhole(entry.new.paragraphs, "w:ins");
        } else if (entry.status === "added") {
          this.markWhole(entry.new.paragraphs, "w:ins");
        } else if (entry.status === "modified" || entry.renumbered || this.refDeletions.has(entry)) {
          this.patchEntry(entry);
        }
        const last = this.lastStanding(entry);
        if (this.inMain("new", last)) cursor = this.newEl(last);
        if (entry.old && !relocate) this.standsFor.set(entry.old.paragraphs[entry.old.paragraphs.length - 1]!, this.newEl(last));
      } else if (entry.old) {
        cursor = this.placeDeleted(entry, cursor, "w:del") ?? cursor;
      }
    }
    relocated.sort((a, b) => a.old!.paragraphs[0]! - b.old!.paragraphs[0]!);
    for (const entry of relocated) {
      const anchor = this.predecessor(entry.old!.paragraphs[0]!);
      this.placeDeleted(entry, anchor, moves ? "w:moveFrom" : "w:del");
    }
    this.markAddedRows();
    this.markAddedNoteRefs();
    return this.serialize(pkg);
  }

  /**
   * Notes added and deleted: a deleted note is copied, deleted, into the new
   * notes part under a fresh id, and its reference is shown deleted where it
   * stood (inside a deleted paragraph's copy, or at the matching place of the
   * paragraph that replaced it).
   */
  private planNotes(): void {
    const entryOfOld = new Map<number, DeltaClause>();
    for (const c of this.delta.clauses) for (const i of c.old?.paragraphs ?? []) entryOfOld.set(i, c);
    const deleted: { kind: NoteKind; id: string }[] = [];
    for (const c of this.delta.clauses) {
      const side = c.status === "added" ? c.new : c.status === "deleted" ? c.old : null;
      if (!side || side.kind !== "note") continue;
      const doc = c.status === "added" ? this.newR.doc : this.oldR.doc;
      const p = doc.paragraphs[side.paragraphs[0]!]!;
      if ((p.part !== "footnote" && p.part !== "endnote") || p.noteId === null) continue;
      if (c.status === "added") this.addedNotes.add(`${p.part}:${p.noteId}`);
      else deleted.push({ kind: p.part, id: p.noteId });
    }
    if (!deleted.length) return;
    const partOf = (r: DocxReading, kind: NoteKind) => [...r.trees.keys()].find((n) => new RegExp(`${kind}s\\.xml$`, "i").test(n)) ?? null;
    for (const { kind, id } of deleted) {
      const oldPart = partOf(this.oldR, kind);
      const newPart = partOf(this.newR, kind);
      const oldNote = oldPart ? findNote(this.oldR.trees.get(oldPart)!, kind, id) : null;
      if (!oldPart || !newPart || !oldNote) continue;
      const target = this.newR.trees.get(newPart)!;
      const newId = String(nextNoteId(target));
      this.noteIds.set(`${kind}:${id}`, newId);
      const copy: XmlElement = { ...oldNote, attrs: oldNote.attrs.map(([n, v]) => [n, n === "w:id" ? newId : v]), children: [] };
      const paragraphs = oldNote.children.filter((c): c is XmlElement => c.type === "element" && c.name === "w:p");
      paragraphs.forEach((p, k) => copy.children.push(copyParagraph(p, "w:del", this.revs, this.ctx, k < paragraphs.length - 1)));
      documentElement(target).children.push(copy);
      this.touched.add(newPart);
    }
    // where the deleted notes were referenced (an entry that still has as many references kept its note: an empty old note is not deleted)
    this.oldR.sources.forEach((source, i) => {
      if (!this.inMain("old", i)) return;
      for (const ref of noteRefs(source.elements[0]!, source.pieces)) {
        const newId = this.noteIds.get(`${ref.kind}:${ref.id}`);
        const entry = entryOfOld.get(i);
        if (!newId || !entry || entry.status === "deleted" || !entry.new) continue;
        if (this.refCount("old", entry.old!.paragraphs) <= this.refCount("new", entry.new.paragraphs)) continue;
        const props = findChild(ref.run, "w:rPr");
        const run = element("w:r", [], [...(props ? [structuredClone(props)] : []), element(ref.kind === "footnote" ? "w:footnoteReference" : "w:endnoteReference", [["w:id", newId]])]);
        const list = this.refDeletions.get(entry) ?? [];
        list.push({ oldIndex: i, offset: ref.offset, run });
        this.refDeletions.set(entry, list);
      }
    });
  }

  private refCount(side: "old" | "new", paragraphs: number[]): number {
    const r = side === "old" ? this.oldR : this.newR;
    let n = 0;
    for (const i of paragraphs) if (this.inMain(side, i)) n += noteRefs(r.sources[i]!.elements[0]!, []).length;
    return n;
  }

  /** The references of notes the new document added, marked inserted (where the entry gained references). */
  private markAddedNoteRefs(): void {
    if (!this.addedNotes.size) return;
    const entryOfNew = new Map<number, DeltaClause>();
    for (const c of this.delta.clauses) for (const i of c.new?.paragraphs ?? []) entryOfNew.set(i, c);
    this.newR.sources.forEach((source, i) => {
      if (!this.inMain("new", i)) return;
      const entry = entryOfNew.get(i);
      if (entry?.old && this.refCount("old", entry.old.paragraphs) >= this.refCount("new", entry.new!.paragraphs)) return;
      for (const ref of noteRefs(source.elements[0]!, [])) {
        if (!this.addedNotes.has(`${ref.kind}:${ref.id}`)) continue;
        if (ref.parent.name === "w:ins" || ref.parent.name === "w:moveTo") continue;
        const at = ref.parent.children.indexOf(ref.run);
        if (at >= 0) ref.parent.children.splice(at, 1, this.revs.wrap("w:ins", [ref.run]));
        this.touched.add(source.part);
      }
    });
  }

  /**
   * The entry's last new paragraph, for placing what was deleted after it;
   * but empty paragraphs (a figure, a blank line) that trail it only in the
   * new document came from the entry that was deleted, so deleted content
   * goes before them.
   */
  private lastStanding(entry: DeltaClause): number {
    const trailing = (r: DocxReading, ps: number[]) => {
      let n = 0;
      for (let k = ps.length - 1; k >= 0 && !nonEmpty(r.doc, ps[k]!); k--) n++;
      return n;
    };
    const ps = entry.new!.paragraphs;
    const extra = Math.max(0, trailing(this.newR, ps) - (entry.old ? trailing(this.oldR, entry.old.paragraphs) : 0));
    return ps[Math.max(0, ps.length - 1 - extra)]!;
  }

  /** The element standing for the closest preceding old paragraph that has one. */
  private predecessor(oldIndex: number): XmlElement | null {
    let best = -1;
    for (const k of this.standsFor.keys()) if (k < oldIndex && k > best) best = k;
    return best >= 0 ? this.standsFor.get(best)! : null;
  }

  /** Every paragraph of an entry inserted (or moved here), runs and paragraph marks. */
  private markWhole(paragraphs: number[], kind: "w:ins" | "w:moveTo"): void {
    const shown = paragraphs.filter((i) => nonEmpty(this.newR.doc, i));
    const name = kind === "w:moveTo" ? this.revs.moveName() : null;
    shown.forEach((i) => {
      const p = this.newEl(i);
      const part = this.newR.sources[i]!.part;
      this.touched.add(part);
      wrapAllRuns(p, kind, this.revs);
      if (kind === "w:ins") this.addedParagraphs.add(i);
      if (this.mayMarkEnd(part, p)) this.revs.markParagraph(p, kind);
    });
    if (name && shown.length) this.rangeMarkers(this.newEl(shown[0]!), this.newEl(shown[shown.length - 1]!), "w:moveTo", name);
  }

  /** A moved clause whose text or label also changed: the new text as moved here, its new words inserted. */
  private markMovedTo(entry: DeltaClause): void {
    this.patchEntry(entry, "w:moveTo");
  }

  private rangeMarkers(first: XmlElement, last: XmlElement, kind: "w:moveTo" | "w:moveFrom", name: string): void {
    const id = this.revs.id();
    const start = element(`${kind}RangeStart`, [
      ["w:id", id],
      ["w:author", this.revs.author],
      ["w:date", this.revs.date],
      ["w:name", name],
    ]);
    const end = element(`${kind}RangeEnd`, [["w:id", id]]);
    const pPr = findChild(first, "w:pPr");
    first.children.splice(pPr ? first.children.indexOf(pPr) + 1 : 0, 0, start);
    last.children.push(end);
    this.lastMoveName = name;
  }

  private lastMoveName: string | null = null;

  /** Whether a paragraph's mark may carry a revision: never the last paragraph of a cell, a note or the body. */
  private mayMarkEnd(part: string, p: XmlElement): boolean {
    const ix = this.index(part);
    const parent = ix.parent(p);
    if (!parent) return false;
    // the last block of its container, found from the end (no filtering of every sibling per paragraph)
    let lastBlock: XmlNode | undefined;
    for (let k = parent.children.length - 1; k >= 0; k--) {
      const c = parent.children[k]!;
      if (c.type === "element" && (c.name === "w:p" || c.name === "w:tbl" || c.name === "w:sdt")) {
        lastBlock = c;
        break;
      }
    }
    if (lastBlock !== p) return true;
    return !(parent.name === "w:tc" || parent.name === "w:footnote" || parent.name === "w:endnote" || parent.name === "w:body" || parent.name === "w:txbxContent");
  }

  private sideParagraphs(side: "old" | "new", indices: number[], text: string): { idx: number[]; paras: SideParagraph[] } | null {
    const r = side === "old" ? this.oldR : this.newR;
    const idx = indices.filter((i) => nonEmpty(r.doc, i));
    const lines = text.split("\n");
    if (lines.length !== idx.length) return null;
    const paras = idx.map((i, j) => {
      const t = r.doc.paragraphs[i]!.text;
      return { text: t, offset: t.length - lines[j]!.length };
    });
    return { idx, paras };
  }

  private patchEntry(entry: DeltaClause, wrapAs: "w:ins" | "w:moveTo" = "w:ins"): void {
    const o = this.sideParagraphs("old", entry.old!.paragraphs, entry.old!.text);
    const n = this.sideParagraphs("new", entry.new!.paragraphs, entry.new!.text);
    if (!o || !n || n.idx.length === 0) {
      this.messages.push(`${entry.new!.id}: paragraphs did not line up with the text; shown as deleted and inserted`);
      this.markWhole(entry.new!.paragraphs, "w:ins");
      return;
    }
    const plan = planEntry(entry, o.paras, n.paras, {
      oldRuns: (k, from, to) => ({ type: "runs", runs: runsForRange(this.oldR.sources[o.idx[k]!]!.pieces, o.paras[k]!.text, from, to, true) }),
      oldMark: (k) => ({ type: "mark", pPr: copyParagraphProps(this.oldEl(o.idx[k]!), this.ctx) }),
    });
    for (const ref of this.refDeletions.get(entry) ?? []) {
      const k = o.idx.indexOf(ref.oldIndex);
      if (k < 0) continue;
      const { line, at } = mapOldPosition(entry, o.paras, n.paras, k, ref.offset);
      const list = plan.edits[line]!.deletes;
      list.push({ at, chunks: [{ type: "runs", runs: [ref.run] }] });
      list.sort((a, b) => a.at - b.at);
    }
    const name = wrapAs === "w:moveTo" ? this.revs.moveName() : null;
    n.idx.forEach((i, j) => {
      const part = this.newR.sources[i]!.part;
      const ix = this.index(part);
      this.touched.add(part);
      const p = this.newEl(i);
      const edit = plan.edits[j]!;
      if (wrapAs === "w:moveTo") {
        // moved text: everything not inserted is "moved here", what is inserted is inserted
        const made = patchParagraph(p, this.newR.sources[i]!.pieces, { inserts: edit.inserts, deletes: [] }, this.revs, ix);
        void made;
        wrapAllRuns(p, "w:moveTo", this.revs);
        if (this.mayMarkEnd(part, p)) this.revs.markParagraph(p, "w:moveTo");
        return;
      }
      const made = patchParagraph(p, this.newR.sources[i]!.pieces, edit, this.revs, ix);
      if (made.length) ix.insertBefore(p, made);
    });
    plan.insertedEnd.forEach((inserted, j) => {
      if (!inserted) return;
      const target = j + 1 < n.idx.length && plan.whollyInserted[j + 1] ? j + 1 : j;
      const i = n.idx[target]!;
      const p = this.newEl(i);
      if (this.mayMarkEnd(this.newR.sources[i]!.part, p)) this.revs.markParagraph(p, "w:ins");
    });
    if (name) this.rangeMarkers(this.newEl(n.idx[0]!), this.newEl(n.idx[n.idx.length - 1]!), "w:moveTo", name);
  }

  /** Brings an old entry's paragraphs over, deleted or moved away, after `anchor`. Returns the last element placed. */
  private placeDeleted(entry: DeltaClause, anchor: XmlElement | null, kind: "w:del" | "w:moveFrom"): XmlElement | null {
    const old = entry.old!;
    const shown = old.paragraphs.filter((i) => nonEmpty(this.oldR.doc, i));
    if (!shown.length) return null;
    if (!shown.every((i) => this.inMain("old", i))) {
      // a deleted note was brought over whole by planNotes
      if (!this.noteIds.has(`${this.oldR.doc.paragraphs[shown[0]!]!.part}:${this.oldR.doc.paragraphs[shown[0]!]!.noteId}`)) {
        this.messages.push(`${old.id}: this deleted note could not be shown; it is left out of the tracked document`);
      }
      return null;
    }
    const body = this.body();
    const ix = this.index(this.mainPart);
    this.touched.add(this.mainPart);
    let last: XmlElement | null = anchor;
    const name = kind === "w:moveFrom" ? this.revs.moveName() : null;
    const placed: XmlElement[] = [];
    for (const i of shown) {
      const oldP = this.oldEl(i);
      if (this.oldIndex.ancestor(oldP, "w:txbxContent")) {
        // a text box's paragraph goes back into the text box that now stands there, or is left out
        const box = last ? ix.ancestor(last, "w:txbxContent") : null;
        if (box && last) {
          const copy = copyParagraph(oldP, kind, this.revs, this.ctx);
          ix.insertAfter(last, [copy]);
          last = copy;
          placed.push(copy);
          this.standsFor.set(i, copy);
        } else {
          this.messages.push(`${old.id}: a deleted paragraph of a text box is not shown (its text box is gone)`);
        }
        continue;
      }
      const tc = this.oldIndex.ancestor(oldP, "w:tc");
      if (tc && kind === "w:del") {
        const done = this.placeDeletedCell(oldP, last);
        if (done) {
          last = done;
          this.standsFor.set(i, done);
          continue;
        }
      }
      const copy = copyParagraph(oldP, kind, this.revs, this.ctx);
      if (last === null) {
        const first = body.children.find((c) => c.type === "element" && c.name !== "w:sectPr") as XmlElement | undefined;
        if (first) ix.insertBefore(first, [copy]);
        else {
          body.children.unshift(copy);
          ix.adopt(copy, body);
        }
      } else {
        const inCell = ix.ancestor(last, "w:tc");
        const ref = tc && inCell && last.name === "w:p" ? last : (ix.childOf(body, last) ?? last);
        ix.insertAfter(ref, [copy]);
      }
      last = copy;
      placed.push(copy);
      this.standsFor.set(i, copy);
    }
    if (name && placed.length) {
      const id = this.revs.id();
      const attrs: [string, string][] = [
        ["w:id", id],
        ["w:author", this.revs.author],
        ["w:date", this.revs.date],
        ["w:name", name],
      ];
      const first = placed[0]!;
      const pPr = findChild(first, "w:pPr");
      first.children.splice(pPr ? first.children.indexOf(pPr) + 1 : 0, 0, element("w:moveFromRangeStart", attrs));
      placed[placed.length - 1]!.children.push(element("w:moveFromRangeEnd", [["w:id", id]]));
    }
    return last;
  }

  /**
   * A deleted paragraph from a table cell: its whole row (or table) comes back
   * deleted when nothing of it survives; otherwise null and it is placed as a
   * paragraph.
   */
  private placeDeletedCell(oldP: XmlElement, anchor: XmlElement | null): XmlElement | null {
    const tr = this.oldIndex.ancestor(oldP, "w:tr");
    const tbl = tr ? this.oldIndex.ancestor(tr, "w:tbl") : null;
    if (!tr || !tbl) return null;
    const ix = this.index(this.mainPart);
    if (this.deletedRows.has(tr) || this.deletedTables.has(tbl)) return anchor;
    if (!this.allDeleted(tr)) return null;
    const anchorRow = anchor ? ix.ancestor(anchor, "w:tr") : null;
    if (anchorRow) {
      const copy = copyRow(tr, this.revs, this.ctx);
      ix.insertAfter(anchorRow, [copy]);
      this.deletedRows.add(tr);
      return lastParagraph(copy) ?? anchor;
    }
    if (this.allDeleted(tbl)) {
      const copy = copyTable(tbl, this.revs, this.ctx);
      const body = this.body();
      const ref = anchor ? (ix.childOf(body, anchor) ?? anchor) : null;
      if (ref) ix.insertAfter(ref, [copy]);
      else {
        body.children.unshift(copy);
        ix.adopt(copy, body);
      }
      this.deletedTables.add(tbl);
      return lastParagraph(copy) ?? anchor;
    }
    return null;
  }

  private deletedOld: Set<number> | null = null;

  /** Whether every non-empty old paragraph below `el` belongs to a deleted entry. */
  private allDeleted(el: XmlElement): boolean {
    if (!this.deletedOld) {
      this.deletedOld = new Set();
      for (const c of this.delta.clauses) if (c.status === "deleted") for (const i of c.old!.paragraphs) this.deletedOld.add(i);
    }
    const byEl = new Map<XmlElement, number>();
    this.oldR.sources.forEach((s, i) => byEl.set(s.elements[0]!, i));
    let all = true;
    walkElements(el, (x) => {
      if (x.name !== "w:p") return;
      const i = byEl.get(x);
      if (i !== undefined && nonEmpty(this.oldR.doc, i) && !this.deletedOld!.has(i)) all = false;
    });
    return all;
  }

  /** Rows whose every paragraph was added are marked as inserted rows. */
  private markAddedRows(): void {
    if (!this.addedParagraphs.size) return;
    const ix = this.index(this.mainPart);
    const rows = new Set<XmlElement>();
    for (const i of this.addedParagraphs) {
      const tr = this.newR.doc.paragraphs[i]!.table ? ix.ancestor(this.newEl(i), "w:tr") : null;
      if (tr) rows.add(tr);
    }
    const byEl = new Map<XmlElement, number>();
    this.newR.sources.forEach((s, i) => byEl.set(s.elements[0]!, i));
    for (const tr of rows) {
      let all = true;
      walkElements(tr, (x) => {
        if (x.name !== "w:p") return;
        const i = byEl.get(x);
        if (i !== undefined && nonEmpty(this.newR.doc, i) && !this.addedParagraphs.has(i)) all = false;
      });
      if (all) this.revs.markRow(tr, "w:ins");
    }
  }

  private body(): XmlElement {
    const root = documentElement(this.newR.trees.get(this.mainPart)!);
    return findChild(root, "w:body") ?? root;
  }

  private serialize(pkg: DocxPackage): TrackedResult {
    const replaced = new Map<string, Uint8Array>();
    if (this.usedStyles.size) {
      const stylesName = [...this.newR.trees.keys()].find((n) => /styles\.xml$/i.test(n) && !/stylesWithEffects/i.test(n));
      const oldStyles = [...this.oldR.trees.entries()].find(([n]) => /styles\.xml$/i.test(n) && !/stylesWithEffects/i.test(n))?.[1] ?? null;
      const newStyles: XmlDocument | null = stylesName ? this.newR.trees.get(stylesName)! : null;
      if (carryStyles(oldStyles, newStyles, this.usedStyles).length && stylesName) this.touched.add(stylesName);
    }
    for (const part of [...this.touched].sort()) replaced.set(part, serializeXmlBytes(this.newR.trees.get(part)!));
    void this.lastMoveName;
    return { bytes: writePackage(pkg, replaced), messages: this.messages };
  }
}

function lastParagraph(el: XmlElement): XmlElement | null {
  let found: XmlElement | null = null;
  walkElements(el, (x) => {
    if (x.name === "w:p") found = x;
  });
  return found;
}
