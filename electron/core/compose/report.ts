// Collects problems and warnings while the merged model is normalized, and finds
// where a key path came from: the last -f file that defines it wins, as in merging.
import type { ComposeProblem, ComposeWarning } from './model';
import { formatPath, type PathSeg, type Pos, type YamlSource } from './yaml-source';

export class Reporter {
  readonly problems: ComposeProblem[] = [];
  readonly warnings: ComposeWarning[] = [];
  private readonly sources: YamlSource[];

  constructor(sources: YamlSource[]) {
    this.sources = sources;
  }

  locate(path: readonly PathSeg[], key = false): { file: string; pos: Pos | null } {
    for (let n = path.length; n >= 0; n--) {
      const sub = path.slice(0, n);
      for (let i = this.sources.length - 1; i >= 0; i--) {
        const src = this.sources[i] as YamlSource;
        if (src.has(sub)) return { file: src.file, pos: key ? src.keyPos(sub) : src.valuePos(sub) };
      }
    }
    return { file: this.sources[0]?.file ?? '', pos: null };
  }

  problem(path: readonly PathSeg[], message: string, key = false): void {
    const { file, pos } = this.locate(path, key);
    this.problems.push({ file, line: pos?.line ?? null, column: pos?.column ?? null, path: formatPath(path), message });
  }

  warn(path: readonly PathSeg[], message: string): void {
    const { file, pos } = this.locate(path, true);
    const w: ComposeWarning = { message, file, path: formatPath(path) };
    if (pos) w.line = pos.line;
    this.warnings.push(w);
  }
}
