export interface ReportedTest {
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  reason: string;
}
export const SKIP_REASON: RegExp;
export function vitestTests(report: unknown): ReportedTest[];
export function playwrightTests(report: unknown): ReportedTest[];
export function unexplainedSkips(tests: ReportedTest[]): ReportedTest[];
export function tally(tests: ReportedTest[]): { passed: number; failed: number; skipped: number };
