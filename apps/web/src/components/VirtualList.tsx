/**
 * A scrolling list that puts in the page only the rows on screen (and a
 * screenful around them), so a 250,000-word document costs the same to show
 * as a short one. Rows have their own heights: each starts from an estimate,
 * is measured once rendered (ResizeObserver) and keeps its measured height.
 * When rows above the one at the top of the view change height, the view is
 * moved by the difference, so what the reader is looking at stays put.
 */
import type { ComponentChildren, JSX } from "preact";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";

export interface ScrollRequest {
  index: number;
  align: "center" | "nearest" | "start";
  /** a new number asks again for the same index */
  seq: number;
}

export interface VirtualListProps extends Omit<JSX.HTMLAttributes<HTMLDivElement>, "onScroll" | "ref"> {
  count: number;
  /** a first guess of a row's height in pixels, given the list's width */
  estimate: (index: number, width: number) => number;
  renderRow: (index: number) => ComponentChildren;
  /** a different value forgets every measured height (the rows changed meaning) */
  layoutKey: unknown;
  scrollRequest?: ScrollRequest | null;
  /** pixels rendered beyond each edge of the view */
  overscan?: number;
  /** the element inside the scroller that holds the rows (e.g. to give it a role) */
  innerProps?: JSX.HTMLAttributes<HTMLDivElement>;
  /** called with the range of rows rendered */
  onRange?: (first: number, last: number) => void;
  scrollerRef?: { current: HTMLDivElement | null };
  /** shown above the rows and kept in view (column headings) */
  header?: ComponentChildren;
}

export function VirtualList(props: VirtualListProps) {
  const { count, estimate, renderRow, layoutKey, scrollRequest, overscan = 600, innerProps, onRange, scrollerRef, header, ...outer } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 800, width: 800 });
  const [, setVersion] = useState(0);
  const sizes = useRef({ gen: 0, key: undefined as unknown, count: -1, width: -1, heights: new Float64Array(0), measured: new Uint8Array(0), offsets: new Float64Array(1) });
  const frame = useRef(0);
  // the sticky header covers the top of the view: rows are visible below it
  const headerEl = useRef<HTMLDivElement>(null);
  const headerHeight = useRef(0);
  const pending = useRef<{ index: number; align: ScrollRequest["align"]; until: number } | null>(null);

  // heights and offsets, recomputed when the rows change meaning or the width changes
  const s = sizes.current;
  if (s.key !== layoutKey || s.count !== count || Math.abs(s.width - viewport.width) > 1) {
    const keep = s.key === layoutKey && s.count === count;
    const heights = new Float64Array(count);
    const measured = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      if (keep && s.measured[i]) {
        heights[i] = s.heights[i]!;
        measured[i] = 1;
      } else heights[i] = Math.max(1, estimate(i, viewport.width));
    }
    // rows that change meaning are new elements, so that each is observed (and measured) afresh
    if (!keep) s.gen++;
    s.key = layoutKey;
    s.count = count;
    s.width = viewport.width;
    s.heights = heights;
    s.measured = measured;
    s.offsets = prefixSums(heights);
  }
  const total = s.offsets[count] ?? 0;
  const first = Math.max(0, indexAt(s.offsets, viewport.top - overscan));
  const last = Math.min(count - 1, indexAt(s.offsets, viewport.top + viewport.height + overscan));

  useLayoutEffect(() => {
    const el = scroller.current!;
    if (scrollerRef) scrollerRef.current = el;
    const read = () => {
      headerHeight.current = headerEl.current?.offsetHeight ?? 0;
      setViewport({ top: el.scrollTop, height: el.clientHeight, width: el.clientWidth });
    };
    read();
    const ro = new ResizeObserver(read);
    ro.observe(el);
    if (headerEl.current) ro.observe(headerEl.current);
    return () => ro.disconnect();
  }, []);

  useEffect(() => onRange?.(first, last), [first, last]);

  // rows report their real heights; the view keeps its place (or keeps aiming at a requested row)
  const rowObserver = useMemo(
    () =>
      new ResizeObserver((entries) => {
        const el = scroller.current;
        const z = sizes.current;
        if (!el) return;
        const anchor = indexAt(z.offsets, el.scrollTop);
        const anchorShift = el.scrollTop - (z.offsets[anchor] ?? 0);
        let changed = false;
        for (const entry of entries) {
          const target = entry.target as HTMLElement;
          const i = Number(target.dataset.row);
          if (!(i >= 0 && i < z.count)) continue;
          const h = entry.borderBoxSize?.[0]?.blockSize ?? target.offsetHeight;
          if (h > 0 && Math.abs(h - z.heights[i]!) > 0.5) {
            z.heights[i] = h;
            changed = true;
          }
          if (h > 0) z.measured[i] = 1;
        }
        if (!changed) return;
        z.offsets = prefixSums(z.heights);
        const p = pending.current;
        if (p && performance.now() < p.until) el.scrollTop = targetTop(z.offsets, p.index, p.align, el, headerHeight.current);
        else if (el.scrollTop > 0) el.scrollTop = (z.offsets[anchor] ?? 0) + anchorShift;
        setVersion((v) => v + 1);
        setViewport({ top: el.scrollTop, height: el.clientHeight, width: el.clientWidth });
      }),
    [],
  );
  useEffect(() => () => rowObserver.disconnect(), [rowObserver]);

  useLayoutEffect(() => {
    if (!scrollRequest || scrollRequest.index < 0 || scrollRequest.index >= count) return;
    const el = scroller.current!;
    const top = targetTop(sizes.current.offsets, scrollRequest.index, scrollRequest.align, el, headerHeight.current);
    pending.current = { index: scrollRequest.index, align: scrollRequest.align, until: performance.now() + 600 };
    if (Math.abs(top - el.scrollTop) > 1) {
      el.scrollTop = top;
      setViewport({ top: el.scrollTop, height: el.clientHeight, width: el.clientWidth });
    }
  }, [scrollRequest?.seq, scrollRequest?.index, layoutKey]);

  const onScroll = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const el = scroller.current;
      if (el) setViewport((v) => (v.top === el.scrollTop ? v : { top: el.scrollTop, height: el.clientHeight, width: el.clientWidth }));
    });
  };
  // a reader who scrolls takes over from a pending scroll request
  const stopAiming = () => {
    pending.current = null;
  };

  const rows: JSX.Element[] = [];
  for (let i = first; i <= last && count > 0; i++) {
    rows.push(
      <Row key={`${s.gen}:${i}`} index={i} top={s.offsets[i]!} observer={rowObserver}>
        {renderRow(i)}
      </Row>,
    );
  }

  return (
    <div {...outer} ref={scroller} onScroll={onScroll} onWheel={stopAiming} onTouchStart={stopAiming} onMouseDown={stopAiming}>
      {header !== undefined && (
        <div ref={headerEl} class="vheader">
          {header}
        </div>
      )}
      <div {...innerProps} class={`vinner ${innerProps?.class ?? ""}`} style={{ height: `${total}px` }}>
        {rows}
      </div>
    </div>
  );
}

