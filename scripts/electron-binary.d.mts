export function electronBinary(root: string, env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): string | null;
export function electronEnv(env: NodeJS.ProcessEnv, extra?: Record<string, string>): Record<string, string | undefined>;
