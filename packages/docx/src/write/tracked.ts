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
import { RedlineError, diffSequences, diffWords, type Delta, type DeltaClause, type Doc } from "@redline/core";
import { markEditable, ownTree, wasMarkedEditable } from "../read/load.js";
import { readDocxPackage, readingOptions } from "../read/read-docx.js";
import { paragraphProperties } from "../read/view.js";
import type { DocxReading, PropertySpellings } from "../read/build-doc.js";
import { serializeXmlBytes } from "../xml/serialize.js";
import { cloneNode, documentElement, element, findChild, findChildren, getAttr, sameElement, walkElements, type XmlDocument, type XmlElement, type XmlNode } from "../xml/tree.js";
import type { DocxPackage } from "../zip/package.js";
import { openPackage } from "../zip/open.js";
import { writePackage } from "../zip/write.js";
import { acceptAllRevisions } from "./accept.js";
import { copyParagraph, copyParagraphProps, copyRow, copyRunProps, copyTable, deleteTextBoxContent, type CopyContext } from "./copy.js";
import { inspectEmbedded } from "../read/embedded.js";
import { markFormats, patchParagraph, wrapAllRuns, type FormatEdit } from "./patch.js";
import { findNote, nextNoteId, noteRefs, type NoteKind, type NoteRef } from "./notes.js";
import { mapOldPosition, mapOldRange, planEntry, type KeptText, type SideParagraph } from "./plan.js";
import { formatChanges, sameLook } from "./run-formats.js";
import { PackageAdditions, newXml } from "./pictures.js";
import { Revisions, isBaseProperty } from "./revisions.js";
import { runsForRange } from "./runs.js";
import { carryStyles } from "./styles.js";
import { ParentIndex } from "./tree-index.js";

interface RefChanges {
  /** old references to show deleted: where they stood (old paragraph, text offset) and the run to show */
  deleted: { oldIndex: number; offset: number; run: XmlElement }[];
  inserted: NoteRef[];
}

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

/** Per document, whether each paragraph has text or a list label, worked out once (0 not yet, 1 no, 2 yes): the writer asks about every paragraph several times. */
const filled = new WeakMap<Doc, Uint8Array>();
const nonEmpty = (doc: Doc, i: number): boolean => {
  let known = filled.get(doc);
  if (!known) filled.set(doc, (known = new Uint8Array(doc.paragraphs.length)));
  if (known[i] === 0) known[i] = doc.paragraphs[i]!.text.trim() !== "" || doc.paragraphs[i]!.listLabel !== null ? 2 : 1;
  return known[i] === 2;
};

/**
 * `readings` lets a caller that has just read both packages (to compare them)
 * hand its readings over instead of having them read again. NEW's trees are
 * then edited in place, so a NEW reading handed over a second time (the web
 * page writes each .docx export of one comparison from the readings it
 * compared) is not used again: NEW is read afresh from its package, with the
 * options it was read with (headers and footers included or not), and the
 * output is the same as the first time.
 */
