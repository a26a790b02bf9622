import type { TableCell } from "@redline/core";
import { findChild, type XmlElement } from "../xml/tree.js";
import type { DroppedKind } from "./embedded.js";
import { createTextContext, paragraphText, type TextContext, type TextPiece } from "./paragraph-text.js";
import { cellHidden, paragraphMarkRemoved, rowHidden, type View } from "./view.js";
import { keepShape } from "@redline/core";

/**
 * Walks a story (the body, a note, a cell, a text box) block by block and
 * turns its `w:p` elements into the paragraphs a view shows:
 * - a paragraph whose mark the view removes runs on into the next paragraph
 *   of the same story level; the merged paragraph keeps the properties of the
 *   mark that survives (the last one);
 * - when no paragraph follows (a table or the end of the cell or story comes
 *   first) it stays a paragraph of its own, unless nothing of it is left, in
 *   which case it is gone (as Open-XML-PowerTools' accept-all and reject-all
 *   leave it; see RP042 and RP049 in the corpus);
 * - rows and cells the view removes disappear, and a table is counted only
 *   once one of its rows is visible;
 * - content controls and custom XML around blocks, rows and cells are transparent.
 * Text boxes found in a paragraph are read as stories right after it.
 */

export interface StoryParagraph {
  /** The `w:p` elements merged into this paragraph, in document order (usually one). */
  elements: XmlElement[];
  /** Element-index path of the first of them, from the part's root element. */
  path: number[];
  /** The `w:p` whose mark ends the paragraph: its properties are the paragraph's. */
  mark: XmlElement;
  table: TableCell | null;
  text: string;
  pieces: TextPiece[];
}

export interface StoryHooks {
  paragraph(p: StoryParagraph): void;
  noteReference(kind: "footnote" | "endnote", id: string, customMark: string | null): void;
  dropped(kind: DroppedKind): void;
  /** A story ended inside a field: if it ended inside the field's code, the text after the field's start was hidden. */
  unclosedField(): void;
}

interface Unit {
  p: XmlElement;
  path: number[];
}

interface Sequence {
  pending: Unit[];
  table: TableCell | null;
  ctx: TextContext;
}

interface QueuedTextBox {
  box: XmlElement;
  paragraph: XmlElement;
}

const BLOCK_WRAPPERS = new Set(["w:customXml", "w:sdtContent"]);

/**
 * Element children with their element indexes, looking through content controls and custom XML wrappers.
 * A list rather than a generator: a generator's iterator and result objects were 2 MB of the 50 MB a
 * Q.850 comparison allocates (one per table row and cell).
 */
function elementsThrough(container: XmlElement, path: number[], wanted: string, out: Unit[] = []): Unit[] {
  let index = -1;
  for (const child of container.children) {
    if (child.type !== "element") continue;
    index++;
    if (child.name === wanted) out.push({ p: child, path: [...path, index] });
    else if (child.name === "w:sdt" || BLOCK_WRAPPERS.has(child.name)) elementsThrough(child, [...path, index], wanted, out);
  }
  return out;
}

/** Element-index path from `from` down to `target`, or null if it is not below it. */
function relativePath(from: XmlElement, target: XmlElement): number[] | null {
  let index = -1;
  for (const child of from.children) {
    if (child.type !== "element") continue;
    index++;
    if (child === target) return [index];
    const below = relativePath(child, target);
    if (below) return [index, ...below];
  }
  return null;
}

export class StoryReader {
  private tableCount = 0;

  constructor(
    private readonly view: View,
    private readonly hooks: StoryHooks,
  ) {}

  /** Reads a whole story; fields never span stories, so each starts with none open. */
  readStory(container: XmlElement, path: number[], table: TableCell | null = null): void {
    const ctx = createTextContext(this.view);
    ctx.onNoteReference = (kind, id, mark) => this.hooks.noteReference(kind, id, mark);
    ctx.onDropped = (kind) => this.hooks.dropped(kind);
    this.readSequence(container, path, table, ctx);
    if (ctx.fields.length > 0) this.hooks.unclosedField();
  }

  private readSequence(container: XmlElement, path: number[], table: TableCell | null, ctx: TextContext): void {
    const seq: Sequence = { pending: [], table, ctx };
    this.readBlocks(seq, container, path);
    this.flush(seq, true);
  }

  private readBlocks(seq: Sequence, container: XmlElement, path: number[]): void {
    let index = -1;
    for (const child of container.children) {
      if (child.type !== "element") continue;
      index++;
      switch (child.name) {
        case "w:p":
          seq.pending.push({ p: child, path: [...path, index] });
          if (!paragraphMarkRemoved(child, this.view)) this.flush(seq, false);
          break;
        case "w:tbl":
          this.flush(seq, true);
          this.readTable(child, [...path, index], seq.ctx);
          break;
        case "w:sdt": {
          const content = findChild(child, "w:sdtContent");
          const inner = content ? relativePath(child, content) : null;
          if (content && inner) this.readBlocks(seq, content, [...path, index, ...inner]);
          break;
        }
        case "w:customXml":
          this.readBlocks(seq, child, [...path, index]);
          break;
        case "w:altChunk":
          this.hooks.dropped("altChunk");
          break;
      }
    }
  }

  private readTable(tbl: XmlElement, path: number[], ctx: TextContext): void {
    let ordinal: number | null = null;
    let row = 0;
    for (const tr of elementsThrough(tbl, path, "w:tr")) {
      if (rowHidden(tr.p, this.view)) continue;
      ordinal ??= this.tableCount++;
      let cell = 0;
      for (const tc of elementsThrough(tr.p, tr.path, "w:tc")) {
        if (cellHidden(tc.p, this.view)) continue;
        this.readSequence(tc.p, tc.path, { table: ordinal, row, cell }, ctx);
        cell++;
      }
      row++;
    }
  }

  private flush(seq: Sequence, boundary: boolean): void {
    const units = seq.pending;
    if (units.length === 0) return;
    seq.pending = [];
    const boxes: QueuedTextBox[] = [];
    let references = 0;
    const { ctx } = seq;
    const previousReference = ctx.onNoteReference;
    ctx.onTextBox = (box, paragraph) => boxes.push({ box, paragraph });
    ctx.onNoteReference = (kind, id, mark) => {
      references++;
      previousReference?.(kind, id, mark);
    };
    let text = "";
    let pieces: TextPiece[] = [];
    for (const unit of units) {
      const part = paragraphText(unit.p, ctx);
      const offset = text.length;
      // the first pieces are taken as they are, array and all (nearly every paragraph stands alone); later ones shift by the text before them
      if (pieces.length === 0 && offset === 0) pieces = part.pieces;
      else for (const piece of part.pieces) pieces.push(offset === 0 ? piece : { ...piece, start: piece.start + offset, end: piece.end + offset });
      text += part.text;
    }
    ctx.onTextBox = null;
    ctx.onNoteReference = previousReference;
    const last = units[units.length - 1] as Unit;
    if (boundary && text === "" && boxes.length === 0 && references === 0) return;
    this.hooks.paragraph({ elements: units.map((u) => u.p), path: (units[0] as Unit).path, mark: last.p, table: seq.table, text, pieces });
    for (const { box, paragraph } of boxes) {
      const unit = units.find((u) => u.p === paragraph);
      const inner = unit ? relativePath(paragraph, box) : null;
      if (unit && inner) this.readStory(box, [...unit.path, ...inner]);
    }
  }
}

keepShape(new StoryReader("accepted", { paragraph() {}, noteReference() {}, dropped() {}, unclosedField() {} }));
