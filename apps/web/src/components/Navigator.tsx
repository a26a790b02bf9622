/**
 * The clause navigator: the document's structure as a tree (sections, then
 * their entries), each touched entry with its ITU marker and its moved or
 * renumbered badge. A tree in the ARIA sense: one tab stop, arrows to move,
 * Right/Left to open and close a section, Enter to go to the entry.
 */
import type { DeltaClause } from "@redline/core";
import { isTouched } from "@redline/render";
import { useEffect, useMemo, useState } from "preact/hooks";
import { entryName, firstLine, mainSide, type SectionNode } from "../lib/model.js";
import { Badge } from "./Redline.js";
import { VirtualList, type ScrollRequest } from "./VirtualList.js";

type NavRow =
  | { kind: "section"; id: string; node: SectionNode; level: number; pos: number; size: number; parent: string | null }
  | { kind: "entry"; id: string; index: number; level: number; pos: number; size: number; parent: string | null };

const sectionId = (key: string) => `nav-s-${key}`;
const entryId = (index: number) => `nav-e-${index}`;

function flatten(root: SectionNode, collapsed: ReadonlySet<string>): NavRow[] {
  const out: NavRow[] = [];
  const walk = (node: SectionNode, level: number, parent: string | null) => {
    const size = node.entries.length + node.children.length;
    let pos = 0;
    for (const index of node.entries) out.push({ kind: "entry", id: entryId(index), index, level, pos: ++pos, size, parent });
    for (const child of node.children) {
      const id = sectionId(child.key);
      out.push({ kind: "section", id, node: child, level, pos: ++pos, size, parent });
      if (!collapsed.has(child.key)) walk(child, level + 1, id);
    }
  };
  walk(root, 1, null);
  return out;
}

/** Keys of the sections that hold entry `index`, outermost first. */
function ancestors(root: SectionNode, index: number): string[] {
  const path: string[] = [];
  const find = (node: SectionNode): boolean => {
    if (node.entries.includes(index)) return true;
    for (const child of node.children) {
      path.push(child.key);
      if (find(child)) return true;
      path.pop();
    }
    return false;
  };
  find(root);
  return path;
}

interface Props {
  root: SectionNode;
  clauses: readonly DeltaClause[];
  current: number | null;
  /** an entry was chosen: bring it into view in the document */
  onSelect: (index: number) => void;
}

