// Files a client uploads to import, held as temporary files until the last piece has
// come: the page (over IPC or over serve) has no path the core could read, only the
// bytes. Each upload is bounded in size, in number and in how long it may sit idle, so
// a client that goes away, or sends too much, costs nothing lasting and nobody else.
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportChunk } from '../../../shared/history';
import { LIMITS } from '../../../shared/rules';
import { AppError } from '../../../shared/result';

interface Upload {
  id: string;
  name: string;
  file: string;
  bytes: number;
  idle: ReturnType<typeof setTimeout>;
}

export interface UploadLimits {
  maxBytes: number;
  open: number;
  idleMs: number;
}

const DEFAULT_LIMITS: UploadLimits = { maxBytes: LIMITS.importMaxBytes, open: LIMITS.importsOpen, idleMs: LIMITS.importIdleMs };
const MiB = 1024 * 1024;

export class ImportUploads {
  private readonly uploads = new Map<string, Upload>();
  private dir: string | null = null;

  /** `parent`: where the uploads' temporary folder is made (the system's by default). */
  constructor(
    private readonly limits: UploadLimits = DEFAULT_LIMITS,
    private readonly parent = tmpdir(),
  ) {}

  /** Adds a piece; the first (no `upload`) starts an upload. */
  chunk({ upload, name, data }: ImportChunk): { upload: string; bytes: number } {
    const bytes = Buffer.from(data, 'base64');
    const u = upload === undefined ? this.start(name) : this.get(upload);
    if (u.bytes + bytes.length > this.limits.maxBytes) {
      this.cancel(u.id);
      throw new AppError(
        'IMPORT_INVALID',
        `${u.name} is larger than the ${Math.round(this.limits.maxBytes / MiB)} MB the app imports (the CLI's history --import takes any size)`,
      );
    }
    appendFileSync(u.file, bytes);
    u.bytes += bytes.length;
    u.idle.refresh();
    return { upload: u.id, bytes: u.bytes };
  }

  /**
   * Hands the complete file to `use` (the import), then removes it whatever happens.
   * The upload is taken first: a second finish, or a late chunk, finds no upload.
   */
  async finish<T>(upload: string, use: (file: string, name: string) => Promise<T>): Promise<T> {
    const u = this.get(upload);
    this.uploads.delete(upload);
    clearTimeout(u.idle);
    try {
      return await use(u.file, u.name);
    } finally {
      rmSync(u.file, { force: true });
    }
  }

  cancel(upload: string): boolean {
    const u = this.uploads.get(upload);
    if (!u) return false;
    this.uploads.delete(upload);
    clearTimeout(u.idle);
    rmSync(u.file, { force: true });
    return true;
  }

  /** Uploads in progress (tests, and a limit that must hold). */
  get size(): number {
    return this.uploads.size;
  }

  close(): void {
    for (const id of [...this.uploads.keys()]) this.cancel(id);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }

  private start(name: string): Upload {
    if (this.uploads.size >= this.limits.open)
      throw new AppError('TOO_MANY_REQUESTS', `${this.limits.open} imports are already being uploaded; try again when one has finished`);
    const id = randomBytes(12).toString('hex');
    // Readable by the user only: an export holds the agents' messages.
    this.dir ??= mkdtempSync(join(this.parent, 'atom-desktop-import-'));
    const file = join(this.dir, id);
    writeFileSync(file, '', { mode: 0o600 });
    const idle = setTimeout(() => this.cancel(id), this.limits.idleMs);
    idle.unref?.();
    const u: Upload = { id, name, file, bytes: 0, idle };
    this.uploads.set(id, u);
    return u;
  }

  private get(upload: string): Upload {
    const u = this.uploads.get(upload);
    if (!u)
      throw new AppError(
        'NOT_FOUND',
        `No import upload ${upload} (it finished, was cancelled, or sat idle past ${this.limits.idleMs / 1000} s)`,
      );
    return u;
  }
}
