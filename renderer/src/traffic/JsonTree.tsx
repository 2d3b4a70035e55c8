// Pretty, collapsible JSON: objects and arrays toggle with a button (keyboard too).
// A node holds pages of its children, from a source: the parsed value when the payload
// came whole, or the core a page at a time when it was too large to send (a 100,000-key
// payload then costs what is on screen, in the core as in the page).
import { useState } from 'react';
import type { JsonEntry, JsonPage } from '../../../shared/traffic';
import { LIMITS } from '../../../shared/rules';
import { entrySummary, openByDefault, pageOfValue, scalarText, valueAtPath } from '../../../shared/json-tree';

/** Where pages come from: at once from a value, or asynchronously from the core. */
export interface TreeSource {
  page(path: number[], offset: number): JsonPage | null | Promise<JsonPage>;
}

export const valueSource = (value: unknown): TreeSource => ({ page: (path, offset) => pageOfValue(valueAtPath(value, path), offset) });

function Scalar({ entry }: { entry: JsonEntry }) {
  return (
    <div className="json-row" role="treeitem" aria-selected={false}>
      <span className="json-key">{entry.key}: </span>
      <span className={`json-${entry.kind}`}>{scalarText(entry.value)}</span>
      {entry.cut !== undefined && (
        <span className="muted small"> … {entry.cut.toLocaleString()} more characters (Copy JSON has them all)</span>
      )}
    </div>
  );
}

interface NodeProps {
  name: string | null;
  kind: 'object' | 'array';
  size: number;
  /** The first page, when it came with the parent (or from a value, at once). */
  initial: JsonPage | null;
  path: number[];
  depth: number;
  source: TreeSource;
}

function firstPageNow(p: NodeProps): JsonPage | null {
  if (p.initial || !openByDefault(p.depth) || p.size === 0) return p.initial;
  const page = p.source.page(p.path, 0);
  return page instanceof Promise ? null : page;
}

function Container(props: NodeProps) {
  const { name, kind, size, path, depth, source } = props;
  const [entries, setEntries] = useState<JsonEntry[] | null>(() => firstPageNow(props)?.entries ?? null);
  const [open, setOpen] = useState(entries !== null || (depth === 0 && size === 0));
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = (offset: number) => {
    const add = (page: JsonPage | null) => setEntries((prev) => [...(offset === 0 ? [] : (prev ?? [])), ...(page?.entries ?? [])]);
    const page = source.page(path, offset);
    if (!(page instanceof Promise)) return add(page);
    setLoading(true);
    setError(null);
    page.then(add, (e: Error) => setError(e.message)).finally(() => setLoading(false));
  };
  const toggle = () => {
    if (!open && entries === null && size > 0) load(0);
    setOpen(!open);
  };

  const shown = entries ?? [];
  const more = Math.min(LIMITS.jsonTreePage, size - shown.length);
  const keyPart = name !== null && <span className="json-key">{name}: </span>;
  return (
    <div className="json-node" role="treeitem" aria-expanded={open} aria-selected={false}>
      <button type="button" className="json-toggle" onClick={toggle}>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span>
        {/* The action is part of the name a screen reader hears, the key and summary too. */}
        <span className="visually-hidden">{open ? 'Collapse' : 'Expand'} </span>
        {name === null && <span className="visually-hidden">root</span>}
        {keyPart}
        {!open && <span className="json-summary">{entrySummary({ kind, size })}</span>}
        {open && <span className="json-brace">{kind === 'array' ? '[' : '{'}</span>}
      </button>
      {open && (
        <div className="json-children" role="group">
          {shown.map((e, i) =>
            e.kind === 'object' || e.kind === 'array' ? (
              <Container
                key={i}
                name={e.key}
                kind={e.kind}
                size={e.size ?? 0}
                initial={e.page ?? null}
                path={[...path, i]}
                depth={depth + 1}
                source={source}
              />
            ) : (
              <Scalar key={i} entry={e} />
            ),
          )}
          {loading && <div className="muted small">Loading…</div>}
          {error && (
            <div className="callout tone-bad small" role="alert">
              {error}
            </div>
          )}
          {more > 0 && !loading && entries !== null && (
            <button type="button" className="btn btn-sm btn-ghost json-more" onClick={() => load(shown.length)} data-testid="json-more">
              Show {more.toLocaleString()} more ({shown.length.toLocaleString()} of {size.toLocaleString()} shown)
            </button>
          )}
          <div className="json-brace">{kind === 'array' ? ']' : '}'}</div>
        </div>
      )}
    </div>
  );
}

/** A tree over a parsed value, or over the core's pages when `root` (the first page) is given. */
export function JsonTree({ value, root, source }: { value?: unknown; root?: JsonPage; source?: TreeSource }) {
  const src = source ?? valueSource(value);
  const first = root ?? src.page([], 0);
  return (
    <div className="json-tree mono" role="tree" aria-label="Message payload" data-testid="json-tree">
      {first && !(first instanceof Promise) ? (
        <Container name={null} kind={first.kind} size={first.total} initial={first} path={[]} depth={0} source={src} />
      ) : (
        <div className="json-row">{scalarText(value)}</div>
      )}
    </div>
  );
}
