// What a person types into search, as an FTS5 query: every word must appear (each is
// quoted, so FTS5's operators and punctuation in the text are never syntax), and a
// trailing `*` keeps its meaning of "starts with".
import { AppError } from '../../../shared/result';

export function ftsQuery(text: string): string {
  const words = text
    .split(/\s+/)
    .map((w) => w.trim())
    .filter(Boolean);
  const terms = words
    .map((w) => {
      const prefix = w.length > 1 && w.endsWith('*');
      const bare = (prefix ? w.slice(0, -1) : w).replace(/"/g, '""');
      return bare.replace(/""/g, '').trim() ? `"${bare}"${prefix ? '*' : ''}` : null;
    })
    .filter((t): t is string => t !== null);
  if (!terms.length) throw new AppError('BAD_REQUEST', `Nothing to search for in "${text}": type a word`);
  return terms.join(' ');
}