export function writeTrackedDocx(oldPkg: DocxPackage, newPkg: DocxPackage, delta: Delta, options: TrackedOptions, readings?: { old: DocxReading; new: DocxReading }): TrackedResult {
  const oldR = readings?.old ?? readDocxPackage(oldPkg);
  const given = readings?.new;
  // read again, if need be, as the comparison read it: a reading with headers has their paragraphs in the Delta
  const readAs = given === undefined ? {} : readingOptions(given);
  let newR = given !== undefined && !wasMarkedEditable(given.trees) ? given : readDocxPackage(newPkg, readAs);
  // NEW's trees are edited from here on: no later reading may share them (sharePartsWith)
  markEditable(newR.trees);
  const notes: string[] = [];
  if (newR.doc.hasRevisions) {
    // The comparison used NEW's accepted view: make the package say exactly that before marking changes on it.
    const parts = [...newR.trees.keys()].filter((n) => !/settings\.xml$/i.test(n));
    // accepting edits the trees in place: a part NEW's reading shares with another reading (sharePartsWith) gets its own first
    for (const part of parts) ownTree(newPkg, newR.trees, part);
    acceptAllRevisions(newR.trees, parts);
    const replaced = new Map<string, Uint8Array>();
    for (const part of parts) replaced.set(part, serializeXmlBytes(newR.trees.get(part)!));
    newPkg = openPackage(writePackage(newPkg, replaced), newPkg.file, newPkg.limits);
    newR = readDocxPackage(newPkg, readAs);
    if (newR.doc.paragraphs.length !== delta.clauses.reduce((n, c) => n + (c.new?.paragraphs.length ?? 0), 0)) {
      throw new RedlineError("bad-delta", newPkg.file, "its tracked changes could not be accepted the way the comparison read them");
    }
    notes.push(`${newPkg.file} already had tracked changes: they were accepted, and the output shows the changes against OLD only`);
  }
  const result = new TrackedWriter(oldR, newR, delta, options, oldPkg, newPkg).write(newPkg);
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
  /** lists NEW defines (a copied paragraph keeps its numbering only if NEW has that list) */
  private readonly numIds = new Set<string>();
  private readonly ctx: CopyContext;
  private readonly oldMainPart: string;
  /** relationships, parts and content types added to NEW's package */
  private readonly additions: PackageAdditions;
  /** new-document element standing for an old paragraph (its entry's last new paragraph, or its copy) */
  private readonly standsFor = new Map<number, XmlElement>();
  private readonly addedParagraphs = new Set<number>();
  /** old note ("footnote:3") -> the id of its deleted copy in the new document */
  private readonly noteIds = new Map<string, string>();
  /** note references that differ inside paired entries: old ones to show deleted, new ones to mark inserted */
  private readonly refChanges = new Map<DeltaClause, RefChanges>();
  /** old note ("footnote:3") -> the new note the Delta paired it with ("footnote:2") */
  private readonly notePair = new Map<string, string>();
  /** parts made for NEW (a notes part it lacked), by name */
  private readonly createdParts = new Map<string, NoteKind | "style">();
  /** notes that have an entry in the Delta, on each side */
  private readonly notesWithEntry = { old: new Set<string>(), new: new Set<string>() };
  /** notes the new document added ("footnote:4") */
  private readonly addedNotes = new Set<string>();
  /** OLD's text boxes brought back inside a deleted drawing (their paragraphs are shown there) */
  private readonly restoredBoxes = new Set<XmlElement>();
  /** Paragraphs of OLD placed as deleted paragraphs (not moved away), whole: what `markEndBefore` may join. */
  private readonly deletedCopies = new Set<XmlElement>();
  /** each moved entry's move name (moveName) */
  private readonly moveNames = new Map<DeltaClause, string>();
  /** Moved entries shown as inserted where they stand and deleted where they stood (planMoves). */
  private readonly brokenMoves = new Set<DeltaClause>();

  constructor(
    private readonly oldR: DocxReading,
    private readonly newR: DocxReading,
    private readonly delta: Delta,
    private readonly options: TrackedOptions,
    oldPkg: DocxPackage,
    private readonly newPkg: DocxPackage,
  ) {
    const oldMainPart = oldPkg.mainPart;
    this.oldMainPart = oldMainPart || "word/document.xml";
    this.additions = new PackageAdditions(oldPkg, newPkg, newR.trees);
    this.revs = new Revisions(newR.trees.values(), options.author, options.date);
    this.mainPart = newPkg.mainPart || "word/document.xml";
    const oldMain = oldR.trees.get(oldMainPart || "word/document.xml");
    this.oldIndex = new ParentIndex(oldMain ?? { type: "document", declaration: null, encoding: "utf-8", bom: false, children: [element("w:document")] });
    const numIds = this.numIds;
    const numbering = [...newR.trees.entries()].find(([name]) => /numbering\.xml$/i.test(name))?.[1];
    if (numbering) for (const c of documentElement(numbering).children) if (c.type === "element" && c.name === "w:num") numIds.add(getAttr(c, "w:numId") ?? "");
    this.ctx = this.copyContext(this.oldMainPart, this.mainPart);
    this.check();
  }

  /** How to copy content of OLD's `oldPart` into NEW's `newPart` (pictures name their images through the part's relationships). */
  private copyContext(oldPart: string, newPart: string): CopyContext {
    return {
      hasNumId: (id) => this.numIds.has(id),
      useStyle: (_kind, id) => this.usedStyles.add(id),
      noteRef: (kind, id) => this.noteTarget(kind, id),
      picture: (el) => this.picture(el, oldPart, newPart),
    };
  }

  private picture(el: XmlElement, oldPart: string, newPart: string): XmlElement | null {
    const copy = this.additions.copyPicture(el, oldPart, newPart);
    if (!copy) {
      this.messages.push("a deleted picture could not be brought back (its image is missing from OLD); it is left out of the tracked document");
      return null;
    }
    const boxes = inspectEmbedded(el).textBoxes;
    if (boxes.length > 0) {
      // a text box comes back whole, its text deleted inside it; its paragraphs' own entries then have nothing to place
      for (const box of boxes) this.restoredBoxes.add(box);
      deleteTextBoxContent(copy, this.revs, { ...this.copyContext(oldPart, newPart), picture: (x) => x });
    }
    return copy;
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
    const relocatable = this.planMoves();
    this.planNotes();
    this.planRefs();
    this.markPropertyChanges();
    let cursor: XmlElement | null = null;
    let afterMove = false;
    const relocated: DeltaClause[] = [];
    const deferred = new Set<DeltaClause>();
    for (const entry of this.delta.clauses) {
      const relocate = relocatable.has(entry);
      const broken = this.brokenMoves.has(entry);
      if (entry.new) {
        if (broken) {
          // shown inserted here and deleted where it stood (placed with the moves' sources below)
          this.markWhole(entry.new.paragraphs, "w:ins");
          relocated.push(entry);
        } else if (relocate) {
          relocated.push(entry);
          if (moves && entry.status === "unchanged" && entry.old!.label === entry.new.label) this.markWhole(entry.new.paragraphs, "w:moveTo", entry);
          else if (moves) this.markMovedTo(entry);
          else this.markWhole(entry.new.paragraphs, "w:ins");
        } else if (entry.status === "added") {
          this.markWhole(entry.new.paragraphs, "w:ins");
        } else if (entry.status === "modified" || entry.renumbered || this.refChanges.has(entry)) {
          this.patchEntry(entry);
        } else if (entry.old) {
          this.markFormatChanges(entry);
        }
        const last = this.lastStanding(entry);
        if (this.inMain("new", last)) cursor = this.newEl(last);
        // a relocated entry's new place is not where the old text around it stood: the deletions that follow
        // it in the Delta go back with the moves' sources, in old order, each after its old predecessor
        afterMove = relocate || broken;
        if (entry.old && !relocate && !broken) this.standsFor.set(entry.old.paragraphs[entry.old.paragraphs.length - 1]!, this.newEl(last));
      } else if (entry.old) {
        if (afterMove) deferred.add(entry);
        else cursor = this.placeDeleted(entry, cursor, "w:del") ?? cursor;
      }
    }
    const late = [...relocated, ...deferred].sort((a, b) => a.old!.paragraphs[0]! - b.old!.paragraphs[0]!);
    for (const entry of late) {
      const anchor = this.predecessor(entry.old!.paragraphs[0]!);
      this.placeDeleted(entry, anchor, moves && !deferred.has(entry) && !this.brokenMoves.has(entry) ? "w:moveFrom" : "w:del");
    }
    this.markAddedRows();
    this.markAddedNoteRefs();
    this.markEmptyParagraphs();
    this.markEmptyCells();
    this.markEmptyRows();
    return this.serialize(pkg);
  }

  private pairing: { oldToNew: Int32Array; newToOld: Int32Array } | null = null;

  /**
   * Paragraphs with text that both documents keep, paired one for one: by entries that are not moved and, if
   * edited, inserted or deleted no paragraph end (as many paragraphs is not enough: one deleted and another
   * inserted would pair each paragraph between them with its neighbour). -1 where unpaired (typed arrays: the
   * H.222.0 pairs took 10 ms in a Map).
   */
  private paragraphPairs(): { oldToNew: Int32Array; newToOld: Int32Array } {
    if (this.pairing) return this.pairing;
    const oldToNew = new Int32Array(this.oldR.doc.paragraphs.length).fill(-1);
    const newToOld = new Int32Array(this.newR.doc.paragraphs.length).fill(-1);
    for (const c of this.delta.clauses) {
      if (!c.old || !c.new || c.moved || this.brokenMoves.has(c)) continue;
      if (endsChanged(c)) continue;
      const o = c.old.paragraphs.filter((i) => nonEmpty(this.oldR.doc, i));
      const n = c.new.paragraphs.filter((i) => nonEmpty(this.newR.doc, i));
      if (o.length !== n.length) continue;
      for (let k = 0; k < o.length; k++) {
        oldToNew[o[k]!] = n[k]!;
        newToOld[n[k]!] = o[k]!;
      }
    }
    return (this.pairing = { oldToNew, newToOld });
  }

  /**
   * A paragraph both documents keep whose own properties changed (its style, alignment, indents, list level):
   * the output holds NEW's, so rejecting gave the old text NEW's style. Each such paragraph records OLD's
   * properties (`w:pPrChange`, as Word's Compare marks a formatting change), cleaned for NEW's package as a
   * deleted paragraph's are (OLD's style carried over if NEW lacks it). Only the base properties count: not
   * the mark's run properties, nor a section break. Two paragraphs in lists are taken to be in the same list
   * whatever their numIds (each package numbers its lists its own way, and two documents saved apart may
   * number one list differently): OLD's level is recorded with NEW's list. Runs before the other passes, so
   * that a pass joining a kept paragraph to another's mark records the kept one's old properties there. The
   * paragraphs of an entry that splits or joins paragraphs are paired by their marks where it is patched.
   * Empty paragraphs pair where they stand alike between two pairs (`alike`); elsewhere their count may differ,
   * and which ones stand for which is a guess (markEmptyParagraphs).
   */
  private markPropertyChanges(): void {
    const { oldToNew } = this.paragraphPairs();
    // empty paragraphs are no pairs; where the stretch between two pairs (or a pair and a document's start or end)
    // holds only empty ones, as many on each side and standing alike, they pair one for one too
    const empties = (prev: number, i: number, na: number, nb: number) => {
      if (i - prev < 2 || !this.alike(prev, i, na, nb)) return;
      this.alikeGaps.set(prev, i);
      for (let k = 1; k < i - prev; k++) this.recordOldProperties(na + k, prev + k);
    };
    let prev = -1;
    let na = -1;
    for (let o = 0; o < oldToNew.length; o++) {
      const n = oldToNew[o]!;
      if (n < 0) continue;
      this.recordOldProperties(n, o);
      if (n > na) empties(prev, o, na, n);
      prev = o;
      na = n;
    }
    empties(prev, oldToNew.length, na, this.newR.doc.paragraphs.length);
  }

  private paths: { old: (readonly number[] | null)[]; new: (readonly number[] | null)[] } | null = null;
  /** Stretches found alike by markPropertyChanges (`alike`), by their first old paragraph: markEmptyParagraphs asks again. */
  private readonly alikeGaps = new Map<number, number>();

  /** Each paragraph's element-index path in its part, as read (null where the reader gave none). */
  private readPaths(): { old: (readonly number[] | null)[]; new: (readonly number[] | null)[] } {
    return (this.paths ??= {
      old: this.oldR.doc.paragraphs.map((p) => p.location?.path ?? null),
      new: this.newR.doc.paragraphs.map((p) => p.location?.path ?? null),
    });
  }

  /**
   * How paragraphs i and j of a side stand to each other in their part, as read: their depths and their paths'
   * common part; -1 when either has no path.
   */
  private relation(side: "old" | "new", i: number, j: number): number {
    const a = this.readPaths()[side][i];
    const b = this.readPaths()[side][j];
    if (!a || !b) return -1;
    let common = 0;
    while (common < a.length && common < b.length && a[common] === b[common]) common++;
    return (a.length * 4096 + b.length) * 4096 + common;
  }

  /**
   * Whether OLD's paragraphs prev..i and NEW's na..nb are alike: as many, those between the two ends all empty,
   * each standing to the one before as its counterpart does. An end may be a document's edge (-1, or its
   * paragraph count), which stands in no relation.
   */
  private alike(prev: number, i: number, na: number, nb: number): boolean {
    if (i - prev !== nb - na) return false;
    const last = this.oldR.doc.paragraphs.length;
    // a part's paragraphs stand together in reading order: a stretch whose ends are in one part lies in it
    const part = (doc: Doc, k: number) => doc.paragraphs[Math.max(0, Math.min(k, doc.paragraphs.length - 1))]?.location?.part;
    if (part(this.oldR.doc, prev) !== part(this.oldR.doc, i) || part(this.newR.doc, na) !== part(this.newR.doc, nb)) return false;
    for (let k = 1; k <= i - prev; k++) {
      if (k < i - prev && (nonEmpty(this.oldR.doc, prev + k) || nonEmpty(this.newR.doc, na + k))) return false;
      if (prev + k - 1 < 0 || prev + k >= last) continue;
      const r = this.relation("old", prev + k - 1, prev + k);
      if (r < 0 || r !== this.relation("new", na + k - 1, na + k)) return false;
    }
    return true;
  }

  /** Records old paragraph `o`'s properties on new paragraph `n`, where they differ (markPropertyChanges). */
  private recordOldProperties(n: number, o: number): void {
    // most pairs spell their properties alike: told from the texts read, without reaching either tree's nodes
    if (sameSpelling(this.oldR.properties, o, this.newR.properties, n)) return;
    const marks = this.oldR.sources[o]!.elements;
    // a paragraph of OLD whose marks were deleted (OLD's own revisions, accepted) ends in the last: its properties rule
    const was = marks[marks.length - 1]!;
    const now = this.newEl(n);
    const wasPPr = paragraphProperties(was);
    const nowPPr = paragraphProperties(now);
    if (sameProperties(wasPPr, nowPPr)) return;
    const wasList = wasPPr && findChild(wasPPr, "w:numPr");
    const nowList = nowPPr && findChild(nowPPr, "w:numPr");
    let source = was;
    if (wasList && nowList && inList(wasList) && inList(nowList)) {
      // NEW's list at OLD's level (or at none, as OLD had it: the style's level then)
      const level = findChild(wasList, "w:ilvl");
      const list = element("w:numPr", [], [...(level ? [level] : []), findChild(nowList, "w:numId")!]);
      source = element("w:p", [], [element("w:pPr", wasPPr!.attrs, wasPPr!.children.map((c) => (c === wasList ? list : c)))]);
    }
    const props = copyParagraphProps(source, this.ctx);
    if (this.revs.recordParagraphProperties(now, element("w:p", [], props ? [props] : []))) this.touched.add(this.newR.sources[n]!.part);
  }

  /**
   * Empty paragraphs are no entry's text, so no entry marks one that was inserted or deleted: rejecting
   * left an inserted one behind and lost a deleted one. So they are counted, on each side, in gaps bounded
   * by paragraphs with text that both documents keep (paired one for one by an entry, not moved):
   * - between two such neighbours, in the container holding both (the body, a cell, a text box; the same
   *   kind on each side), between the blocks holding them there (themselves, or the tables they stand in);
   * - before the first and after the last such paragraph of a container, up to its start or end.
   * NEW's extra ones get their marks inserted; OLD's missing ones come back, deleted, before a paragraph
   * (empty paragraphs are all alike, so which ones is a matter of where a mark may go: never on a
   * container's last paragraph, nor right before a table, which is no paragraph to join). Where a container
   * now ends in empty paragraphs it did not have, the kept paragraph's own mark is the inserted one, and the
   * last mark records its properties, as for a paragraph appended there (`markEndBefore`); where it now ends
   * with the kept paragraph, OLD's empty ones after it come back after it and its mark is the deleted one.
   * Paragraphs with text in a gap, shown inserted or deleted whole, are stepped over: rejecting takes an
   * inserted one's mark with it and keeps a deleted one's, so they leave the count of empty ones as it was.
   * A gap is left alone when anything else stands in it (a table, a paragraph with only a tab, picture or
   * field, a paragraph both documents keep).
   */
  private markEmptyParagraphs(): void {
    const { oldToNew: pairs, newToOld } = this.paragraphPairs();
    const ix = this.index(this.mainPart);
    // each parent's children's positions, made once (indexOf per gap was quadratic in a body of blank lines);
    // forgotten for a parent that gets new children
    const positions = new Map<XmlElement, Map<XmlNode, number>>();
    const position = (parent: XmlElement, child: XmlElement): number => {
      // a cell's few children are searched; a map for each of H.222.0's thousands of cells cost more
      if (parent.children.length < 32) return parent.children.indexOf(child);
      let map = positions.get(parent);
      if (!map) {
        map = new Map();
        for (let k = 0; k < parent.children.length; k++) map.set(parent.children[k]!, k);
        positions.set(parent, map);
      }
      return map.get(child) ?? -1;
    };
    // the empty paragraphs among a parent's children from..to-1, and the stretch's first and last paragraphs; null
    // when anything but empty paragraphs and paragraphs with text that no entry keeps stands there. Read from the
    // end when `backward` (a container's start: the way out is then the paragraph next to the kept one).
    const scan = (side: "old" | "new", parent: XmlElement, from: number, to: number, backward = false): Gap | null => {
      const known = this.sourceIndex(side);
      const doc = (side === "old" ? this.oldR : this.newR).doc;
      const paired = side === "old" ? pairs : newToOld;
      const gap: Gap = { empties: [], first: null, last: null, stepped: 0 };
      for (let n = 0; n < to - from; n++) {
        const c = parent.children[backward ? to - 1 - n : from + n]!;
        if (c.type !== "element" || c.name === "w:bookmarkStart" || c.name === "w:bookmarkEnd" || c.name === "w:proofErr" || c.name.endsWith("Pr")) continue;
        if (c.name !== "w:p") return null;
        if (backward) {
          gap.first = c;
          gap.last ??= c;
        } else {
          gap.first ??= c;
          gap.last = c;
        }
        const i = known.get(c);
        if (i === undefined) {
          // a deleted paragraph placed here
          if (side === "new" && this.deletedCopies.has(c)) {
            gap.stepped++;
            continue;
          }
          return null;
        }
        if (nonEmpty(doc, i)) {
          // a paragraph both keep is no gap's; one shown inserted or deleted whole, or edited apart, is stepped over,
          // unless it holds a text box (whose paragraphs are gaps' bounds of their own)
          if (paired[i]! >= 0 || holdsTextBox(c)) return null;
          gap.stepped++;
          continue;
        }
        if (paragraphHasContent(c)) return null;
        // an end already marked inserted is not there when rejected
        if (side === "new" && markIsMarked(c)) continue;
        gap.empties.push(c);
      }
      if (backward) gap.empties.reverse();
      return gap;
    };
    // a paragraph carrying a section break is not like the others: it is never the one taken to be inserted or deleted
    const plain = (list: XmlElement[]) => list.filter((p) => !hasSectionBreak(p));
    /**
     * Evens out one gap: `was` and `now` its two sides, `before` the paragraph a deleted one may go before (null:
     * none may come back), `markable` which of NEW's empty ones may have their marks inserted, `lastResort` the
     * kept paragraph whose own mark is inserted when too few may (null: none is).
     */
    const even = (was: Gap, now: Gap, parent: XmlElement, before: XmlElement | null, markable: (p: XmlElement) => boolean, lastResort: XmlElement | null = null) => {
      if (was.empties.length === now.empties.length) return;
      const extra = now.empties.length - was.empties.length;
      if (extra > 0) {
        const candidates = plain(now.empties).filter(markable).slice(-extra);
        for (const p of candidates) this.revs.markParagraph(p, "w:ins");
        // only across nothing but empty paragraphs: rejecting would join the kept paragraph to a deleted one's text
        if (candidates.length === extra - 1 && lastResort && now.stepped === 0 && now.last && now.empties.includes(now.last) && !markIsMarked(lastResort) && !hasSectionBreak(lastResort)) {
          this.revs.markParagraph(lastResort, "w:ins");
          // rejecting joins the kept paragraph with what is left of the empty ones, under the container's last mark
          this.revs.recordParagraphProperties(now.last, lastResort);
        }
      } else if (extra < 0) {
        const restored = plain(was.empties).slice(extra);
        if (!restored.length || !before) return;
        ix.insertBefore(before, restored.map((p) => copyParagraph(p, "w:del", this.revs, this.ctx)));
        positions.delete(parent);
      } else return;
      this.touched.add(this.mainPart);
    };
    const CONTAINERS = new Set(["w:body", "w:tc", "w:txbxContent"]);
    interface Kept {
      ob: XmlElement;
      eb: XmlElement;
      oldParent: XmlElement | null;
      newParent: XmlElement | null;
    }
    // both in containers of one kind, whose start or end may then be counted to
    const contained = (k: Kept) => !!k.oldParent && !!k.newParent && k.oldParent.name === k.newParent.name && CONTAINERS.has(k.oldParent.name);
    // what follows a kept paragraph up to its container's end
    const tail = (k: Kept) => {
      const tailWas = scan("old", k.oldParent!, position(k.oldParent!, k.ob) + 1, k.oldParent!.children.length);
      const tailNow = tailWas && scan("new", k.newParent!, position(k.newParent!, k.eb) + 1, k.newParent!.children.length);
      // a paragraph emptied at its container's end: its old text came back deleted before it, which rejecting kept
      // as well as the emptied one; the deleted text goes into the emptied paragraph instead (as a last paragraph
      // replaced, joinDeleted)
      const lastP = tailNow && tailNow.empties.length > tailWas.empties.length ? tailNow.last : null;
      if (tailNow && lastP && tailNow.empties[tailNow.empties.length - 1] === lastP) {
        const before = blockBefore(k.newParent!, lastP);
        if (before && this.deletedCopies.has(before)) {
          this.joinDeleted(this.mainPart, before, lastP, lastP);
          positions.delete(k.newParent!);
          tailNow.empties.pop();
          tailNow.stepped--;
          this.touched.add(this.mainPart);
        }
      }
      // the container's last paragraph keeps its mark; a deleted one goes before NEW's first empty one
      if (tailWas && tailNow) even(tailWas, tailNow, k.newParent!, tailNow.empties[0] ?? null, (p) => p !== tailNow.last, k.eb);
      // NEW's kept paragraph ends the container where OLD had empty ones after it: they come back after it, and as
      // a container's last mark cannot be deleted, the kept paragraph's is (accepting joins it to them, under the
      // last one's mark, which takes its properties; rejecting gives the last one its own base properties back,
      // w:pPrChange holding no mark formatting). Unlike `even`, one that carried a section break may come back:
      // the copy leaves the break out.
      if (tailWas && tailNow && tailNow.first === null && tailWas.stepped === 0 && tailWas.empties.length > 0 && !markIsMarked(k.eb) && !hasSectionBreak(k.eb)) {
        const copies = tailWas.empties.map((p, n) => copyParagraph(p, "w:del", this.revs, this.ctx, n < tailWas.empties.length - 1));
        const last = copies[copies.length - 1]!;
        const was = cloneNode(last);
        last.children = last.children.filter((c) => !(c.type === "element" && c.name === "w:pPr"));
        const pPr = findChild(k.eb, "w:pPr");
        if (pPr) {
          // its properties as they are now: a change recorded on it is its own
          const now = cloneNode(pPr);
          now.children = now.children.filter((c) => !(c.type === "element" && c.name === "w:pPrChange"));
          last.children.unshift(now);
        }
        this.revs.recordParagraphProperties(last, was);
        this.revs.markParagraph(k.eb, "w:del");
        ix.insertAfter(k.eb, copies);
        positions.delete(k.newParent!);
        this.touched.add(this.mainPart);
      }
    };
    // what precedes a kept paragraph from its container's start; whether it was counted
    const head = (k: Kept): boolean => {
      const headWas = scan("old", k.oldParent!, 0, position(k.oldParent!, k.ob), true);
      const headNow = headWas && scan("new", k.newParent!, 0, position(k.newParent!, k.eb), true);
      if (!headWas || !headNow) return false;
      even(headWas, headNow, k.newParent!, headNow.first ?? k.eb, () => true);
      return true;
    };
    const keptAt = (i: number, nb: number): Kept => {
      const ob = this.oldEl(i);
      const eb = this.newEl(nb);
      return { ob, eb, oldParent: this.oldIndex.parent(ob), newParent: ix.parent(eb) };
    };
    const paths = this.readPaths();
    // whether two paragraphs of a side stand in one parent, from the paths they were read at (the writer has
    // inserted nodes since, but none between a paragraph and its parent): cheaper than looking parents up for each
    const sameParent = (side: "old" | "new", i: number, j: number) => {
      const a = paths[side][i];
      const b = paths[side][j];
      if (!a || !b || a.length !== b.length) return false;
      for (let k = a.length - 2; k >= 0; k--) if (a[k] !== b[k]) return false;
      return true;
    };
    // Whether OLD's paragraphs prev..i and NEW's na..nb are alike (see `alike`), NEW's between them unmarked. Then
    // each side's gap holds as many empty paragraphs, or the gap is left alone (something else stands in it on one
    // side): nothing to even out. 942 of H.222.0's 960 gaps (× 1%), most of them empty cells between kept
    // paragraphs in other cells.
    const alike = (prev: number, i: number, na: number, nb: number) => {
      if (this.alikeGaps.get(prev) !== i && !this.alike(prev, i, na, nb)) return false;
      for (let k = 1; k < i - prev; k++) if (markIsMarked(this.newEl(na + k))) return false;
      return true;
    };
    // each paragraph: whether the run of paragraphs it stands in (neighbours in one parent, in reading order) holds an
    // empty one. A container's edge is counted to only from such a run: a gap reaching past the run meets what
    // ended it (a table, or a paragraph holding a text box) and is left alone anyway. Without this, H.222.0's
    // thousands of cells had their edges looked at, for a few dozen with an empty paragraph.
    const runsWithEmpties = (side: "old" | "new") => {
      const doc = side === "old" ? this.oldR.doc : this.newR.doc;
      const n = doc.paragraphs.length;
      const flags = new Uint8Array(n);
      let start = 0;
      for (let i = 1; i <= n; i++) {
        if (i < n && sameParent(side, i - 1, i)) continue;
        for (let k = start; k < i; k++) {
          if (nonEmpty(doc, k)) continue;
          flags.fill(1, start, i);
          break;
        }
        start = i;
      }
      return flags;
    };
    const edgy = { old: runsWithEmpties("old"), new: runsWithEmpties("new") };
    // the paired old paragraphs in old order: any other paragraph with text between two of them ends the gap (scan)
    let a = -1;
    for (let i = 0; i < pairs.length; i++) {
      const nb = pairs[i]!;
      if (nb < 0 || !this.inMain("old", i) || !this.inMain("new", nb)) continue;
      const prev = a;
      a = i;
      const na = prev < 0 ? -1 : pairs[prev]!;
      // a container's start and end are counted to only where the containers change: two neighbours in the same
      // ones on each side have the gap between them and no container's edge
      let kept: Kept | null = null;
      let headCounted = false;
      if (prev < 0 || !sameParent("old", prev, i) || !sameParent("new", na, nb)) {
        if (prev >= 0 && (edgy.old[prev] || edgy.new[na])) {
          const before = keptAt(prev, na);
          if (contained(before)) tail(before);
        }
        if (edgy.old[i] || edgy.new[nb]) {
          kept = keptAt(i, nb);
          if (contained(kept)) headCounted = head(kept);
        }
      }
      // quick way out for the usual case: no paragraph between the two on either side
      if (prev < 0 || (i === prev + 1 && nb === na + 1) || nb <= na) continue;
      // and for the next most usual: empty paragraphs standing alike on each side
      if (alike(prev, i, na, nb)) continue;
      kept ??= keptAt(i, nb);
      const og = gapOf(this.oldIndex, this.oldEl(prev), kept.ob);
      const ng = gapOf(ix, this.newEl(na), kept.eb);
      if (!og || !ng || og.parent.name !== ng.parent.name) continue;
      // a gap in the kept paragraph's own container that its start's was counted in already
      if (headCounted && (og.parent === kept.oldParent || ng.parent === kept.newParent)) continue;
      const was = scan("old", og.parent, position(og.parent, og.from) + 1, position(og.parent, og.to));
      const now = scan("new", ng.parent, position(ng.parent, ng.from) + 1, position(ng.parent, ng.to));
      if (!was || !now) continue;
      // before the second paragraph, or before the gap's last paragraph when a table follows; no mark right before a table
      const beforeTable = ng.to.name !== "w:p";
      even(was, now, ng.parent, beforeTable ? now.last : ng.to, (p) => !(beforeTable && p === now.last));
    }
    if (a >= 0 && (edgy.old[a] || edgy.new[pairs[a]!])) {
      const last = keptAt(a, pairs[a]!);
      if (contained(last)) tail(last);
    }
  }

  private emptyParents: { old: Set<XmlElement>; new: Set<XmlElement> } | null = null;

  /**
   * The parents (body, cells, text boxes) of each side's empty paragraphs in the main part, found from the
   * readings: the empty-paragraph passes look only where these are (a thousand of H.222.0's 12,700 paragraphs,
   * where looking at every cell's edges cost more than the rest of the passes together).
   */
  private parentsOfEmpties(): { old: Set<XmlElement>; new: Set<XmlElement> } {
    if (this.emptyParents) return this.emptyParents;
    const found = (side: "old" | "new") => {
      const r = side === "old" ? this.oldR : this.newR;
      const ix = side === "old" ? this.oldIndex : this.index(this.mainPart);
      const out = new Set<XmlElement>();
      for (let i = 0; i < r.doc.paragraphs.length; i++) {
        if (nonEmpty(r.doc, i) || !this.inMain(side, i)) continue;
        const parent = ix.parent(r.sources[i]!.elements[0]!);
        if (parent) out.add(parent);
      }
      return out;
    };
    return (this.emptyParents = { old: found("old"), new: found("new") });
  }

  /**
   * The first paragraph of each stretch of two or more empty paragraphs of a side's main part read one after
   * the other with the same table, row and cell. A cell's paragraphs are read so, so a cell holding nothing
   * but two or more empty paragraphs is one such stretch. Others are found too (a cell's empty paragraphs
   * after a nested table, say): what this finds is where to look, not what to do.
   */
  private emptyCellStretches(side: "old" | "new"): number[] {
    const doc = (side === "old" ? this.oldR : this.newR).doc;
    const ps = doc.paragraphs;
    const found: number[] = [];
    for (let i = 0; i < ps.length; ) {
      const cell = ps[i]!.table;
      let j = i + 1;
      if (cell) {
        while (j < ps.length && ps[j]!.table?.table === cell.table && ps[j]!.table!.row === cell.row && ps[j]!.table!.cell === cell.cell) j++;
        let empty = j - i > 1 && this.inMain(side, i);
        for (let k = i; k < j && empty; k++) empty = !nonEmpty(doc, k);
        if (empty) found.push(i);
      }
      i = j;
    }
    return found;
  }

  private oldTablesFound: XmlElement[] | null = null;

  /** OLD's tables in its main part, nested ones too (not those in text boxes), found once without walking into paragraphs. */
  private oldTables(): XmlElement[] {
    if (this.oldTablesFound) return this.oldTablesFound;
    const found: XmlElement[] = [];
    const visit = (el: XmlElement) => {
      for (const c of el.children) {
        if (c.type !== "element" || c.name === "w:p" || c.name.endsWith("Pr")) continue;
        if (c.name === "w:tbl") found.push(c);
        visit(c);
      }
    };
    visit(documentElement(this.oldR.trees.get(this.oldMainPart)!));
    return (this.oldTablesFound = found);
  }

  /**
   * OLD's tables among `tables`, in document order, those in text boxes left out (as `oldTables` has them),
   * ordered by the number the reading gave each (tables are numbered as they open, nested ones after the
   * table around them), which is known from any paragraph standing right in one of its cells; only when a
   * table has none is the whole part walked.
   */
  private inTableOrder(tables: Set<XmlElement>): XmlElement[] {
    const known = this.sourceIndex("old");
    const numberOf = (tbl: XmlElement): number => {
      for (const tr of findChildren(tbl, "w:tr")) {
        for (const tc of findChildren(tr, "w:tc")) {
          for (const p of findChildren(tc, "w:p")) {
            const i = known.get(p);
            const cell = i === undefined ? null : this.oldR.doc.paragraphs[i]!.table;
            if (cell) return cell.table;
          }
        }
      }
      return -1;
    };
    const numbered: { tbl: XmlElement; at: number }[] = [];
    for (const tbl of tables) {
      const at = numberOf(tbl);
      if (at < 0) return this.oldTables().filter((t) => tables.has(t));
      if (this.oldIndex.ancestor(tbl, "w:p") === null) numbered.push({ tbl, at });
    }
    return numbered.sort((a, b) => a.at - b.at).map((n) => n.tbl);
  }

  /**
   * A cell holding only empty paragraphs on both sides (in a row both keep, at the same grid column) has no
   * kept paragraph to count them from (markEmptyParagraphs): NEW's extra ones get their marks inserted (never
   * the cell's last), OLD's missing ones come back, deleted, before its first. Only rows with a cell like that
   * are looked up.
   */
  private markEmptyCells(): void {
    const known = { old: this.sourceIndex("old"), new: this.sourceIndex("new") };
    // a cell's paragraphs when every one of them is empty (no text, tab, picture or field; no table in the cell)
    const emptyCell = (side: "old" | "new", tc: XmlElement): XmlElement[] | null => {
      const doc = (side === "old" ? this.oldR : this.newR).doc;
      const ps: XmlElement[] = [];
      for (const c of tc.children) {
        if (c.type !== "element" || c.name === "w:tcPr" || c.name === "w:bookmarkStart" || c.name === "w:bookmarkEnd") continue;
        const i = c.name === "w:p" ? known[side].get(c) : undefined;
        if (i === undefined || nonEmpty(doc, i) || paragraphHasContent(c) || (side === "new" && markIsMarked(c))) return null;
        ps.push(c);
      }
      return ps.length ? ps : null;
    };
    // The rows of OLD's cells holding an empty paragraph, in the order of their first (which orders the
    // revisions). Cells of one empty paragraph on each side have nothing to even out: where NEW has no cell of
    // two or more (emptyCellStretches), only OLD's cells of two or more are looked at. H.222.0 has 1,100 cells
    // of one empty paragraph, in 600 rows, and no other: looking them up cost more than the rest of the pass.
    const rows = new Set<XmlElement>();
    const stretches = { old: this.emptyCellStretches("old"), new: this.emptyCellStretches("new") };
    const rowOf = (tc: XmlElement | null) => (tc?.name === "w:tc" ? this.oldIndex.parent(tc) : null);
    const wanted = stretches.new.length ? null : new Set(stretches.old.map((i) => rowOf(this.oldIndex.parent(this.oldEl(i)))));
    if (wanted?.size === 0) return;
    for (const tc of this.parentsOfEmpties().old) {
      const tr = rowOf(tc);
      if (tr && tr.name === "w:tr" && (!wanted || wanted.has(tr))) rows.add(tr);
    }
    for (const oldTr of rows) {
      const cells = [...cellColumns(oldTr)].map(([tc, col]) => ({ col, was: emptyCell("old", tc) })).filter((c) => c.was);
      if (!cells.length) continue;
      const newTr = this.newRowOf(oldTr);
      if (!newTr) continue;
      for (const { col, was } of cells) {
        const tc = cellAtColumn(newTr, col);
        const now = tc && emptyCell("new", tc);
        if (!now || now.length === was!.length) continue;
        if (now.length > was!.length) {
          for (const p of now.slice(0, -1).slice(0, now.length - was!.length)) this.revs.markParagraph(p, "w:ins");
        } else {
          this.index(this.mainPart).insertBefore(now[0]!, was!.slice(now.length).map((p) => copyParagraph(p, "w:del", this.revs, this.ctx)));
        }
        this.touched.add(this.mainPart);
      }
    }
  }

  /**
   * Rows without text (no paragraph with text as the comparison read it) are no entry's text either: one
   * deleted stayed gone when rejected, one inserted stayed. In each table, between two rows both documents
   * keep (found by their text, `newRowOf`), and before the first and after the last, they are counted on
   * each side: NEW's extra ones are marked inserted, OLD's missing ones come back, deleted, before the kept
   * row after them (after the table's last row at its end). Rows with text inserted or deleted there are
   * stepped over, as rows shown whole (their marks say so); a gap with anything else is left alone.
   */
  private markEmptyRows(): void {
    // no paragraph with text as the comparison read it (a break or a tab alone is none), none touched by a revision
    const known = { old: this.sourceIndex("old"), new: this.sourceIndex("new") };
    const textless = (side: "old" | "new", tr: XmlElement) =>
      everyParagraph(tr, (p) => {
        const i = known[side].get(p);
        return i !== undefined && !nonEmpty(side === "old" ? this.oldR.doc : this.newR.doc, i) && (side === "old" || !hasRevision(p));
      });
    const rowMarked = (tr: XmlElement) => {
      const trPr = findChild(tr, "w:trPr");
      return !!trPr && (!!findChild(trPr, "w:ins") || !!findChild(trPr, "w:del"));
    };
    const ix = this.index(this.mainPart);
    // a row without text has an empty paragraph in each cell: only tables with a row like that are looked at
    const tablesOf = (cells: Set<XmlElement>, index: ParentIndex) => {
      const out = new Set<XmlElement>();
      for (const tc of cells) {
        const tr = tc.name === "w:tc" ? index.parent(tc) : null;
        const tbl = tr && index.parent(tr);
        if (!tr || !tbl || tbl.name !== "w:tbl" || out.has(tbl)) continue;
        if (tr.children.every((c) => c.type !== "element" || c.name !== "w:tc" || cells.has(c))) out.add(tbl);
      }
      return out;
    };
    const withEmpties = { old: tablesOf(this.parentsOfEmpties().old, this.oldIndex), new: tablesOf(this.parentsOfEmpties().new, ix) };
    // OLD's tables to look at: those with such a row, and those standing for NEW's tables with one (found from a
    // paragraph both keep); the others are passed over without looking their rows up in NEW
    const wanted = new Set(withEmpties.old);
    for (const tbl of withEmpties.new) {
      const found = this.oldCounterpartTable(tbl);
      if (found) wanted.add(found);
    }
    for (const tbl of this.inTableOrder(wanted)) {
      const rows = findChildren(tbl, "w:tr");
      const oldBlank = withEmpties.old.has(tbl) ? rows.map((tr) => textless("old", tr)) : rows.map(() => false);
      // the new table, from the first row kept; nothing to do in a table without a row without text on either side
      let firstKept: XmlElement | null = null;
      for (let k = 0; k < rows.length && !firstKept; k++) if (!oldBlank[k]) firstKept = this.newRowOf(rows[k]!);
      const newTbl = firstKept && ix.parent(firstKept);
      if (!newTbl || (!withEmpties.old.has(tbl) && !withEmpties.new.has(newTbl))) continue;
      const newRows = findChildren(newTbl, "w:tr");
      if (!oldBlank.some(Boolean) && !newRows.some((tr) => !rowMarked(tr) && textless("new", tr))) continue;
      const kept = rows.map((tr, k) => (oldBlank[k] ? null : this.newRowOf(tr)));
      const anchors = kept.flatMap((n, k) => (n ? [{ k, n }] : []));
      if (anchors.some((a) => ix.parent(a.n) !== newTbl)) continue;
      const at = new Map(newRows.map((tr, k) => [tr, k]));
      const keptNew = new Set(anchors.map((a) => a.n));
      // the gaps: before the first kept row, between each two, after the last
      for (let g = 0; g <= anchors.length; g++) {
        const before = g > 0 ? anchors[g - 1]! : null;
        const after = g < anchors.length ? anchors[g]! : null;
        const oFrom = before ? before.k + 1 : 0;
        const oTo = after ? after.k : rows.length;
        const nFrom = before ? at.get(before.n)! + 1 : 0;
        const nTo = after ? at.get(after.n)! : newRows.length;
        if (nTo < nFrom) break;
        const was: XmlElement[] = [];
        for (let k = oFrom; k < oTo; k++) if (oldBlank[k]) was.push(rows[k]!);
        const now: XmlElement[] = [];
        let usable = true;
        for (let k = nFrom; k < nTo && usable; k++) {
          const tr = newRows[k]!;
          if (rowMarked(tr)) continue;
          if (textless("new", tr)) now.push(tr);
          // a row with text here is no kept row's (they bound the gaps): one inserted, stepped over
          else if (keptNew.has(tr) || !paragraphHasText(tr)) usable = false;
        }
        if (!usable || was.length === now.length) continue;
        if (now.length > was.length) {
          for (const tr of now.slice(was.length)) this.revs.markRow(tr, "w:ins");
        } else {
          const copies = was.slice(now.length).map((tr) => copyRow(tr, this.revs, this.ctx));
          if (after) ix.insertBefore(after.n, copies);
          else ix.insertAfter(newRows[newRows.length - 1]!, copies);
        }
        this.touched.add(this.mainPart);
      }
    }
  }

  /**
   * Moved entries: those whose paragraphs all stand in the body, outside
   * tables and text boxes, are relocated (returned): their new text marked
   * moved here, their old text brought back marked moved away. A move that
   * touches a table, a text box or a note is not marked as a move; when its
   * old paragraphs can be brought back (they are in the main part) it is
   * shown inserted where it stands and deleted where it stood
   * (`brokenMoves`), as `--no-moves` shows every move. Patched in its new
   * place instead, it would be unmarked where it left, and rejecting would
   * keep it in its new place. A move out of a note is still patched so.
   */
  private planMoves(): Set<DeltaClause> {
    const relocatable = new Set<DeltaClause>();
    const plain = (side: "old" | "new", i: number) =>
      this.inMain(side, i) &&
      !(side === "old" ? this.oldR : this.newR).doc.paragraphs[i]!.table &&
      !(side === "old" ? this.oldIndex : this.index(this.mainPart)).ancestor(side === "old" ? this.oldEl(i) : this.newEl(i), "w:txbxContent");
    for (const entry of this.delta.clauses) {
      if (!entry.moved || !entry.old || !entry.new) continue;
      if (entry.old.paragraphs.every((i) => plain("old", i)) && entry.new.paragraphs.every((i) => plain("new", i))) relocatable.add(entry);
      else if (entry.old.paragraphs.every((i) => this.inMain("old", i))) this.brokenMoves.add(entry);
    }
    return relocatable;
  }

  /**
   * Notes added and deleted: a deleted note is copied, deleted, into the new
   * notes part under a fresh id, and its reference is shown deleted where it
   * stood (inside a deleted paragraph's copy, or at the matching place of the
   * paragraph that replaced it). Notes the Delta pairs are the same note on
   * both sides, whatever their ids.
   */
  private planNotes(): void {
    const deleted: string[] = [];
    for (const c of this.delta.clauses) {
      const o = c.old?.kind === "note" ? this.noteKey(this.oldR, c.old.paragraphs[0]) : null;
      const n = c.new?.kind === "note" ? this.noteKey(this.newR, c.new.paragraphs[0]) : null;
      if (o) this.notesWithEntry.old.add(o);
      if (n) this.notesWithEntry.new.add(n);
      if (o && n) this.notePair.set(o, n);
      else if (n && c.status === "added") this.addedNotes.add(n);
      else if (o && c.status === "deleted") deleted.push(o);
    }
    for (const key of deleted) {
      const [kind, id] = key.split(":") as [NoteKind, string];
      this.copyOldNote(kind, id);
    }
  }

  private noteKey(r: DocxReading, i: number | undefined): string | null {
    const p = i === undefined ? undefined : r.doc.paragraphs[i];
    if (!p || (p.part !== "footnote" && p.part !== "endnote") || p.noteId === null) return null;
    return `${p.part}:${p.noteId}`;
  }

  /**
   * The new note an old one stands as: the one the Delta paired it with, or,
   * for a note with no text on either side (no entry), the new note with the
   * same id. Null when the old note is gone.
   */
  private pairedNote(oldKey: string): string | null {
    const paired = this.notePair.get(oldKey);
    if (paired) return paired;
    if (this.notesWithEntry.old.has(oldKey) || this.notesWithEntry.new.has(oldKey)) return null;
    const [kind, id] = oldKey.split(":") as [NoteKind, string];
    const part = this.notesPart(this.newR, kind);
    return part && findNote(this.newR.trees.get(part)!, kind, id) ? oldKey : null;
  }

  private notesPart(r: DocxReading, kind: NoteKind): string | null {
    return [...r.trees.keys()].find((n) => new RegExp(`${kind}s\\.xml$`, "i").test(n)) ?? null;
  }

  /**
   * The id an old note reference shown deleted (or moved away) takes in the
   * new document: always a deleted copy of its old note (made on first use),
   * even when the note lives on under another reference, since LibreOffice
   * gives a note's text to one reference only.
   */
  private noteTarget(kind: NoteKind, id: string): string | null {
    return this.noteIds.get(`${kind}:${id}`) ?? this.copyOldNote(kind, id);
  }

  /** Copies old note `id`, every paragraph deleted, into NEW's notes part under a fresh id; returns that id (null when it cannot). */
  private copyOldNote(kind: NoteKind, id: string): string | null {
    const key = `${kind}:${id}`;
    const done = this.noteIds.get(key);
    if (done) return done;
    const oldPart = this.notesPart(this.oldR, kind);
    const oldNote = oldPart ? findNote(this.oldR.trees.get(oldPart)!, kind, id) : null;
    if (!oldPart || !oldNote) return null;
    const newPart = this.notesPart(this.newR, kind) ?? this.createNotesPart(kind, oldPart);
    if (!newPart) return null;
    const target = this.newR.trees.get(newPart)!;
    const newId = String(nextNoteId(target));
    this.noteIds.set(key, newId);
    const copy: XmlElement = { ...oldNote, attrs: oldNote.attrs.map(([n, v]) => [n, n === "w:id" ? newId : v]), children: [] };
    // its paragraphs and tables, in order, all deleted (the last paragraph keeps its mark: a note must end with one)
    const blocks = oldNote.children.filter((c): c is XmlElement => c.type === "element" && (c.name === "w:p" || c.name === "w:tbl"));
    const lastP = blocks.map((b) => b.name).lastIndexOf("w:p");
    const ctx = this.copyContext(oldPart, newPart);
    blocks.forEach((b, k) => copy.children.push(b.name === "w:tbl" ? copyTable(b, this.revs, ctx) : copyParagraph(b, "w:del", this.revs, ctx, k !== lastP)));
    documentElement(target).children.push(copy);
    this.touched.add(newPart);
    return newId;
  }

  /**
   * A notes part for NEW, which has none, to hold deleted notes: OLD's root
   * element (its namespaces) with OLD's separator notes, which Word expects
   * in every notes part. Its relationship and content type are added when the
   * package is written. Null when the name is taken by something else.
   */
  private createNotesPart(kind: NoteKind, oldPart: string): string | null {
    const name = this.freeNameBesideMain(`${kind}s.xml`);
    if (name === null) return null;
    const oldDoc = this.oldR.trees.get(oldPart)!;
    const oldRoot = documentElement(oldDoc);
    const separators = oldRoot.children.filter((c): c is XmlElement => c.type === "element" && c.name === `w:${kind}` && getAttr(c, "w:type") !== null && getAttr(c, "w:type") !== "normal");
    const root = element(oldRoot.name, oldRoot.attrs.map(([n, v]) => [n, v]), separators.map((c) => cloneNode(c)));
    this.newR.trees.set(name, newXml(root));
    this.createdParts.set(name, kind);
    return name;
  }

  /**
   * Note references are not part of the compared text, so where a paired
   * entry's references stand is checked here: an old reference and a new one
   * are the same when they point to the same note (paired) at the same place
   * of the text (as the entry's operations map old positions to new). Any
   * other old reference is shown deleted where it stood, any other new one
   * inserted: a reference that moved shows as both.
   */
  private planRefs(): void {
    const refering = (r: DocxReading) => new Set(r.doc.notes.map((n) => n.referencedFrom).filter((i): i is number => i !== null));
    const oldRefering = refering(this.oldR);
    const newRefering = refering(this.newR);
    if (!oldRefering.size && !newRefering.size) return;
    for (const entry of this.delta.clauses) {
      if (!entry.old || !entry.new || this.brokenMoves.has(entry)) continue;
      if (!entry.old.paragraphs.some((i) => oldRefering.has(i)) && !entry.new.paragraphs.some((i) => newRefering.has(i))) continue;
      if (!entry.old.paragraphs.every((i) => this.inMain("old", i)) || !entry.new.paragraphs.every((i) => this.inMain("new", i))) continue;
      const o = this.sideParagraphs("old", entry.old.paragraphs, entry.old.text);
      const n = this.sideParagraphs("new", entry.new.paragraphs, entry.new.text);
      if (!o || !n || !n.idx.length) continue;
      const newRefs = n.idx.map((i) => noteRefs(this.newEl(i), this.newR.sources[i]!.pieces));
      const taken = new Set<NoteRef>();
      const changes: RefChanges = { deleted: [], inserted: [] };
      o.idx.forEach((i, k) => {
        for (const ref of noteRefs(this.oldEl(i), this.oldR.sources[i]!.pieces)) {
          const { line, lo, hi } = mapOldRange(entry, o.paras, n.paras, k, ref.offset);
          const paired = this.pairedNote(`${ref.kind}:${ref.id}`);
          const same = newRefs[line]!.find((r) => !taken.has(r) && r.offset >= lo && r.offset <= hi && paired === `${r.kind}:${r.id}`);
          if (same) {
            taken.add(same);
            continue;
          }
          const id = this.noteTarget(ref.kind, ref.id);
          if (id === null) {
            this.messages.push(`${entry.old!.id}: a deleted ${ref.kind} reference could not be shown (its note has nowhere to go)`);
            continue;
          }
          const props = findChild(ref.run, "w:rPr");
          const name = ref.kind === "footnote" ? "w:footnoteReference" : "w:endnoteReference";
          // its own attributes but the id: w:customMarkFollows says the mark is the text after it ("*"), not a number
          const own = findChild(ref.run, name)?.attrs.filter(([n]) => n !== "w:id") ?? [];
          const run = element("w:r", [], [...(props ? [cloneNode(props)] : []), element(name, [["w:id", id], ...own.map(([n, v]): [string, string] => [n, v])])]);
          changes.deleted.push({ oldIndex: i, offset: ref.offset, run });
        }
      });
      newRefs.forEach((refs, j) => {
        const pieces = this.newR.sources[n.idx[j]!]!.pieces;
        // a run that also holds text cannot be marked inserted as a whole
        for (const r of refs) if (!taken.has(r) && !pieces.some((p) => p.run === r.run)) changes.inserted.push(r);
      });
      if (changes.deleted.length || changes.inserted.length) this.refChanges.set(entry, changes);
    }
  }

  /** References of notes the new document added, wherever the entries above did not already mark them (an added paragraph's are inside its insertion). */
  private markAddedNoteRefs(): void {
    if (!this.addedNotes.size) return;
    this.newR.sources.forEach((source, i) => {
      if (!this.inMain("new", i)) return;
      for (const ref of noteRefs(source.elements[0]!, [])) {
        if (!this.addedNotes.has(`${ref.kind}:${ref.id}`)) continue;
        if (this.markInserted(ref)) this.touched.add(source.part);
      }
    });
  }

  /** Wraps a reference's run in `w:ins` unless it already stands in an insertion or a move. */
  private markInserted(ref: NoteRef): boolean {
    if (ref.parent.name === "w:ins" || ref.parent.name === "w:moveTo") return false;
    const at = ref.parent.children.indexOf(ref.run);
    if (at < 0) return false;
    // only the reference: text in its run (a custom mark, "*", after it) is the paragraph's text, which the
    // entries mark or leave as it is; the run is split around the reference
    const name = ref.kind === "footnote" ? "w:footnoteReference" : "w:endnoteReference";
    const props = findChild(ref.run, "w:rPr");
    const content = ref.run.children.filter((c) => c !== props);
    const k = content.findIndex((c) => c.type === "element" && c.name === name && getAttr(c, "w:id") === ref.id);
    const piece = (nodes: XmlNode[]) => (nodes.some((c) => c.type === "element") ? [element("w:r", ref.run.attrs.slice(), [...(props ? [cloneNode(props)] : []), ...nodes])] : []);
    const [before, after] = k < 0 ? [[], []] : [piece(content.slice(0, k)), piece(content.slice(k + 1))];
    const own = before.length || after.length ? element("w:r", ref.run.attrs.slice(), [...(props ? [props] : []), content[k]!]) : ref.run;
    ref.parent.children.splice(at, 1, ...before, this.revs.wrap("w:ins", [own]), ...after);
    return true;
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
  private markWhole(paragraphs: number[], kind: "w:ins" | "w:moveTo", moved?: DeltaClause): void {
    const shown = paragraphs.filter((i) => nonEmpty(this.newR.doc, i));
    const name = kind === "w:moveTo" && moved ? this.moveName(moved) : null;
    shown.forEach((i) => {
      const p = this.newEl(i);
      const part = this.newR.sources[i]!.part;
      this.touched.add(part);
      wrapAllRuns(p, kind, this.revs);
      if (kind === "w:ins") this.addedParagraphs.add(i);
      if (this.mayMarkEnd(part, p)) this.revs.markParagraph(p, kind);
    });
    if (kind === "w:ins" && shown.length) this.markEndBefore(shown[0]!, shown[shown.length - 1]!);
    if (name && shown.length) this.rangeMarkers(this.newEl(shown[0]!), this.newEl(shown[shown.length - 1]!), "w:moveTo", name);
  }

  /**
   * Paragraphs inserted at the end of a body, cell, note or text box: the last one's mark cannot be
   * marked (its container must end with a paragraph), so rejecting left an empty paragraph behind. The
   * mark that is new is the one before them, as Word marks an appended paragraph: rejecting then joins
   * the paragraph before with what is left of the inserted ones, which is nothing.
   */
  private markEndBefore(first: number, last: number): void {
    const lastP = this.newEl(last);
    const part = this.newR.sources[last]!.part;
    if (this.mayMarkEnd(part, lastP)) return;
    const firstP = this.newEl(first);
    const parent = this.index(part).parent(firstP);
    if (!parent) return;
    const prev = blockBefore(parent, firstP);
    if (!prev || prev.name !== "w:p") return;
    if (this.deletedCopies.has(prev)) {
      this.joinDeleted(part, prev, firstP, lastP);
      return;
    }
    // a mark already marked (inserted, deleted or moved) says what it says
    if (markIsMarked(prev)) return;
    this.revs.markParagraph(prev, "w:ins");
    // rejecting joins `prev` with the inserted paragraphs under the last one's mark: that mark keeps `prev`'s properties then
    this.revs.recordParagraphProperties(lastP, prev);
  }

  /**
   * A deleted paragraph right before paragraphs inserted at the end of their container (a paragraph of a
   * text box or cell replaced by one too unlike it to be shown as edited): its mark is deleted, so
   * rejecting kept it and left the last inserted paragraph behind empty. Its deleted text goes to the start
   * of the first inserted paragraph instead, one paragraph holding both, and the last mark records its
   * properties for rejecting.
   */
  private joinDeleted(part: string, deleted: XmlElement, firstP: XmlElement, lastP: XmlElement): void {
    const ix = this.index(part);
    const moving = deleted.children.filter((c) => !(c.type === "element" && c.name === "w:pPr"));
    const pPr = findChild(firstP, "w:pPr");
    firstP.children.splice(pPr ? firstP.children.indexOf(pPr) + 1 : 0, 0, ...moving);
    for (const c of moving) if (c.type === "element") ix.adopt(c, firstP);
    ix.remove(deleted);
    this.deletedCopies.delete(deleted);
    // what was placed after the deleted paragraph (a later deletion's anchor) now goes after the paragraph holding it
    for (const [k, el] of this.standsFor) if (el === deleted) this.standsFor.set(k, firstP);
    this.revs.recordParagraphProperties(lastP, deleted);
  }

  /**
   * The name of a moved entry's move, the same for its source and destination ranges: Word pairs
   * the two ends of a move by it (the w:name of w:moveFromRangeStart and w:moveToRangeStart).
   */
  private moveName(entry: DeltaClause): string {
    let name = this.moveNames.get(entry);
    if (name === undefined) this.moveNames.set(entry, (name = this.revs.moveName()));
    return name;
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
    const changes = wrapAs === "w:ins" ? this.refChanges.get(entry) : undefined;
    if (wrapAs === "w:ins" && !changes && this.noteWithTable(o.idx, n.idx)) {
      this.patchNoteTable(entry, o, n);
      return;
    }
    // deleted references inside or at the edge of deleted text go with that text, in their old place
    const pending = new Set(changes?.deleted ?? []);
    const plan = planEntry(entry, o.paras, n.paras, {
      oldRuns: (k, from, to) => ({ type: "runs", runs: this.deletedRuns(o.idx[k]!, o.paras[k]!.text, from, to, pending, this.newR.sources[n.idx[0]!]!.part) }),
      // a paragraph without properties comes back without any (not with NEW's, which a missing pPr would give it)
      oldMark: (k) => ({ type: "mark", pPr: copyParagraphProps(this.oldEl(o.idx[k]!), this.ctx) ?? element("w:pPr") }),
    });
    // the others where their old place now is
    for (const ref of pending) {
      const k = o.idx.indexOf(ref.oldIndex);
      if (k < 0) continue;
      const { line, at } = mapOldPosition(entry, o.paras, n.paras, k, ref.offset);
      const list = plan.edits[line]!.deletes;
      list.push({ at, chunks: [{ type: "runs", runs: [ref.run] }] });
      list.sort((a, b) => a.at - b.at);
    }
    for (const ref of changes?.inserted ?? []) this.markInserted(ref);
    const name = wrapAs === "w:moveTo" ? this.moveName(entry) : null;
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
      const made = patchParagraph(p, this.newR.sources[i]!.pieces, { ...edit, formats: this.keptFormats(o.idx, i, plan.kept[j]!) }, this.revs, ix);
      if (made.length) ix.insertBefore(p, made);
    });
    // An inserted end just before a wholly inserted paragraph is shown as that paragraph's end, so the inserted
    // paragraph reads as inserted whole; from the last end back, so that two inserted ends in a row (a paragraph
    // split around an inserted one) do not both land on the same paragraph.
    const endsMarked = new Set<number>();
    for (let j = plan.insertedEnd.length - 1; j >= 0; j--) {
      if (!plan.insertedEnd[j]) continue;
      // but not onto the last paragraph of a cell, note or body, whose end cannot be marked: its own end stays the inserted one,
      // as Word marks a paragraph appended there (rejecting then left an empty paragraph behind)
      const next = j + 1 < n.idx.length ? n.idx[j + 1]! : -1;
      const target = next >= 0 && plan.whollyInserted[j + 1] && !endsMarked.has(j + 1) && this.mayMarkEnd(this.newR.sources[next]!.part, this.newEl(next)) ? j + 1 : j;
      endsMarked.add(target);
    }
    // new paragraphs whose marks stand for old ones and record those's properties (below)
    const paired = new Set<number>();
    const marked = [...endsMarked].filter((t) => this.mayMarkEnd(this.newR.sources[n.idx[t]!]!.part, this.newEl(n.idx[t]!))).sort((a, b) => a - b);
    if (wrapAs === "w:ins" && endsChanged(entry)) {
      // The paragraphs of an entry that split or joined paragraphs are no pairs (paragraphPairs), but their marks are:
      // the ends neither deleted nor inserted, in order, each standing for the same end on both sides. Each keeps
      // its old properties for rejecting (before the loop below, which records an inserted end's on the last one).
      const oldKept = o.idx.filter((_, k) => !plan.deletedEnd[k]);
      const newKept = n.idx.filter((_, j) => !marked.includes(j));
      if (oldKept.length === newKept.length) {
        oldKept.forEach((i, k) => this.recordOldProperties(newKept[k]!, i));
        for (const i of newKept) paired.add(i);
      }
    }
    for (const target of marked) {
      const i = n.idx[target]!;
      const p = this.newEl(i);
      this.revs.markParagraph(p, "w:ins");
      // an end kept off a wholly inserted last paragraph (see above): rejecting joins this paragraph's text to that
      // one's mark, which keeps this one's properties then, unless it stands for an old end (paired above), whose
      // properties it records (or has already, where they are the same)
      const next = target + 1 < n.idx.length ? n.idx[target + 1]! : -1;
      if (next >= 0 && !paired.has(next) && plan.whollyInserted[target + 1] && !this.mayMarkEnd(this.newR.sources[next]!.part, this.newEl(next))) this.revs.recordParagraphProperties(this.newEl(next), p);
    }
    if (name) this.rangeMarkers(this.newEl(n.idx[0]!), this.newEl(n.idx[n.idx.length - 1]!), "w:moveTo", name);
  }

  /**
   * The formatting changes (`run-formats.ts`) of the text new paragraph `i` keeps from the entry's old paragraphs
   * `oldIdx` (`kept`: the plan's), with OLD's run properties cleaned for NEW's package.
   */
  private keptFormats(oldIdx: readonly number[], i: number, kept: readonly KeptText[]): FormatEdit[] {
    const out: FormatEdit[] = [];
    const now = { paragraph: this.newR.doc.paragraphs[i]!, pieces: this.newR.sources[i]!.pieces };
    for (let a = 0; a < kept.length; ) {
      // the kept stretches from one old paragraph at a time (a join keeps text of several)
      let b = a + 1;
      while (b < kept.length && kept[b]!.line === kept[a]!.line) b++;
      const o = oldIdx[kept[a]!.line]!;
      const old = { paragraph: this.oldR.doc.paragraphs[o]!, pieces: this.oldR.sources[o]!.pieces };
      for (const f of formatChanges(old, now, kept.slice(a, b))) out.push({ from: f.from, to: f.to, rPr: copyRunProps(f.was, this.ctx) });
      a = b;
    }
    return out;
  }

  /**
   * An entry the Delta finds unchanged may still have changed formatting (a word made bold): its paragraphs, paired
   * one for one (paragraphPairs), record the old run properties where they differ.
   */
  private markFormatChanges(entry: DeltaClause): void {
    const { newToOld } = this.paragraphPairs();
    let lines: { o: SideParagraph[]; n: SideParagraph[] } | null | undefined;
    // k counts the entry's paragraphs with text, which are all paired or none
    let k = -1;
    for (const i of entry.new!.paragraphs) {
      const o = newToOld[i]!;
      if (o < 0) continue;
      k++;
      const now = this.newR.doc.paragraphs[i]!;
      const was = this.oldR.doc.paragraphs[o]!;
      // the texts compared last: most pairs look the same, and comparing two long texts read apart costs more
      if (now.text.length === 0 || (was.text.length === now.text.length && sameLook(was, now))) continue;
      let kept: KeptText | null = null;
      if (was.text === now.text) kept = { at: 0, line: 0, from: 0, length: now.text.length };
      else {
        // a label typed on one side and computed by numbering on the other: the paragraphs' texts differ, the entry's do not
        lines ??= this.entryLines(entry);
        if (lines) kept = keptLine(lines.o[k]!, lines.n[k]!);
      }
      if (!kept) continue;
      const formats = this.keptFormats([o], i, [kept]);
      if (formats.length === 0) continue;
      this.touched.add(this.newR.sources[i]!.part);
      markFormats(this.newR.sources[i]!.pieces, formats, this.revs);
    }
  }

  /** An unchanged entry's paragraphs with text, as lines of its text (sideParagraphs), where both sides' texts are the same. */
  private entryLines(entry: DeltaClause): { o: SideParagraph[]; n: SideParagraph[] } | null {
    if (entry.old!.text !== entry.new!.text) return null;
    const o = this.sideParagraphs("old", entry.old!.paragraphs, entry.old!.text);
    const n = this.sideParagraphs("new", entry.new!.paragraphs, entry.new!.text);
    return o && n && o.paras.length === n.paras.length ? { o: o.paras, n: n.paras } : null;
  }

  private readonly oldIndexes = new Map<string, ParentIndex>();

  /** The parent index of one of OLD's parts (the main part's is built up front). */
  private oldPartIndex(part: string): ParentIndex {
    if (part === this.oldMainPart) return this.oldIndex;
    let ix = this.oldIndexes.get(part);
    if (!ix) {
      ix = new ParentIndex(this.oldR.trees.get(part)!);
      this.oldIndexes.set(part, ix);
    }
    return ix;
  }

  /** Whether an entry is a note holding a table (on either side): its cells are not one text, so it is patched paragraph by paragraph. */
  private noteWithTable(oldIdx: number[], newIdx: number[]): boolean {
    const part = this.newR.doc.paragraphs[newIdx[0]!]!.part;
    if (part !== "footnote" && part !== "endnote") return false;
    return oldIdx.some((i) => this.oldR.doc.paragraphs[i]!.table) || newIdx.some((i) => this.newR.doc.paragraphs[i]!.table);
  }

  /**
   * A note with a table, patched paragraph by paragraph: the entry's text
   * joins its cells' paragraphs with "\n", and a change spanning two of them
   * cannot be shown as a paragraph mark removed (a cell's end is no paragraph
   * mark). So its paragraphs are lined up here (equal ones kept, the rest of
   * each changed stretch paired in order), paired ones patched on their own,
   * and the others shown deleted or inserted whole: as rows when a whole row
   * went or came, as paragraphs otherwise.
   */
  private patchNoteTable(entry: DeltaClause, o: { idx: number[]; paras: SideParagraph[] }, n: { idx: number[]; paras: SideParagraph[] }): void {
    const oldLines = entry.old!.text.split("\n");
    const newLines = entry.new!.text.split("\n");
    type Step = { old: number | null; new: number | null };
    const steps: Step[] = [];
    for (const op of diffSequences(oldLines, newLines, { cleanup: false }).ops) {
      if (op.op === "equal") for (let k = 0; k < op.aEnd - op.aStart; k++) steps.push({ old: op.aStart + k, new: op.bStart + k });
      else if (op.op === "delete") for (let k = op.aStart; k < op.aEnd; k++) steps.push({ old: k, new: null });
      else for (let k = op.bStart; k < op.bEnd; k++) steps.push({ old: null, new: k });
    }
    // pair the deleted and inserted lines of one changed stretch in order: a changed cell is one paragraph patched
    const paired: Step[] = [];
    for (let i = 0; i < steps.length; ) {
      if (steps[i]!.old !== null && steps[i]!.new !== null) {
        paired.push(steps[i++]!);
        continue;
      }
      const dels: number[] = [];
      const ins: number[] = [];
      while (i < steps.length && (steps[i]!.old === null || steps[i]!.new === null)) {
        if (steps[i]!.old !== null) dels.push(steps[i]!.old!);
        else ins.push(steps[i]!.new!);
        i++;
      }
      const both = Math.min(dels.length, ins.length);
      for (let k = 0; k < both; k++) paired.push({ old: dels[k]!, new: ins[k]! });
      for (const d of dels.slice(both)) paired.push({ old: d, new: null });
      for (const a of ins.slice(both)) paired.push({ old: null, new: a });
    }
    const oldIx = this.oldPartIndex(this.oldR.sources[o.idx[0]!]!.part);
    const part = this.newR.sources[n.idx[0]!]!.part;
    const ix = this.index(part);
    this.touched.add(part);
    const oldGone = new Set(paired.filter((s) => s.new === null).map((s) => o.idx[s.old!]!));
    const newCame = new Set(paired.filter((s) => s.old === null).map((s) => n.idx[s.new!]!));
    const byOldEl = new Map<XmlElement, number>();
    const byNewEl = new Map<XmlElement, number>();
    for (const i of o.idx) byOldEl.set(this.oldEl(i), i);
    for (const i of n.idx) byNewEl.set(this.newEl(i), i);
    // a row goes (or comes) whole when every paragraph with text in it does (one outside the entry counts by its own text)
    const whole = (tr: XmlElement | null, byEl: Map<XmlElement, number>, set: Set<number>, doc: Doc): boolean =>
      tr !== null &&
      everyParagraph(tr, (x) => {
        const i = byEl.get(x);
        return i === undefined ? !paragraphHasText(x) : !nonEmpty(doc, i) || set.has(i);
      });
    let cursor: XmlElement | null = null;
    const placedRows = new Set<XmlElement>();
    const markedRows = new Set<XmlElement>();
    for (const step of paired) {
      if (step.old !== null && step.new !== null) {
        const i = n.idx[step.new]!;
        const p = this.newEl(i);
        cursor = p;
        if (oldLines[step.old] === newLines[step.new]) {
          const kept = keptLine(o.paras[step.old]!, n.paras[step.new]!);
          const formats = kept ? this.keptFormats([o.idx[step.old]!], i, [kept]) : [];
          if (formats.length) markFormats(this.newR.sources[i]!.pieces, formats, this.revs);
          continue;
        }
        const line: DeltaClause = { ...entry, old: { ...entry.old!, label: null, text: oldLines[step.old]! }, new: { ...entry.new!, label: null, text: newLines[step.new]! }, inline: diffWords(oldLines[step.old]!, newLines[step.new]!).inline };
        const k = step.old;
        const plan = planEntry(line, [o.paras[k]!], [n.paras[step.new]!], {
          oldRuns: (_k, from, to) => ({ type: "runs", runs: this.deletedRuns(o.idx[k]!, o.paras[k]!.text, from, to, new Set(), part) }),
          oldMark: () => ({ type: "mark", pPr: copyParagraphProps(this.oldEl(o.idx[k]!), this.ctx) }),
        });
        const made = patchParagraph(p, this.newR.sources[i]!.pieces, { ...plan.edits[0]!, formats: this.keptFormats([o.idx[k]!], i, plan.kept[0]!) }, this.revs, ix);
        if (made.length) ix.insertBefore(p, made);
      } else if (step.new !== null) {
        const i = n.idx[step.new]!;
        const p = this.newEl(i);
        cursor = p;
        wrapAllRuns(p, "w:ins", this.revs);
        const tr = ix.ancestor(p, "w:tr");
        if (tr && whole(tr, byNewEl, newCame, this.newR.doc)) {
          if (!markedRows.has(tr)) this.revs.markRow(tr, "w:ins");
          markedRows.add(tr);
        } else if (this.mayMarkEnd(part, p)) this.revs.markParagraph(p, "w:ins");
      } else {
        const i = o.idx[step.old!]!;
        const oldP = this.oldEl(i);
        const tr = oldIx.ancestor(oldP, "w:tr");
        const anchorRow = cursor ? ix.ancestor(cursor, "w:tr") : null;
        const ctx = this.copyContext(this.oldR.sources[i]!.part, part);
        if (tr && anchorRow && whole(tr, byOldEl, oldGone, this.oldR.doc)) {
          if (placedRows.has(tr)) continue;
          placedRows.add(tr);
          const copy = copyRow(tr, this.revs, ctx);
          ix.insertAfter(anchorRow, [copy]);
          cursor = lastParagraph(copy) ?? cursor;
          continue;
        }
        const copy = copyParagraph(oldP, "w:del", this.revs, ctx);
        if (cursor) ix.insertAfter(cursor, [copy]);
        else ix.insertBefore(this.newEl(n.idx[0]!), [copy]);
        cursor = copy;
      }
    }
  }

  /** Deleted runs for old paragraph `i`'s characters [from, to), with the pending deleted references that stood among them. */
  private deletedRuns(i: number, text: string, from: number, to: number, pending: Set<RefChanges["deleted"][number]>, newPart: string): XmlElement[] {
    const pieces = this.oldR.sources[i]!.pieces;
    const oldPart = this.oldR.sources[i]!.part;
    const picture = (el: XmlElement) => this.picture(el, oldPart, newPart);
    const out: XmlElement[] = [];
    let at = from;
    for (const ref of pending) {
      if (ref.oldIndex !== i || ref.offset < from || ref.offset > to) continue;
      out.push(...runsForRange(pieces, text, at, ref.offset, true, picture), ref.run);
      at = ref.offset;
      pending.delete(ref);
    }
    out.push(...runsForRange(pieces, text, at, to, true, picture));
    // the runs keep OLD's run properties: a character style NEW lacks is carried over, or rejecting loses its look
    for (const run of out) {
      const rPr = findChild(run, "w:rPr");
      const style = rPr && findChild(rPr, "w:rStyle");
      const id = style && getAttr(style, "w:val");
      if (id) this.ctx.useStyle("character", id);
    }
    return out;
  }

  /**
   * NEW's text box standing where OLD's `oldBox` stood: the box at the same
   * place among the boxes of the paragraph that stands for the old box's
   * host paragraph. Null when the host or its box is gone. A box whose every
   * paragraph was replaced has no kept paragraph to place a deletion after,
   * so it is found through its host.
   */
  private counterpartBox(oldBox: XmlElement): XmlElement | null {
    const oldHost = this.oldIndex.ancestor(oldBox, "w:p");
    if (!oldHost) return null;
    const at = inspectEmbedded(oldHost).textBoxes.indexOf(oldBox);
    const hostIdx = this.sourceIndex("old").get(oldHost);
    if (at < 0 || hostIdx === undefined) return null;
    const entry = this.keptEntry(hostIdx);
    if (!entry) return null;
    const olds = entry.old!.paragraphs;
    const news = entry.new!.paragraphs;
    // paragraph for paragraph when the entry kept their count; else the first new paragraph with a box there
    const candidates = olds.length === news.length ? [news[olds.indexOf(hostIdx)]!] : news;
    for (const j of candidates) {
      if (!this.inMain("new", j)) continue;
      const box = inspectEmbedded(this.newEl(j)).textBoxes[at];
      if (box) return box;
    }
    return null;
  }

  private keptEntries: Map<number, DeltaClause> | null = null;

  /** The entry that old paragraph `i` has a counterpart in NEW through, if any. */
  private keptEntry(i: number): DeltaClause | undefined {
    if (!this.keptEntries) {
      this.keptEntries = new Map();
      // a move shown deleted and inserted keeps nothing of its old place
      for (const c of this.delta.clauses) if (c.old && c.new && !this.brokenMoves.has(c)) for (const k of c.old.paragraphs) this.keptEntries.set(k, c);
    }
    return this.keptEntries.get(i);
  }

  /**
   * A deleted cell paragraph whose row is still there goes back into that
   * row's cell at the same grid column (a cell emptied, or its value moved
   * to a neighbouring cell), not after whatever paragraph was placed last,
   * which would put it in the cell before. The cell's last paragraph, left
   * empty in NEW, takes the old paragraph's runs, deleted, so that
   * rejecting gives the old cell paragraph for paragraph and accepting the
   * empty one; earlier old paragraphs go before it with their marks
   * deleted. Returns the paragraph now standing for `i`, or null when the
   * row or the cell is gone.
   */
  private placeInKeptRow(entry: DeltaClause, i: number, oldP: XmlElement, oldTc: XmlElement): XmlElement | null {
    const oldTr = this.oldIndex.ancestor(oldTc, "w:tr");
    const col = oldTr ? cellColumns(oldTr).get(oldTc) : undefined;
    if (!oldTr || col === undefined) return null;
    const ix = this.index(this.mainPart);
    const newTr = this.newRowOf(oldTr);
    if (!newTr) return null;
    const newTc = cellAtColumn(newTr, col);
    if (!newTc) return null;
    const paragraphs = newTc.children.filter((c): c is XmlElement => c.type === "element" && c.name === "w:p");
    const lastP = paragraphs[paragraphs.length - 1];
    const blank = lastP && !paragraphHasContent(lastP) && !this.filledCells.has(lastP) ? lastP : null;
    const copy = copyParagraph(oldP, "w:del", this.revs, this.ctx);
    const ownCell = entry.old!.paragraphs.filter((k) => nonEmpty(this.oldR.doc, k) && this.oldIndex.ancestor(this.oldEl(k), "w:tc") === oldTc);
    if (blank && ownCell[ownCell.length - 1] === i) {
      const runs = copy.children.filter((c): c is XmlElement => c.type === "element" && c.name !== "w:pPr");
      blank.children.push(...runs);
      for (const r of runs) ix.adopt(r, blank);
      this.filledCells.add(blank);
      return blank;
    }
    const before = blank ?? newTc.children.find((c): c is XmlElement => c.type === "element" && (c.name === "w:p" || c.name === "w:tbl" || c.name === "w:sdt"));
    if (!before) return null;
    ix.insertBefore(before, [copy]);
    return copy;
  }

  /**
   * NEW's row standing for old row `oldTr`: the row of the new paragraph paired with one of its
   * non-empty paragraphs (not a nested table's). An empty paragraph goes with the entry before it,
   * which may be a cell of the row above, so empty ones say nothing about their row.
   */
  private newRowOf(oldTr: XmlElement): XmlElement | null {
    const cached = this.newRows.get(oldTr);
    if (cached !== undefined) return cached;
    const byEl = this.sourceIndex("old");
    const ix = this.index(this.mainPart);
    let found: XmlElement | null = null;
    // its paragraphs in order, not a nested table's, without walking their runs (the empty-paragraph passes ask
    // for every row of H.222.0's tables)
    const visit = (el: XmlElement) => {
      for (const x of el.children) {
        if (found) return;
        if (x.type !== "element" || x.name === "w:tbl" || x.name.endsWith("Pr")) continue;
        if (x.name !== "w:p") {
          visit(x);
          continue;
        }
        const k = byEl.get(x);
        if (k === undefined || !nonEmpty(this.oldR.doc, k)) continue;
        const entry = this.keptEntry(k);
        if (!entry) continue;
        const olds = entry.old!.paragraphs;
        const news = entry.new!.paragraphs;
        const j = olds.length === news.length ? news[olds.indexOf(k)] : news.find((n) => nonEmpty(this.newR.doc, n));
        if (j === undefined || !this.inMain("new", j)) continue;
        found = ix.ancestor(this.newEl(j), "w:tr");
      }
    };
    visit(oldTr);
    this.newRows.set(oldTr, found);
    return found;
  }

  /** newRowOf's answers, by old row. */
  private readonly newRows = new Map<XmlElement, XmlElement | null>();

  /** What a deleted old row goes after: the copy of the deleted row before it, or the new row standing for the nearest old row before it. */
  private rowBefore(oldTr: XmlElement): XmlElement | null {
    const parent = this.oldIndex.parent(oldTr);
    if (!parent) return null;
    for (let k = parent.children.indexOf(oldTr) - 1; k >= 0; k--) {
      const prev = parent.children[k]!;
      if (prev.type !== "element" || prev.name !== "w:tr") continue;
      const copy = this.rowCopies.get(prev);
      if (copy) return copy;
      const row = this.newRowOf(prev);
      if (row) return row;
    }
    return null;
  }

  /** Deleted old rows and tables, and the copies standing for them in NEW. */
  private readonly rowCopies = new Map<XmlElement, XmlElement>();
  private readonly tableCopies = new Map<XmlElement, XmlElement>();

  /** Empty cell paragraphs that took a deleted paragraph's runs: a second one goes before them. */
  private readonly filledCells = new Set<XmlElement>();

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
    const name = kind === "w:moveFrom" ? this.moveName(entry) : null;
    const placed: XmlElement[] = [];
    for (const i of shown) {
      const oldP = this.oldEl(i);
      const oldBox = this.oldIndex.ancestor(oldP, "w:txbxContent");
      if (oldBox && this.restoredBoxes.has(oldBox)) continue;
      if (oldBox) {
        // a text box's paragraph goes back into the text box that now stands there, or is left out
        const current = last ? ix.ancestor(last, "w:txbxContent") : null;
        const box = this.counterpartBox(oldBox) ?? current;
        if (box) {
          const copy = copyParagraph(oldP, kind, this.revs, this.ctx);
          // after what was placed last in this box; first in it when nothing of it was yet (what the box kept follows)
          if (last && current === box) ix.insertAfter(ix.childOf(box, last) ?? last, [copy]);
          else {
            const first = box.children.find((c): c is XmlElement => c.type === "element");
            if (first) ix.insertBefore(first, [copy]);
            else {
              box.children.push(copy);
              ix.adopt(copy, box);
            }
          }
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
        const done = this.placeDeletedCell(oldP, last) ?? this.placeInKeptRow(entry, i, oldP, tc);
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
    if (kind === "w:del") for (const copy of placed) this.deletedCopies.add(copy);
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
    // already brought back with a deleted row or table holding it (a nested table's with its outer row)
    for (let at: XmlElement | null = tr; at; at = this.oldIndex.parent(at)) {
      const copy = this.rowCopies.get(at) ?? this.tableCopies.get(at);
      if (copy) return anchor ?? lastParagraph(copy) ?? copy;
    }
    if (!this.allDeleted(tr)) return null;
    // after the row that stood before it in OLD, when it is still there: the anchor (the paragraph placed
    // last) may be an empty cell paragraph that went with the entry before it, in another row
    const before = this.rowBefore(tr);
    let anchorRow = before && ix.ancestor(before, "w:tbl") ? before : null;
    const wholeTable = !anchorRow && this.allDeleted(tbl);
    // the anchor's row only for a table that stays: a table deleted whole comes back whole, not as rows of the
    // table before it (Word and the reader would read the two as one)
    if (!anchorRow && anchor && !wholeTable) anchorRow = ix.ancestor(anchor, "w:tr");
    if (anchorRow) {
      const copy = copyRow(tr, this.revs, this.ctx);
      ix.insertAfter(anchorRow, [copy]);
      this.rowCopies.set(tr, copy);
      return lastParagraph(copy) ?? anchor;
    }
    if (wholeTable) {
      const copy = copyTable(tbl, this.revs, this.ctx);
      // the empty paragraph that kept it apart from a table before it in OLD goes back with it, deleted, when a
      // table stands before it again (or Word reads the two as one, and rejecting loses the paragraph)
      const withSeparator = (after: XmlElement) => {
        const sep = after.name === "w:tbl" ? separatorBefore(this.oldIndex.parent(tbl), tbl) : null;
        return sep ? [copyParagraph(sep, "w:del", this.revs, this.ctx), copy] : [copy];
      };
      const nested = this.nestedPlace(tbl, anchor);
      const body = this.body();
      const ref = anchor ? (ix.childOf(body, anchor) ?? anchor) : null;
      if (nested?.where === "before") ix.insertBefore(nested.ref, [copy]);
      else if (nested) ix.insertAfter(nested.ref, withSeparator(nested.ref));
      else if (ref) ix.insertAfter(ref, withSeparator(ref));
      else {
        body.children.unshift(copy);
        ix.adopt(copy, body);
      }
      this.tableCopies.set(tbl, copy);
      return lastParagraph(copy) ?? anchor;
    }
    // a leading row of a table that is still there: it goes back as the first row of the table now
    // standing right after the anchor (not as a paragraph before it), when the two have as many columns
    const next = this.tableAfter(anchor);
    const firstRow = next ? findChild(next, "w:tr") : null;
    if (next && firstRow && gridColumns(next) === gridColumns(tbl)) {
      const copy = copyRow(tr, this.revs, this.ctx);
      ix.insertBefore(firstRow, [copy]);
      this.rowCopies.set(tr, copy);
      return lastParagraph(copy) ?? anchor;
    }
    return null;
  }

  /**
   * Where a deleted nested table goes back, in the cell standing for the one it stood in (same row, same
   * grid column): after the anchor's block when the anchor is in that cell and a block follows it there
   * (a cell must end with a paragraph), first in the cell when the anchor is not in it. Placed after the
   * outer table, at the body's level, rejecting would put the cell's text before it. Null for a table of
   * the body, when that cell is gone, or when the anchor ends it: the table then goes after the block
   * holding the anchor in the body.
   */
  private nestedPlace(tbl: XmlElement, anchor: XmlElement | null): { ref: XmlElement; where: "before" | "after" } | null {
    const oldCell = this.oldIndex.parent(tbl);
    if (!anchor || oldCell?.name !== "w:tc") return null;
    // the cell standing for the one it stood in: same row (newRowOf), same grid column; the anchor must be in it
    const oldTr = this.oldIndex.ancestor(oldCell, "w:tr");
    const col = oldTr ? cellColumns(oldTr).get(oldCell) : undefined;
    const newTr = oldTr ? this.newRowOf(oldTr) : null;
    const cell = newTr && col !== undefined ? cellAtColumn(newTr, col) : null;
    if (!cell) return null;
    const blocks = blocksOf(cell);
    const block = this.index(this.mainPart).childOf(cell, anchor);
    // the anchor elsewhere (before the cell: what was placed so far came before it): first in the cell
    if (!block) return blocks.length ? { ref: blocks[0]!, where: "before" } : null;
    return blocks.indexOf(block) < blocks.length - 1 ? { ref: block, where: "after" } : null;
  }

  /** The table that comes right after `anchor`'s block in the body (the body's first block when `anchor` is null), or null. */
  private tableAfter(anchor: XmlElement | null): XmlElement | null {
    const body = this.body();
    const ref = anchor ? this.index(this.mainPart).childOf(body, anchor) : null;
    if (anchor && !ref) return null;
    for (let k = ref ? body.children.indexOf(ref) + 1 : 0; k < body.children.length; k++) {
      const c = body.children[k]!;
      if (c.type === "element") return c.name === "w:tbl" ? c : null;
    }
    return null;
  }

  private deletedOld: Set<number> | null = null;

  /** Whether every non-empty old paragraph below `el` belongs to a deleted entry. */
  private allDeleted(el: XmlElement): boolean {
    if (!this.deletedOld) {
      this.deletedOld = new Set();
      for (const c of this.delta.clauses) if (c.status === "deleted" || this.brokenMoves.has(c)) for (const i of c.old!.paragraphs) this.deletedOld.add(i);
    }
    const byEl = this.sourceIndex("old");
    const deleted = this.deletedOld;
    return everyParagraph(el, (x) => {
      const i = byEl.get(x);
      return i === undefined || !nonEmpty(this.oldR.doc, i) || deleted.has(i);
    });
  }

  private readonly sourceIndexes: { old?: Map<XmlElement, number>; new?: Map<XmlElement, number> } = {};

  /** Each paragraph element the reader read on one side, to its paragraph index; built once (it was rebuilt per deleted cell). */
  private sourceIndex(side: "old" | "new"): Map<XmlElement, number> {
    let map = this.sourceIndexes[side];
    if (!map) {
      map = new Map();
      const sources = (side === "old" ? this.oldR : this.newR).sources;
      for (let i = 0; i < sources.length; i++) map.set(sources[i]!.elements[0]!, i);
      this.sourceIndexes[side] = map;
    }
    return map;
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
    const byEl = this.sourceIndex("new");
    const marked = new Set<XmlElement>();
    for (const tr of rows) {
      const all = everyParagraph(tr, (x) => {
        const i = byEl.get(x);
        return i === undefined || !nonEmpty(this.newR.doc, i) || this.addedParagraphs.has(i);
      });
      if (all) {
        this.revs.markRow(tr, "w:ins");
        marked.add(tr);
      }
    }
    // a table that came whole: its rows without any text came with it (rejecting must not leave them behind)
    const tables = new Set<XmlElement>();
    for (const tr of marked) {
      const tbl = ix.ancestor(tr, "w:tbl");
      if (tbl) tables.add(tbl);
    }
    for (const tbl of tables) {
      const rows = findChildren(tbl, "w:tr");
      if (!rows.every((tr) => marked.has(tr) || !paragraphHasText(tr))) continue;
      for (const tr of rows) if (!marked.has(tr)) this.revs.markRow(tr, "w:ins");
      this.markSeparatorBefore(tbl);
    }
  }

  /**
   * A table inserted right after another needs an empty paragraph between the two, or Word reads them
   * as one table: that paragraph came with the inserted table, and its mark is marked inserted, as Word
   * marks it (rejecting left it behind: the empty paragraph is no entry's text). Only an empty
   * paragraph standing between two tables, with an unmarked mark.
   */
  private markSeparatorBefore(tbl: XmlElement): void {
    const parent = this.index(this.mainPart).parent(tbl);
    const sep = separatorBefore(parent, tbl);
    // rejecting joins it to the paragraph after the table: none when the table ends its container
    const blocks = parent ? blocksOf(parent) : [];
    if (!sep || blocks[blocks.length - 1] === tbl || markIsMarked(sep) || hasSectionBreak(sep)) return;
    // only when the empty paragraphs after the table before it outnumber OLD's after that table: OLD may have had
    // the one that now stands between the two (then one after the inserted table, if any, is the new one)
    const at = blocks.indexOf(tbl);
    const oldBefore = this.oldCounterpartTable(blocks[at - 2]!);
    const oldParent = oldBefore ? this.oldIndex.parent(oldBefore) : null;
    if (!oldBefore || !oldParent) return;
    const oldBlocks = blocksOf(oldParent);
    if (1 + emptiesFrom(blocks, at + 1) <= emptiesFrom(oldBlocks, oldBlocks.indexOf(oldBefore) + 1)) return;
    this.revs.markParagraph(sep, "w:ins");
  }

  /** The old table one of NEW's tables stands for: the table of the old paragraph paired with one of its cells' paragraphs (not a nested table's). */
  private oldCounterpartTable(newTbl: XmlElement): XmlElement | null {
    const newToOld = this.paragraphPairs().newToOld;
    const byEl = this.sourceIndex("new");
    for (const tr of findChildren(newTbl, "w:tr")) {
      for (const tc of findChildren(tr, "w:tc")) {
        for (const p of findChildren(tc, "w:p")) {
          const j = byEl.get(p);
          const i = j === undefined ? -1 : newToOld[j]!;
          if (i >= 0) return this.oldIndex.ancestor(this.oldEl(i), "w:tbl");
        }
      }
    }
    return null;
  }

  private body(): XmlElement {
    const root = documentElement(this.newR.trees.get(this.mainPart)!);
    return findChild(root, "w:body") ?? root;
  }

  /**
   * Puts each deleted note copy where its reference falls among the others:
   * LibreOffice gives the notes of a part to the references in document order,
   * whatever their ids, so a copy left at the end of the part would lend its
   * text to another reference.
   */
  private orderNoteCopies(): void {
    if (!this.noteIds.size) return;
    for (const kind of ["footnote", "endnote"] as const) {
      const copies = new Set([...this.noteIds].filter(([key]) => key.startsWith(`${kind}:`)).map(([, id]) => id));
      const part = copies.size ? this.notesPart(this.newR, kind) : null;
      if (!part) continue;
      const refName = kind === "footnote" ? "w:footnoteReference" : "w:endnoteReference";
      const rank = new Map<string, number>();
      walkElements(this.body(), (el) => {
        if (el.name !== refName) return;
        const id = getAttr(el, "w:id");
        if (id !== null && !rank.has(id)) rank.set(id, rank.size);
      });
      const root = documentElement(this.newR.trees.get(part)!);
      const noteName = `w:${kind}`;
      const isCopy = (c: XmlNode): boolean => c.type === "element" && c.name === noteName && copies.has(getAttr(c, "w:id") ?? "");
      const pending = (root.children.filter(isCopy) as XmlElement[]).sort((a, b) => (rank.get(getAttr(a, "w:id")!) ?? Infinity) - (rank.get(getAttr(b, "w:id")!) ?? Infinity));
      const out: XmlNode[] = [];
      for (const c of root.children) {
        if (isCopy(c)) continue;
        const r = c.type === "element" && c.name === noteName ? rank.get(getAttr(c, "w:id") ?? "") : undefined;
        while (r !== undefined && pending.length && (rank.get(getAttr(pending[0]!, "w:id")!) ?? Infinity) < r) out.push(pending.shift()!);
        out.push(c);
      }
      root.children = [...out, ...pending];
    }
  }

  /**
   * A styles part for NEW, which has none, to hold the styles OLD's text carries over: OLD's root element (its
   * namespaces) with those styles only, so NEW's own text keeps the application's defaults it had. Not made when
   * none is carried, or when the name is taken by something else; its relationship and content type are added
   * when the package is written.
   */
  private createStylesPart(oldStyles: XmlDocument): void {
    const name = this.freeNameBesideMain("styles.xml");
    if (name === null) return;
    const oldRoot = documentElement(oldStyles);
    const made = newXml(element(oldRoot.name, oldRoot.attrs.map(([n, v]) => [n, v]), []));
    if (carryStyles(oldStyles, made, this.usedStyles).length === 0) return;
    this.newR.trees.set(name, made);
    this.createdParts.set(name, "style");
    this.touched.add(name);
  }

  /** `file` in the main part's folder, the name of a part made for NEW; null if NEW already has a part of that name. */
  private freeNameBesideMain(file: string): string | null {
    const name = `${this.mainPart.slice(0, this.mainPart.lastIndexOf("/") + 1)}${file}`;
    return this.newPkg.has(name) || this.newR.trees.has(name) ? null : name;
  }

  /** The main part's relationship to each part made here (notes, styles), and its content type. */
  private registerParts(): void {
    // a Strict document names relationship types in its own namespace
    const typeBase = this.additions.isStrict(this.mainPart) ? "http://purl.oclc.org/ooxml/officeDocument/relationships/" : "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    for (const [name, kind] of [...this.createdParts].sort(([a], [b]) => (a < b ? -1 : 1))) {
      this.additions.addRelationship(this.mainPart, `${typeBase}${kind}s`, name, false);
      this.additions.declare(name, CREATED_CONTENT_TYPE(kind), false);
    }
  }

  private serialize(pkg: DocxPackage): TrackedResult {
    const replaced = new Map<string, Uint8Array>();
    if (this.usedStyles.size) {
      const stylesName = [...this.newR.trees.keys()].find((n) => /styles\.xml$/i.test(n) && !/stylesWithEffects/i.test(n));
      const oldStyles = [...this.oldR.trees.entries()].find(([n]) => /styles\.xml$/i.test(n) && !/stylesWithEffects/i.test(n))?.[1] ?? null;
      const current = stylesName ? this.newR.trees.get(stylesName)! : null;
      // carrying edits NEW's styles: a tree shared with a reading other than OLD's gets its own first (one shared with OLD's has all OLD's styles)
      const newStyles: XmlDocument | null = current && current !== oldStyles ? ownTree(this.newPkg, this.newR.trees, stylesName!)! : current;
      if (stylesName) {
        if (carryStyles(oldStyles, newStyles, this.usedStyles).length) this.touched.add(stylesName);
      } else if (oldStyles) this.createStylesPart(oldStyles);
    }
    this.orderNoteCopies();
    for (const part of [...this.touched].sort()) replaced.set(part, serializeXmlBytes(this.newR.trees.get(part)!));
    this.registerParts();
    for (const [name, bytes] of this.additions.written(serializeXmlBytes)) replaced.set(name, bytes);
    void this.lastMoveName;
    return { bytes: writePackage(pkg, replaced), messages: this.messages };
  }
}