function Row(props: { index: number; top: number; observer: ResizeObserver; children: ComponentChildren }) {
  const el = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const node = el.current!;
    props.observer.observe(node);
    return () => props.observer.unobserve(node);
  }, [props.observer]);
  return (
    <div ref={el} class="vrow" data-row={props.index} style={{ top: `${props.top}px` }}>
      {props.children}
    </div>
  );
}

function prefixSums(heights: Float64Array): Float64Array<ArrayBuffer> {
  const out = new Float64Array(heights.length + 1);
  for (let i = 0; i < heights.length; i++) out[i + 1] = out[i]! + heights[i]!;
  return out;
}

/** The row at vertical position `y` (clamped). */
function indexAt(offsets: Float64Array, y: number): number {
  let lo = 0;
  let hi = offsets.length - 2;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The scrollTop that shows row `index` as asked. Rows sit below the header,
 * which stays at the top of the view: in the rows' coordinates the view
 * starts at scrollTop and is `header` shorter than the scroller.
 */
function targetTop(offsets: Float64Array, index: number, align: ScrollRequest["align"], el: HTMLElement, header: number): number {
  const top = offsets[index] ?? 0;
  const height = (offsets[index + 1] ?? top) - top;
  const view = el.clientHeight - header;
  const max = Math.max(0, (offsets[offsets.length - 1] ?? 0) - view);
  let y: number;
  if (align === "start") y = top - 8;
  else if (align === "center") y = top - Math.max(8, (view - height) / 2);
  else if (top < el.scrollTop + 8) y = top - 8;
  else if (top + height > el.scrollTop + view - 8) y = top + height - view + 8;
  else y = el.scrollTop;
  return Math.min(max, Math.max(0, y));
}
