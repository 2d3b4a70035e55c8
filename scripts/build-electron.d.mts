import type { BuildOptions } from 'esbuild';
export const ROOT: string;
export const OUT_DIR: string;
export const targets: BuildOptions[];
export function buildElectron(outDir?: string): Promise<void>;
export function watchElectron(onBuild?: (errors: unknown[]) => void): Promise<() => Promise<unknown>>;