/** The content type of a part made for NEW: notes, or styles (the same pattern: "footnotes+xml", "styles+xml"). */
const CREATED_CONTENT_TYPE = (kind: NoteKind | "style") => `application/vnd.openxmlformats-officedocument.wordprocessingml.${kind}s+xml`;

/**
 * The line two paragraphs share (the same line of an entry's text on each side) as kept text: the part of it that
 * stands in both paragraphs' texts (a label computed by numbering is in the line but not in the paragraph's text).
 */
function keptLine(old: SideParagraph, now: SideParagraph): KeptText | null {
  const length = now.text.length - now.offset;
  if (length !== old.text.length - old.offset) return null;
  const cut = Math.max(0, -now.offset, -old.offset);
  return length > cut ? { at: now.offset + cut, line: 0, from: old.offset + cut, length: length - cut } : null;
}

function lastParagraph(el: XmlElement): XmlElement | null {
  let found: XmlElement | null = null;
  walkElements(el, (x) => {
    if (x.name === "w:p") found = x;
  });
  return found;
}

/** Whether `test` holds for every paragraph below `el` (nested ones included), stopping at the first that fails. */
function everyParagraph(el: XmlElement, test: (p: XmlElement) => boolean): boolean {
  for (const c of el.children) {
    if (c.type !== "element") continue;
    if (c.name === "w:p" && !test(c)) return false;
    if (!everyParagraph(c, test)) return false;
  }
  return true;
}