export function Navigator({ root, clauses, current, onSelect }: Props) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [active, setActive] = useState<string | null>(null);
  const [request, setRequest] = useState<{ id: string; align: ScrollRequest["align"]; seq: number } | null>(null);
  useEffect(() => {
    setCollapsed(new Set());
    setActive(null);
  }, [root]);

  const rows = useMemo(() => flatten(root, collapsed), [root, collapsed]);
  const rowIndex = useMemo(() => new Map(rows.map((r, i) => [r.id, i])), [rows]);

  const reveal = (id: string, align: ScrollRequest["align"] = "nearest") => {
    setActive(id);
    setRequest((r) => ({ id, align, seq: (r?.seq ?? 0) + 1 }));
  };

  // follow the current change: open its sections and show it
  useEffect(() => {
    if (current === null) return;
    const keys = ancestors(root, current);
    if (keys.some((k) => collapsed.has(k))) {
      setCollapsed((c) => new Set([...c].filter((k) => !keys.includes(k))));
    }
    reveal(entryId(current));
  }, [current, root]);

  // the row asked for may only exist once its sections are open: resolve the request against the current rows
  const resolved: ScrollRequest | null = request ? { index: rowIndex.get(request.id) ?? -1, align: request.align, seq: request.seq } : null;

  const toggle = (key: string, open?: boolean) =>
    setCollapsed((c) => {
      const next = new Set(c);
      const isOpen = !c.has(key);
      if (open ?? !isOpen) next.delete(key);
      else next.add(key);
      return next;
    });

  const activate = (row: NavRow) => {
    if (row.kind === "section") toggle(row.node.key);
    else onSelect(row.index);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (rows.length === 0) return;
    const i = active !== null && rowIndex.has(active) ? rowIndex.get(active)! : -1;
    const row = i >= 0 ? rows[i]! : null;
    const go = (j: number) => reveal(rows[Math.max(0, Math.min(rows.length - 1, j))]!.id);
    switch (e.key) {
      case "ArrowDown":
        go(i + 1);
        break;
      case "ArrowUp":
        go(i < 0 ? 0 : i - 1);
        break;
      case "Home":
        go(0);
        break;
      case "End":
        go(rows.length - 1);
        break;
      case "ArrowRight":
        if (row?.kind === "section") {
          if (collapsed.has(row.node.key)) toggle(row.node.key, true);
          else go(i + 1);
        }
        break;
      case "ArrowLeft":
        if (row?.kind === "section" && !collapsed.has(row.node.key)) toggle(row.node.key, false);
        else if (row?.parent) reveal(row.parent);
        break;
      case "Enter":
      case " ":
        if (row) activate(row);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const renderRow = (i: number) => {
    const row = rows[i]!;
    const isActive = row.id === active;
    const indent = { paddingLeft: `${0.5 + (row.level - 1) * 0.9}rem` };
    if (row.kind === "section") {
      const open = !collapsed.has(row.node.key);
      return (
        <div
          role="treeitem"
          id={row.id}
          aria-level={row.level}
          aria-posinset={row.pos}
          aria-setsize={row.size}
          aria-expanded={open}
          aria-selected={false}
          class={`nav-row nav-section${isActive ? " active" : ""}`}
          style={indent}
          onClick={() => {
            setActive(row.id);
            toggle(row.node.key);
          }}
        >
          <span class="twisty" aria-hidden="true">
            {open ? "▾" : "▸"}
          </span>
          <span class="nav-title">{row.node.title}</span>
          {row.node.changes > 0 && (
            <span class="nav-count">
              {row.node.changes}
              <span class="visually-hidden"> {row.node.changes === 1 ? "change" : "changes"}</span>
            </span>
          )}
        </div>
      );
    }
    const c = clauses[row.index]!;
    const side = mainSide(c);
    const touched = isTouched(c);
    const isCurrent = row.index === current;
    return (
      <div
        role="treeitem"
        id={row.id}
        aria-level={row.level}
        aria-posinset={row.pos}
        aria-setsize={row.size}
        aria-selected={isCurrent}
        aria-current={isCurrent ? "true" : undefined}
        class={`nav-row nav-entry${touched ? " touched" : ""}${isActive ? " active" : ""}${isCurrent ? " current" : ""}`}
        style={indent}
        onClick={() => {
          setActive(row.id);
          onSelect(row.index);
        }}
      >
        <span class="nav-label">{entryName(c)}</span>
        <span class="nav-text">{firstLine(side.text).slice(0, 90)}</span>
        {touched && (
          <span class="nav-marks">
            {c.marker !== "NOC" && <Badge marker={c.marker} />}
            {c.moved && (
              <span class="mini-tag" title="moved">
                ⇅<span class="visually-hidden"> moved</span>
              </span>
            )}
            {c.renumbered && (
              <span class="mini-tag" title={`renumbered ${c.old?.label ?? ""} → ${c.new?.label ?? ""}`}>
                {c.old?.label ?? "–"}→{c.new?.label ?? "–"}
                <span class="visually-hidden"> renumbered</span>
              </span>
            )}
          </span>
        )}
      </div>
    );
  };

  const allOpen = collapsed.size === 0;
  const sectionKeys = () => {
    const keys: string[] = [];
    const walk = (n: SectionNode) => n.children.forEach((c) => (keys.push(c.key), walk(c)));
    walk(root);
    return keys;
  };

  return (
    <div class="panel nav-panel">
      <div class="panel-head">
        <h2 id="nav-title">Structure</h2>
        <button type="button" class="link-button" onClick={() => setCollapsed(allOpen ? new Set(sectionKeys()) : new Set())}>
          {allOpen ? "Collapse all" : "Expand all"}
        </button>
      </div>
      <VirtualList
        class="list-scroller tree"
        role="tree"
        aria-labelledby="nav-title"
        aria-activedescendant={active !== null && rowIndex.has(active) ? active : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (active === null && rows.length > 0) setActive(rows[0]!.id);
        }}
        count={rows.length}
        estimate={() => 30}
        renderRow={renderRow}
        layoutKey={rows}
        scrollRequest={resolved}
        overscan={300}
      />
    </div>
  );
}
