/**
 * What the page derives from a Delta to show it: the document's structure
 * for the navigator (sections, nested by their keys: "res-2/considering"
 * sits under "res-2"), the list of changes with the categories the filters
 * use, and the rows of the document view (with runs of unchanged entries
 * folded when asked).
 */
import type { DeltaClause, DeltaSide } from "@redline/core";
import { foldUnchanged, isTouched } from "@redline/render";

export type Category = "modified" | "added" | "deleted" | "moved" | "renumbered";
export const CATEGORIES: readonly Category[] = ["modified", "added", "deleted", "moved", "renumbered"];
export const CATEGORY_NAMES: Record<Category, string> = {
  modified: "Modified",
  added: "Added",
  deleted: "Deleted",
  moved: "Moved",
  renumbered: "Renumbered",
};

export function mainSide(c: DeltaClause): DeltaSide {
  return (c.new ?? c.old)!;
}

/** The kinds of change an entry shows; an entry can be both modified and moved, or only renumbered. */
export function categories(c: DeltaClause): Category[] {
  const out: Category[] = [];
  if (c.status !== "unchanged") out.push(c.status);
  // a note reference added, removed or moved here, or its text formatted otherwise, changes the clause though not its words
  else if (c.noteReferences || c.formatting) out.push("modified");
  if (c.moved) out.push("moved");
  if (c.renumbered) out.push("renumbered");
  return out;
}

export interface SectionNode {
  /** the full key ("res-2/considering"); "" for the root */
  key: string;
  title: string;
  /** indices of the Delta entries directly in this section, in Delta order */
  entries: number[];
  children: SectionNode[];
  /** touched entries in this section and below */
  changes: number;
  /** all entries in this section and below */
  size: number;
}

const FIXED_TITLES: Record<string, string> = { head: "Title", footnote: "Footnotes", notes: "Notes", endnote: "Endnotes", preamble: "Preamble" };

/** The sections of the document, nested by key, in order of first appearance. */
export function sectionTree(clauses: readonly DeltaClause[]): SectionNode {
  const root: SectionNode = { key: "", title: "", entries: [], children: [], changes: 0, size: 0 };
  const byKey = new Map<string, SectionNode>([["", root]]);
  const node = (key: string): SectionNode => {
    const found = byKey.get(key);
    if (found) return found;
    const cut = key.lastIndexOf("/");
    const parent = node(cut < 0 ? "" : key.slice(0, cut));
    const created: SectionNode = { key, title: "", entries: [], children: [], changes: 0, size: 0 };
    parent.children.push(created);
    byKey.set(key, created);
    return created;
  };
  clauses.forEach((c, i) => node(mainSide(c).section).entries.push(i));
  const finish = (n: SectionNode): void => {
    n.size = n.entries.length;
    n.changes = n.entries.reduce((k, i) => k + (isTouched(clauses[i]!) ? 1 : 0), 0);
    for (const child of n.children) {
      finish(child);
      n.size += child.size;
      n.changes += child.changes;
    }
    n.title = sectionTitle(n, clauses);
  };
  finish(root);
  return root;
}

function sectionTitle(n: SectionNode, clauses: readonly DeltaClause[]): string {
  const last = n.key.slice(n.key.lastIndexOf("/") + 1);
  if (FIXED_TITLES[last]) return FIXED_TITLES[last]!;
  const headings = n.entries.map((i) => mainSide(clauses[i]!)).filter((s) => s.kind === "section-heading" || s.kind === "part-heading");
  if (headings.length > 0) {
    // "SECTION 1" with its title line, "Annex (to Resolution 99 …)", "considering"
    return headings
      .slice(0, 2)
      .map((s) => firstLine(s.text))
      .join(" – ");
  }
  // a resolution in a book: named by its number line
  const head = n.children.find((c) => c.key.endsWith("/head"));
  const numberLine = head?.entries.map((i) => mainSide(clauses[i]!)).find((s) => s.kind === "number-line");
  if (numberLine) return firstLine(numberLine.text);
  return last.replace(/-/g, " ").replace(/^./, (ch) => ch.toUpperCase());
}

export function firstLine(text: string): string {
  const i = text.search(/[\n\v]/);
  return (i < 0 ? text : text.slice(0, i)).trim();
}

/** A short name for an entry in a list: its label, or what it is. */
export function entryName(c: DeltaClause): string {
  const s = mainSide(c);
  if (s.label !== null) return s.label;
  switch (s.kind) {
    case "number-line":
      return "Number line";
    case "title":
      return "Title";
    case "history":
      return "History";
    case "opening":
      return "Opening";
    case "section-heading":
    case "part-heading":
    case "heading":
      return "Heading";
    case "note":
      return "Note";
    case "table-cell":
      return "Table cell";
    default:
      return "Paragraph";
  }
}

export interface Filters {
  categories: ReadonlySet<Category>;
  /** a section key; its subsections are included. null: every section */
  section: string | null;
  query: string;
}

export const NO_FILTERS: Filters = { categories: new Set(CATEGORIES), section: null, query: "" };

export function isFiltered(f: Filters): boolean {
  return f.categories.size !== CATEGORIES.length || f.section !== null || f.query.trim() !== "";
}

/** Indices of the touched entries, in document order. */
export function changeIndices(clauses: readonly DeltaClause[]): number[] {
  const out: number[] = [];
  clauses.forEach((c, i) => {
    if (isTouched(c)) out.push(i);
  });
  return out;
}

const haystacks = new WeakMap<DeltaClause, string>();

function haystack(c: DeltaClause): string {
  let h = haystacks.get(c);
  if (h === undefined) {
    h = [c.old?.id, c.new?.id, c.old?.label, c.new?.label, c.old?.text, c.new?.text].filter((x) => x != null).join("\n").toLowerCase();
    haystacks.set(c, h);
  }
  return h;
}

export function filterChanges(clauses: readonly DeltaClause[], changes: readonly number[], f: Filters): number[] {
  const query = f.query.trim().toLowerCase();
  const section = f.section;
  return changes.filter((i) => {
    const c = clauses[i]!;
    if (!categories(c).some((k) => f.categories.has(k))) return false;
    if (section !== null) {
      const key = mainSide(c).section;
      if (key !== section && !key.startsWith(`${section}/`)) return false;
    }
    return query === "" || haystack(c).includes(query);
  });
}

export type DocRow = { type: "entry"; index: number } | { type: "fold"; index: number; count: number };

/** The document view's rows: every entry, or the changes with `context` entries around them and the rest folded. */
export function docRows(clauses: readonly DeltaClause[], showUnchanged: boolean, expanded: ReadonlySet<number>, context = 0): DocRow[] {
  if (showUnchanged) return clauses.map((_, index) => ({ type: "entry", index }));
  const rows: DocRow[] = [];
  for (const item of foldUnchanged(clauses, context)) {
    if (item.kind === "entry") rows.push({ type: "entry", index: item.index });
    else if (expanded.has(item.index)) for (let i = item.index; i < item.index + item.count; i++) rows.push({ type: "entry", index: i });
    else rows.push({ type: "fold", index: item.index, count: item.count });
  }
  return rows;
}

/** The title of the document on one side, from its "title" entry. */
export function documentTitle(clauses: readonly DeltaClause[], which: "old" | "new"): string | null {
  for (const c of clauses) {
    const s = c[which];
    if (s && s.kind === "title") return s.text;
  }
  return null;
}