/** The number of columns in a table's grid. */
function gridColumns(tbl: XmlElement): number {
  const grid = findChild(tbl, "w:tblGrid");
  return grid ? findChildren(grid, "w:gridCol").length : 0;
}

/**
 * The grid column each cell of a row starts at (gridBefore and earlier cells' spans counted), up to
 * the first cell in a wrapper (w:sdt, w:customXml), whose place the row no longer says.
 */
function cellColumns(tr: XmlElement): Map<XmlElement, number> {
  const trPr = findChild(tr, "w:trPr");
  const before = trPr ? findChild(trPr, "w:gridBefore") : null;
  let col = before ? Number(getAttr(before, "w:val") ?? 0) || 0 : 0;
  const out = new Map<XmlElement, number>();
  for (const c of tr.children) {
    if (c.type !== "element") continue;
    if (c.name === "w:sdt" || c.name === "w:customXml") break;
    if (c.name !== "w:tc") continue;
    out.set(c, col);
    const tcPr = findChild(c, "w:tcPr");
    const span = tcPr ? findChild(tcPr, "w:gridSpan") : null;
    col += span ? Number(getAttr(span, "w:val") ?? 1) || 1 : 1;
  }
  return out;
}

/** The cell of `tr` starting at grid column `col`, or null. */
function cellAtColumn(tr: XmlElement, col: number): XmlElement | null {
  for (const [tc, at] of cellColumns(tr)) if (at === col) return tc;
  return null;
}

