// The one way a search's regular expression is compiled: RE2 semantics (re2js), so
// matching time is linear in the text and a pattern like ^(a+)+$ cannot backtrack for
// ever. The query, and the payload worker that tests large payloads, both use it.
import { RE2JS } from 're2js';

/** Throws the engine's own error (with its message) for an invalid pattern. */
export const compileSearchRegex = (pattern: string): RE2JS => RE2JS.compile(RE2JS.translateRegExp(pattern), RE2JS.CASE_INSENSITIVE);
