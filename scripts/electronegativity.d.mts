export const OFFLINE_EXCLUSIONS: string[];
export interface FindingRow {
  severity: string;
  confidence: string;
  id: string;
  file: string;
  line: string;
  description: string;
}
export function findingRows(issues: unknown[]): FindingRow[];
export function stage(bundleDir?: string): { dir: string; electronVersion: string };
export function scan(
  dir: string,
  electronVersion: string,
): Promise<{
  checks: { global: number; atomic: number };
  rows: FindingRow[];
  failing: FindingRow[];
  parseErrors: { file: string; message: string }[];
  warnings: { file: string; message: string }[];
}>;