/** Whether a paragraph shows anything: text, a tab, a picture, an equation, a field. */
function paragraphHasContent(p: XmlElement): boolean {
  let found = false;
  walkElements(p, (x) => {
    // a text element with no text shows nothing (a run left when its only word went)
    if (CONTENT.has(x.name) && !((x.name === "w:t" || x.name === "w:delText") && x.children.every((c) => c.type === "text" && c.text === ""))) found = true;
  });
  return found;
}

const CONTENT = new Set(["w:t", "w:delText", "w:tab", "w:sym", "w:drawing", "w:pict", "w:object", "m:oMath", "m:oMathPara", "w:fldChar", "w:fldSimple", "w:footnoteReference", "w:endnoteReference", "w:br"]);

/** Whether any text (not just spaces) stands below `p`, a paragraph or a row. */
function paragraphHasText(p: XmlElement): boolean {
  let found = false;
  walkElements(p, (x) => {
    if (x.name === "w:t" && x.children.some((c) => c.type === "text" && c.text.trim() !== "")) found = true;
  });
  return found;
}

/** Whether a paragraph ends a section (`w:pPr/w:sectPr`). */
function hasSectionBreak(p: XmlElement): boolean {
  const pPr = findChild(p, "w:pPr");
  return pPr !== null && findChild(pPr, "w:sectPr") !== null;
}

