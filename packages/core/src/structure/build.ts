/**
 * Turns per-paragraph decisions into clauses. A profile classifies each
 * paragraph (a new entry of some kind, or a continuation of the current one);
 * this builder does the bookkeeping every profile shares: joining
 * continuations, unique ids, parents and depths.
 */
import type { Clause, ClauseKind, ClauseTree, ProfileName } from "../model/clauses.js";
import type { Doc, Paragraph } from "../model/doc.js";
import { keepShape } from "../runtime/keep-shape.js";

export interface EntryStart {
  type: "start";
  kind: ClauseKind;
  section: string;
  /** id without the uniqueness suffix */
  id: string;
  label: string | null;
  separator: string;
  text: string;
  depth: number;
  parent: string | null;
}

export interface Continuation {
  type: "continue";
  /** the full paragraph text to append after "\n" ("" adds the paragraph without text) */
  text: string;
}

export type Decision = EntryStart | Continuation;

export class TreeBuilder {
  private readonly clauses: Clause[] = [];
  /** ids given out so far (before suffixing), and how often for those given more than once */
  private readonly used = new Set<string>();
  private readonly repeats = new Map<string, number>();
  /** a clause being continued may take empty paragraphs without text */
  private pendingEmpty: number[] = [];

  constructor(
    private readonly profile: ProfileName,
    private readonly doc: Doc,
  ) {}

  get current(): Clause | null {
    return this.clauses[this.clauses.length - 1] ?? null;
  }

  /** Whether an id (before suffixing) is taken on this side. */
  has(id: string): boolean {
    return this.used.has(id);
  }

  add(p: Paragraph, d: Decision): void {
    const cur = this.current;
    if (d.type === "continue" && cur) {
      this.flushEmpty(cur);
      if (d.text !== "") cur.text = cur.text === "" ? d.text : `${cur.text}\n${d.text}`;
      cur.paragraphs.push(p.index);
      return;
    }
    const start: EntryStart =
      d.type === "start"
        ? d
        : { type: "start", kind: "paragraph", section: "body", id: "body/p", label: null, separator: "", text: d.text, depth: 0, parent: null };
    // Empty paragraphs met before this entry belong to the one before it, or to this one at the very start.
    const lead = cur ? null : this.pendingEmpty;
    if (cur) this.flushEmpty(cur);
    else this.pendingEmpty = [];
    // One hash lookup for the usual, first use of an id: add, and see whether the set grew.
    const size = this.used.size;
    this.used.add(start.id);
    let n = 1;
    if (this.used.size === size) {
      n = (this.repeats.get(start.id) ?? 1) + 1;
      this.repeats.set(start.id, n);
    }
    this.clauses.push({
      type: "clause",
      kind: start.kind,
      id: n === 1 ? start.id : `${start.id}~${n}`,
      section: start.section,
      label: start.label,
      text: start.text,
      depth: start.depth,
      parent: start.parent,
      paragraphs: lead === null || lead.length === 0 ? [p.index] : [...lead, p.index],
      labelSeparator: start.label === null ? "" : start.separator,
    });
  }

  /** Empty paragraphs met so far go to `cur`; called per paragraph, so no iterator and no new array when there are none. */
  private flushEmpty(cur: Clause): void {
    const pending = this.pendingEmpty;
    if (pending.length === 0) return;
    for (let i = 0; i < pending.length; i++) cur.paragraphs.push(pending[i]!);
    this.pendingEmpty = [];
  }

  /** An empty paragraph: kept with a neighbouring entry, contributes no text. */
  addEmpty(p: Paragraph): void {
    this.pendingEmpty.push(p.index);
  }

  finish(title: string | null): ClauseTree {
    const cur = this.current;
    if (cur) this.flushEmpty(cur);
    else if (this.pendingEmpty.length) {
      this.clauses.push({
        type: "clause",
        kind: "paragraph",
        id: "body/empty",
        section: "body",
        label: null,
        text: "",
        depth: 0,
        parent: null,
        paragraphs: this.pendingEmpty,
        labelSeparator: "",
      });
    }
    this.pendingEmpty = [];
    return { type: "clause-tree", profile: this.profile, name: this.doc.name, title, clauses: this.clauses };
  }
}

/** Unique id helper for sections: "considering", then "considering~2". */
export class KeySet {
  private readonly seen = new Map<string, number>();
  take(key: string): string {
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    return n === 1 ? key : `${key}~${n}`;
  }
}

/** The entry for a table cell's paragraphs: one entry per cell. */
export function cellId(p: Paragraph): string {
  const t = p.table!;
  return `table${t.table + 1}/r${t.row + 1}c${t.cell + 1}`;
}

export function sameCell(a: Paragraph | null, b: Paragraph): boolean {
  return !!a?.table && !!b.table && a.table.table === b.table.table && a.table.row === b.table.row && a.table.cell === b.table.cell;
}

keepShape(new TreeBuilder("plain", { type: "doc", name: null, format: "text", paragraphs: [], notes: [], hasRevisions: false, messages: [] }));

keepShape(new KeySet());
