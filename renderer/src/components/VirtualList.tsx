// A virtualized list that follows the newest row unless the user scrolled up; then it
// shows "Jump to latest". Rows have one height, or (measure) each its own, measured
// as it renders (wrapped log lines). DOM rows stay bounded by the viewport however
// many items there are.
import type { KeyboardEvent, ReactNode } from 'react';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Rect, Virtualizer } from '@tanstack/react-virtual';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useFixedRows } from './fixed-rows';

export interface VirtualListProps {
  count: number;
  /** The row height, or the estimate for a row not measured yet when `measure` is on. */
  rowHeight: number;
  /** Rows size to their content (measured), for wrapped text. */
  measure?: boolean;
  renderRow: (index: number) => ReactNode;
  /** The key of a measured row (`measure`), so a measurement follows its item; rows of one height are keyed by position. */
  getKey?: (index: number) => string | number;
  /** Used until the element has a size (and always where there is no layout, as in tests). */
  initialRect?: Rect;
  /** Keep the newest row in view when new rows arrive (until the user scrolls up). */
  follow?: boolean;
  /** Bump to scroll to the newest row and resume following. */
  jumpSignal?: number;
  onFollowingChange?: (following: boolean) => void;
  /** Rows were added above the others (a new id each time): the rows in view stay where they are. */
  prepended?: { rows: number; id: number };
  label: string;
  /**
   * One tab stop for the whole list (the listbox pattern): arrow keys, Home/End and
   * PageUp/PageDown move the active row, which aria-activedescendant names; Enter
   * activates it. Rows stay out of the tab order.
   */
  active?: { index: number; onChange: (index: number) => void; onEnter: (index: number) => void; rowId: (index: number) => string };
  role?: string;
  testId?: string;
  className?: string;
}

const FALLBACK_RECT: Rect = { width: 800, height: 600 };

function observeRect(fallback: Rect) {
  return (instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: Rect) => void) => {
    const el = instance.scrollElement;
    if (!el) return;
    const measure = () => {
      const height = el.clientHeight;
      cb(height > 0 ? { width: el.clientWidth, height } : fallback);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  };
}

export function VirtualList(props: VirtualListProps) {
  const { count, rowHeight, renderRow, getKey, follow = true, onFollowingChange } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);
  const rect = props.initialRect ?? FALLBACK_RECT;
  // Rows of one height are windowed by arithmetic (fixed-rows.ts); only measured rows
  // need the general virtualizer, which is given no rows otherwise.
  const measured = props.measure === true;
  const fixed = useFixedRows(scrollRef, { count: measured ? 0 : count, rowHeight, overscan: 8, initialHeight: rect.height });
  const tanstack = useVirtualizer<HTMLDivElement, Element>({
    count: measured ? count : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    initialRect: rect,
    observeElementRect: observeRect(rect),
    getItemKey: getKey ?? ((i) => i),
  });
  const virtualizer = {
    scrollToIndex: (index: number, o: { align: 'end' | 'auto' }) =>
      measured ? tanstack.scrollToIndex(index, o) : fixed.scrollToIndex(index, o.align),
  };

  const setFollow = useCallback(
    (f: boolean) => {
      setFollowing((prev) => {
        if (prev !== f) onFollowingChange?.(f);
        return f;
      });
    },
    [onFollowingChange],
  );

  const onScroll = useCallback(() => {
    if (!measured) fixed.onScroll();
    const el = scrollRef.current;
    if (!el || el.clientHeight === 0) return;
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight;
    setFollow(atBottom);
  }, [rowHeight, setFollow, measured, fixed.onScroll]);

  useLayoutEffect(() => {
    if (follow && following && count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, [count, follow, following]);

  const prependId = props.prepended?.id ?? 0;
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const rows = props.prepended?.rows ?? 0;
    if (!el || rows === 0 || prependId === 0) return;
    el.scrollTop += rows * rowHeight;
    if (!measured) fixed.onScroll();
  }, [prependId]);

  useEffect(() => {
    if (props.jumpSignal === undefined || props.jumpSignal === 0) return;
    setFollow(true);
    if (count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
    // Only a new signal should jump, not a new count.
  }, [props.jumpSignal]);

  const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rect.height) / rowHeight) - 1);
  const onActiveKey = (e: KeyboardEvent<HTMLDivElement>): boolean => {
    const a = props.active;
    if (!a || count === 0) return false;
    const i = Math.min(Math.max(a.index, 0), count - 1);
    const moves: Record<string, number> = {
      ArrowDown: i + 1,
      ArrowUp: i - 1,
      Home: 0,
      End: count - 1,
      PageDown: i + pageRows,
      PageUp: i - pageRows,
    };
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      a.onEnter(i);
      return true;
    }
    if (!(e.key in moves)) return false;
    e.preventDefault();
    const next = Math.min(Math.max(moves[e.key]!, 0), count - 1);
    // Moving off the newest row stops following, as scrolling up does.
    setFollow(next === count - 1);
    a.onChange(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    return true;
  };

  // Arrow keys move focus between rows; the overscan keeps the neighbour rendered
  // and focusing it scrolls it into view.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (onActiveKey(e)) return;
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const row = (e.target as HTMLElement).closest<HTMLElement>('.vlist-row');
    if (!row) return;
    const next = Number(row.dataset.index) + (e.key === 'ArrowDown' ? 1 : -1);
    const target = scrollRef.current?.querySelector<HTMLElement>(`.vlist-row[data-index="${next}"] [tabindex]`);
    if (!target) return;
    e.preventDefault();
    target.focus();
  };

  const jump = () => {
    setFollow(true);
    if (count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  };

  const items = measured
    ? tanstack.getVirtualItems().map((it) => ({ index: it.index, start: it.start, key: it.key }))
    : // Rows of one height are keyed by position: when a full buffer drops its oldest
      // item under a flood, every index shows a new item, and the rows on screen keep
      // their elements and only change their text instead of all being replaced (new
      // elements to style, lay out and paint, bench:ui's longest frames).
      fixed.rows.map((r) => ({ ...r, key: r.index }));
  const totalSize = measured ? tanstack.getTotalSize() : fixed.totalSize;
  return (
    <div className={`vlist ${props.className ?? ''}`}>
      <div
        ref={scrollRef}
        className="vlist-scroll"
        onScroll={onScroll}
        onKeyDown={onKeyDown}
        tabIndex={0}
        role={props.role ?? 'list'}
        aria-label={props.label}
        aria-activedescendant={
          props.active && count > 0 ? props.active.rowId(Math.min(Math.max(props.active.index, 0), count - 1)) : undefined
        }
        aria-rowcount={props.role === 'grid' || props.role === 'table' ? count : undefined}
        data-testid={props.testId}
      >
        <div className="vlist-inner" style={{ height: totalSize }}>
          {items.map((it) => (
            <div
              key={it.key}
              ref={measured ? tanstack.measureElement : undefined}
              className="vlist-row"
              data-index={it.index}
              style={measured ? { transform: `translateY(${it.start}px)` } : { height: rowHeight, transform: `translateY(${it.start}px)` }}
            >
              {renderRow(it.index)}
            </div>
          ))}
        </div>
      </div>
      {follow && !following && count > 0 && (
        <button type="button" className="btn btn-sm jump-latest" onClick={jump} data-testid={`${props.testId ?? 'list'}-jump`}>
          ↓ Jump to latest
        </button>
      )}
    </div>
  );
}