/** Whether a paragraph's mark already carries a revision (inserted, deleted or moved). */
function markIsMarked(p: XmlElement): boolean {
  const rPr = findChild(findChild(p, "w:pPr") ?? p, "w:rPr");
  return rPr !== null && rPr.children.some((c) => c.type === "element" && (c.name === "w:ins" || c.name === "w:del" || c.name === "w:moveFrom" || c.name === "w:moveTo"));
}

/** The element before `el` among `parent`'s children, property elements and bookmarks passed over, or null. */
function blockBefore(parent: XmlElement, el: XmlElement): XmlElement | null {
  for (let k = parent.children.indexOf(el) - 1; k >= 0; k--) {
    const c = parent.children[k]!;
    if (c.type === "element" && !c.name.endsWith("Pr") && c.name !== "w:bookmarkStart" && c.name !== "w:bookmarkEnd") return c;
  }
  return null;
}

/** Whether a paragraph holds a revision: its mark's (`w:pPr/w:rPr`), or one of its runs'. */
function hasRevision(p: XmlElement): boolean {
  let found = false;
  walkElements(p, (x) => {
    if (x.name === "w:ins" || x.name === "w:del" || x.name === "w:moveFrom" || x.name === "w:moveTo") found = true;
  });
  return found;
}

/** Whether a paragraph holds a text box. */
function holdsTextBox(p: XmlElement): boolean {
  let found = false;
  walkElements(p, (x) => {
    if (x.name === "w:txbxContent") found = true;
  });
  return found;
}

