// Pretty, collapsible JSON: objects and arrays toggle with a button (keyboard too).
// Children render lazily, a page at a time, so a payload with 100,000 keys opens at once.
import { useState } from 'react';
import { CHILDREN_PAGE, childCount, entriesOf, jsonKind, openByDefault, scalarText, summary } from '../util/json-tree';

function Node({ name, value, depth }: { name: string | null; value: unknown; depth: number }) {
  const kind = jsonKind(value);
  const [open, setOpen] = useState(openByDefault(depth));
  const [shown, setShown] = useState(CHILDREN_PAGE);
  const keyPart = name !== null && <span className="json-key">{name}: </span>;
  if (kind !== 'object' && kind !== 'array') {
    return (
      <div className="json-row" role="treeitem" aria-selected={false}>
        {keyPart}
        <span className={`json-${kind}`}>{scalarText(value)}</span>
      </div>
    );
  }
  const total = childCount(value);
  const entries = open ? entriesOf(value, shown) : [];
  const more = Math.min(CHILDREN_PAGE, total - entries.length);
  return (
    <div className="json-node" role="treeitem" aria-expanded={open} aria-selected={false}>
      <button
        type="button"
        className="json-toggle"
        onClick={() => setOpen(!open)}
        aria-label={`${open ? 'Collapse' : 'Expand'} ${name ?? 'root'}`}
      >
        <span aria-hidden="true">{open ? '▾' : '▸'}</span>
        {keyPart}
        {!open && <span className="json-summary">{summary(value)}</span>}
        {open && <span className="json-brace">{kind === 'array' ? '[' : '{'}</span>}
      </button>
      {open && (
        <div className="json-children" role="group">
          {entries.map(([k, v]) => (
            <Node key={k} name={k} value={v} depth={depth + 1} />
          ))}
          {more > 0 && (
            <button
              type="button"
              className="btn btn-sm btn-ghost json-more"
              onClick={() => setShown(shown + CHILDREN_PAGE)}
              data-testid="json-more"
            >
              Show {more.toLocaleString()} more ({entries.length.toLocaleString()} of {total.toLocaleString()} shown)
            </button>
          )}
          <div className="json-brace">{kind === 'array' ? ']' : '}'}</div>
        </div>
      )}
    </div>
  );
}

export function JsonTree({ value }: { value: unknown }) {
  return (
    <div className="json-tree mono" role="tree" aria-label="Message payload" data-testid="json-tree">
      <Node name={null} value={value} depth={0} />
    </div>
  );
}
