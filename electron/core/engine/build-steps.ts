// Build progress by step: the engine's builder says "Step 3/7 : RUN pip install ..."
// before each instruction. Every output line of a build is reported with the step it
// belongs to, so the UI shows "3 of 7" and a bar, not only the last line.

export interface BuildStep {
  n: number;
  of: number;
  /** The instruction, as the builder wrote it. */
  instruction: string;
}

const STEP = /^Step (\d+)\/(\d+) : (.*)$/;

export function buildStepOf(line: string): BuildStep | null {
  const m = STEP.exec(line);
  return m ? { n: Number(m[1]), of: Number(m[2]), instruction: m[3] as string } : null;
}

/** Follows a build's output: the current step, and each line's progress message. */
export class BuildSteps {
  private step: BuildStep | null = null;

  /** The progress to report for one output line: its text, prefixed by the step, with the step count. */
  line(text: string): { message: string; current?: number; total?: number } {
    const step = buildStepOf(text);
    if (step) this.step = step;
    const s = this.step;
    if (!s) return { message: text };
    return { message: step ? `step ${s.n}/${s.of}: ${s.instruction}` : `step ${s.n}/${s.of}: ${text}`, current: s.n, total: s.of };
  }
}