/** The empty paragraphs of a stretch of blocks, and its first and last paragraphs (of any kind). */
interface Gap {
  empties: XmlElement[];
  /** paragraphs with text stepped over (inserted or deleted whole) */
  stepped: number;
  first: XmlElement | null;
  last: XmlElement | null;
}

/**
 * Where two paragraphs part: their lowest common ancestor and its two children holding them (each paragraph
 * itself, or the table it stands in). Null when one holds the other.
 */
function gapOf(ix: ParentIndex, a: XmlElement, b: XmlElement): { parent: XmlElement; from: XmlElement; to: XmlElement } | null {
  const chain = new Map<XmlElement, XmlElement | null>();
  let below: XmlElement | null = null;
  for (let x: XmlElement | null = a; x; below = x, x = ix.parent(x)) chain.set(x, below);
  let to = b;
  for (let y = ix.parent(b); y; to = y, y = ix.parent(y)) {
    if (!chain.has(y)) continue;
    const from = chain.get(y)!;
    return from ? { parent: y, from, to } : null;
  }
  return null;
}

/** The empty paragraph standing between table `tbl` (a child of `parent`) and a table right before it, if any. */
function separatorBefore(parent: XmlElement | null, tbl: XmlElement): XmlElement | null {
  if (!parent) return null;
  const blocks = blocksOf(parent);
  const at = blocks.indexOf(tbl);
  const sep = at >= 2 ? blocks[at - 1]! : null;
  return sep && sep.name === "w:p" && blocks[at - 2]!.name === "w:tbl" && !paragraphHasContent(sep) ? sep : null;
}

