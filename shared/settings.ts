import * as z from 'zod';
import { DEFAULT_PATTERNS, LIMITS } from './rules';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const settingsSchema = z.object({
  /** Compose files, in -f order. Empty means the bundled docker-compose-personal.yml. */
  stackFiles: z.array(z.string().min(1)).max(16),
  /** The user chose a stack (the bundled one or a checkout): the first-run choice is not offered again. */
  stackChosen: z.boolean(),
  envFile: z.string().min(1).nullable(),
  patterns: z.array(z.string().min(1).max(256)).min(1).max(32),
  bufferCap: z.number().int().min(LIMITS.bufferCapMin).max(LIMITS.bufferCapMax),
  theme: z.enum(THEMES),
  startOnOpen: z.boolean(),
  quitBehavior: z.enum(['ask', 'stop', 'leave']),
  /** The flight recorder: messages, logs and health kept on disk, one database per stack. */
  recordEnabled: z.boolean(),
  recordMaxMb: z.number().int().min(LIMITS.recordMaxMbMin).max(LIMITS.recordMaxMbMax),
  recordMaxDays: z.number().int().min(1).max(LIMITS.recordMaxDaysMax),
  /**
   * The engine to drive, as DOCKER_HOST names one (unix://, tcp://, ssh://, npipe://);
   * null: as docker finds it (DOCKER_HOST, the current context, the usual sockets).
   */
  engineHost: z
    .string()
    .max(1024)
    .regex(/^(unix|tcp|ssh|npipe|https?):\/\/\S+$/, 'an engine address is unix://PATH, tcp://HOST:PORT, ssh://USER@HOST or npipe://PATH')
    .nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  stackFiles: [],
  stackChosen: false,
  envFile: null,
  patterns: [...DEFAULT_PATTERNS],
  bufferCap: LIMITS.bufferCapDefault,
  theme: 'system',
  startOnOpen: false,
  quitBehavior: 'ask',
  recordEnabled: true,
  recordMaxMb: LIMITS.recordMaxMbDefault,
  recordMaxDays: LIMITS.recordMaxDaysDefault,
  engineHost: null,
};

/** The normalized stack as the UI shows it (environment values flagged when secret). */
export interface ConfigView {
  project: string;
  files: string[];
  envFile: string | null;
  services: {
    name: string;
    image: string | null;
    build: string | null;
    ports: string[];
    dependsOn: string[];
    /** A secret's value is never sent here (null): config.reveal asks for one explicitly. */
    environment: { key: string; value: string | null; secret: boolean; set: boolean; empty: boolean }[];
  }[];
  warnings: string[];
  /** Set when the files could not be loaded: the precise problems. */
  error: string | null;
}

/** An Atom checkout folder as the onboarding sees it; values are never included. */
export interface CheckoutInfo {
  folder: string;
  composeFile: string;
  envFile: string;
  envExists: boolean;
  /** .env.personal, when the checkout ships one. */
  template: string | null;
  /** Variables the compose file requires (\${VAR:?message}), and whether each is set. */
  required: { name: string; message: string; set: boolean; secret: boolean }[];
}

/** The core process's own figures, for the soak test and for "is the app leaking?". */
export interface AppDiagnostics {
  uptimeMs: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** Event-hub subscribers (open windows and WebSocket clients). */
  subscribers: number;
  /** Active handles and requests by kind (Timeout, TCPWRAP, FSReqCallback...), from process.getActiveResourcesInfo(). */
  resources: Record<string, number>;
  /** Messages, log lines and bytes held. */
  messagesKept: number;
  bytesKept: number;
  logLinesKept: number;
}

export type StackSource = 'flags' | 'settings' | 'bundled';

/** The first-run choice is offered while the app runs the bundled stack only by default. */
export const offerStackChoice = (info: Pick<AppInfo, 'stackSource'>, settings: Pick<Settings, 'stackChosen'>): boolean =>
  info.stackSource === 'bundled' && !settings.stackChosen;

export interface AppInfo {
  version: string;
  mode: 'electron' | 'web';
  platform: string;
  project: string | null;
  stackFiles: string[];
  /** Where the files came from: flags or ATOM_DESKTOP_* variables, the user's settings, or the bundled default. */
  stackSource: StackSource;
  /** Things the user should know about since start (a damaged settings file that was kept as a backup). */
  notices: string[];
}
