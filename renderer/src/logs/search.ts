// Log search: case-insensitive substring, counted over plain text and highlighted
// inside ANSI segments without losing their style.
import type { Segment } from './ansi';

export interface MarkedSegment extends Segment {
  match: boolean;
}

function occurrences(hay: string, needle: string): number[] {
  const at: number[] = [];
  if (!needle) return at;
  const h = hay.toLowerCase();
  const n = needle.toLowerCase();
  for (let i = h.indexOf(n); i !== -1; i = h.indexOf(n, i + n.length)) at.push(i);
  return at;
}

export function countMatches(text: string, query: string): number {
  return occurrences(text, query).length;
}

export function countMatchesIn(lines: Iterable<string>, query: string): { matches: number; lines: number } {
  let matches = 0;
  let hitLines = 0;
  if (!query) return { matches, lines: hitLines };
  for (const l of lines) {
    const c = countMatches(l, query);
    matches += c;
    if (c > 0) hitLines++;
  }
  return { matches, lines: hitLines };
}

/** Splits segments at match boundaries; a match may span several segments. */
export function highlight(segments: Segment[], query: string): MarkedSegment[] {
  const plain = segments.map((s) => s.text).join('');
  const hits = occurrences(plain, query);
  if (hits.length === 0) return segments.map((s) => ({ ...s, match: false }));
  const inMatch = (pos: number) => hits.some((h) => pos >= h && pos < h + query.length);
  const out: MarkedSegment[] = [];
  let pos = 0;
  for (const seg of segments) {
    let start = 0;
    for (let i = 1; i <= seg.text.length; i++) {
      const boundary = i === seg.text.length || inMatch(pos + i) !== inMatch(pos + start);
      if (boundary) {
        out.push({ text: seg.text.slice(start, i), style: seg.style, match: inMatch(pos + start) });
        start = i;
      }
    }
    pos += seg.text.length;
  }
  return out;
}