/** A body's, cell's or note's blocks: its paragraphs, tables and block content controls. */
function blocksOf(parent: XmlElement): XmlElement[] {
  return parent.children.filter((c): c is XmlElement => c.type === "element" && (c.name === "w:p" || c.name === "w:tbl" || c.name === "w:sdt"));
}

/** How many truly empty paragraphs (no content, no section break) stand in a row in `blocks` from index `from`. */
function emptiesFrom(blocks: XmlElement[], from: number): number {
  let n = 0;
  for (let k = from; k < blocks.length; k++) {
    const b = blocks[k]!;
    if (b.name !== "w:p" || paragraphHasContent(b) || hasSectionBreak(b)) break;
    n++;
  }
  return n;
}

/** Whether paragraph `i` of one reading and `j` of another spell their properties alike, as read (or both have none). */
function sameSpelling(a: PropertySpellings, i: number, b: PropertySpellings, j: number): boolean {
  const x = a.source[i];
  const y = b.source[j];
  if (!x || !y) return false;
  const from = a.from[i]!;
  const at = b.from[j]!;
  if (from < 0 || at < 0) return from === at;
  const length = a.to[i]! - from;
  if (length !== b.to[j]! - at) return false;
  const p = x.bytes;
  const q = y.bytes;
  if (p !== null && q !== null) {
    // a UTF-8 part is read one byte a character: its bytes say it (typed arrays: no megamorphic string access;
    // rangesEqual, which makes a Node view of the array per call, took twice as long on spans this short)
    for (let k = 0; k < length; k++) if (p[from + k] !== q[at + k]) return false;
    return true;
  }
  // a decoded part and a byte-read one are not compared (the text counts in other units): the trees are
  if (p !== null || q !== null) return false;
  for (let k = 0; k < length; k++) if (charCodeAt.call(x.text, from + k) !== charCodeAt.call(y.text, at + k)) return false;
  return true;
}

/** Called through a constant: see serialize.ts (strings of many representations make `s.charCodeAt` megamorphic). */
const charCodeAt = String.prototype.charCodeAt;

/**
 * Whether two paragraphs' base properties say the same, list references taken as equal when both are in a list
 * (markPropertyChanges). Walks both lists in step, without making them (this runs for every pair).
 */
function sameProperties(a: XmlElement | null, b: XmlElement | null): boolean {
  const xs = a?.children ?? [];
  const ys = b?.children ?? [];
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < xs.length && !isBaseProperty(xs[i]!)) i++;
    while (j < ys.length && !isBaseProperty(ys[j]!)) j++;
    if (i === xs.length || j === ys.length) return i === xs.length && j === ys.length;
    const x = xs[i++] as XmlElement;
    const y = ys[j++] as XmlElement;
    if (x.name === "w:numPr" && y.name === "w:numPr" && inList(x) && inList(y)) {
      const level = (numPr: XmlElement) => {
        const ilvl = findChild(numPr, "w:ilvl");
        return ilvl ? getAttr(ilvl, "w:val") : null;
      };
      if (level(x) !== level(y)) return false;
    } else if (!sameElement(x, y)) return false;
  }
}

/** Whether a `w:numPr` puts its paragraph in a list (numId 0 takes it out of its style's). */
function inList(numPr: XmlElement): boolean {
  const numId = findChild(numPr, "w:numId");
  const id = numId ? getAttr(numId, "w:val") : null;
  return id !== null && id !== "0";
}

/** Whether an entry's edit inserts or deletes a paragraph end (splits or joins paragraphs). */
function endsChanged(c: DeltaClause): boolean {
  return c.status === "modified" && (c.inline ?? []).some((op) => op.op !== "equal" && op.text.includes("\n"));
}
