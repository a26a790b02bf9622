/**
 * The list of changes, with filters (kind of change, section) and a text
 * search. A listbox: one tab stop, the arrows move through the changes and
 * the document follows; n and p do the same from anywhere on the page.
 */
import { excerpt, type DeltaClause } from "@redline/core";
import { address } from "@redline/render";
import { useEffect, useMemo, useState } from "preact/hooks";
import { CATEGORIES, CATEGORY_NAMES, categories, isFiltered, NO_FILTERS, type Category, type Filters, type SectionNode } from "../lib/model.js";
import { Badge, RedlineText, Tags, WordCounts } from "./Redline.js";
import { VirtualList, type ScrollRequest } from "./VirtualList.js";

interface Props {
  clauses: readonly DeltaClause[];
  /** every change (indices into `clauses`), in document order */
  changes: readonly number[];
  /** the changes the filters let through */
  filtered: readonly number[];
  filters: Filters;
  onFilters: (f: Filters) => void;
  sections: SectionNode;
  current: number | null;
  onSelect: (index: number) => void;
  /** check mode: the first `unmarked` entries are unmarked edits */
  unmarked?: number;
  title?: string;
}

interface SectionOption {
  key: string;
  title: string;
  depth: number;
  changes: number;
}

function sectionOptions(root: SectionNode): SectionOption[] {
  const out: SectionOption[] = [];
  const walk = (n: SectionNode, depth: number) => {
    for (const c of n.children) {
      if (c.changes === 0) continue;
      out.push({ key: c.key, title: c.title, depth, changes: c.changes });
      walk(c, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}

export function ChangeList(props: Props) {
  const { clauses, changes, filtered, filters, onFilters, sections, current, onSelect, unmarked, title = "Changes" } = props;
  const [query, setQuery] = useState(filters.query);
  useEffect(() => setQuery(filters.query), [filters.query]);
  // searching a long list on every keystroke would make typing lag
  useEffect(() => {
    if (query === filters.query) return;
    const t = setTimeout(() => onFilters({ ...filters, query }), 120);
    return () => clearTimeout(t);
  }, [query]);

  const counts = useMemo(() => {
    const n: Record<Category, number> = { modified: 0, added: 0, deleted: 0, moved: 0, renumbered: 0 };
    for (const i of changes) for (const k of categories(clauses[i]!)) n[k]++;
    return n;
  }, [clauses, changes]);
  const options = useMemo(() => sectionOptions(sections), [sections]);
  const position = current === null ? -1 : filtered.indexOf(current);
  const [request, setRequest] = useState<ScrollRequest | null>(null);
  useEffect(() => {
    if (position >= 0) setRequest((r) => ({ index: position, align: "nearest", seq: (r?.seq ?? 0) + 1 }));
  }, [position, filtered]);

  const toggle = (k: Category) => {
    const next = new Set(filters.categories);
    if (next.has(k)) next.delete(k);
    else next.add(k);
    onFilters({ ...filters, categories: next });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (filtered.length === 0) return;
    let j: number;
    switch (e.key) {
      case "ArrowDown":
        j = Math.min(filtered.length - 1, position + 1);
        break;
      case "ArrowUp":
        j = Math.max(0, position < 0 ? 0 : position - 1);
        break;
      case "Home":
        j = 0;
        break;
      case "End":
        j = filtered.length - 1;
        break;
      case "Enter":
      case " ":
        j = Math.max(0, position);
        break;
      default:
        return;
    }
    e.preventDefault();
    onSelect(filtered[j]!);
  };

  const renderRow = (i: number) => {
    const index = filtered[i]!;
    const c = clauses[index]!;
    const selected = index === current;
    const isUnmarked = unmarked !== undefined && index < unmarked;
    return (
      <div role="option" id={`chg-${index}`} aria-selected={selected} class={`change-item${selected ? " current" : ""}${isUnmarked ? " unmarked" : ""}`} onClick={() => onSelect(index)}>
        <div class="change-head">
          {isUnmarked && <Badge marker="UNMARKED" />}
          <Badge marker={c.marker} />
          <code class="addr">{address(c)}</code>
          <Tags c={c} />
          <WordCounts c={c} />
        </div>
        <RedlineText class="snippet" ops={excerpt(c, { radius: 40, maxChange: 90 })} />
      </div>
    );
  };

  return (
    <div class="panel changes-panel">
      <div class="panel-head">
        <h2 id="changes-title">{title}</h2>
        <span class="panel-count" aria-live="polite">
          {isFiltered(filters) ? `${filtered.length} of ${changes.length}` : `${changes.length}`}
        </span>
      </div>
      <div class="filters">
        <label class="search">
          <span class="visually-hidden">Search the changes</span>
          <input type="search" id="change-search" placeholder="Search the changes…" aria-keyshortcuts="/" title="Search the changes (press / from anywhere)" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
        </label>
        <fieldset class="chips">
          <legend class="visually-hidden">Kinds of change shown</legend>
          {CATEGORIES.map((k) => (
            <label key={k} class={`chip chip-${k}${filters.categories.has(k) ? " on" : ""}${counts[k] === 0 ? " chip-none" : ""}`}>
              <input type="checkbox" checked={filters.categories.has(k)} onChange={() => toggle(k)} />
              <span>{CATEGORY_NAMES[k]}</span>
              <span class="chip-count">{counts[k]}</span>
            </label>
          ))}
        </fieldset>
        <div class="filter-row">
          <label class="section-filter">
            <span>Section</span>
            <select
              value={filters.section ?? ""}
              onChange={(e) => {
                const v = (e.target as HTMLSelectElement).value;
                onFilters({ ...filters, section: v === "" ? null : v });
              }}
            >
              <option value="">All sections</option>
              {options.map((o) => (
                <option key={o.key} value={o.key}>
                  {"\u2003".repeat(o.depth)}
                  {o.title.length > 60 ? `${o.title.slice(0, 60)}…` : o.title} ({o.changes})
                </option>
              ))}
            </select>
          </label>
          {isFiltered(filters) && (
            <button type="button" class="link-button" onClick={() => onFilters(NO_FILTERS)}>
              Clear filters
            </button>
          )}
        </div>
      </div>
      {filtered.length === 0 ? (
        <p class="empty-list">{changes.length === 0 ? "No changes." : "No change matches these filters."}</p>
      ) : (
        <VirtualList
          class="list-scroller"
          role="listbox"
          aria-labelledby="changes-title"
          aria-activedescendant={current !== null && position >= 0 ? `chg-${current}` : undefined}
          tabIndex={0}
          onKeyDown={onKeyDown}
          count={filtered.length}
          estimate={() => 96}
          renderRow={renderRow}
          layoutKey={filtered}
          scrollRequest={request}
          overscan={400}
        />
      )}
    </div>
  );
}
