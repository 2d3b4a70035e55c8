// Files a client uploads to import, held as temporary files until the last piece has
// come: the page (over IPC or over serve) has no path the core could read, only the
// bytes. Each upload is bounded in size, in number (per client and over all) and in how
// long it may sit idle; it belongs to the client that started it, and goes when that
// client does. So a client that goes away, or sends too much, costs nothing lasting and
// nobody else.
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportChunk } from '../../../shared/history';
import { checkQuota } from '../../../shared/client-quota';
import { LIMITS } from '../../../shared/rules';
import { AppError } from '../../../shared/result';

interface Upload {
  id: string;
  /** The client that started it: only it may add to it, finish or cancel it. */
  owner: string;
  name: string;
  file: string;
  bytes: number;
  idle: ReturnType<typeof setTimeout>;
}

export interface UploadLimits {
  maxBytes: number;
  /** Uploads at once over every client. */
  open: number;
  /** Uploads at once per client. */
  perClient: number;
  idleMs: number;
}

const DEFAULT_LIMITS: UploadLimits = {
  maxBytes: LIMITS.importMaxBytes,
  open: LIMITS.importsOpen,
  perClient: LIMITS.importsPerClient,
  idleMs: LIMITS.importIdleMs,
};
const MiB = 1024 * 1024;

export class ImportUploads {
  private readonly uploads = new Map<string, Upload>();
  private dir: string | null = null;

  /** `parent`: where the uploads' temporary folder is made (the system's by default). */
  constructor(
    private readonly limits: UploadLimits = DEFAULT_LIMITS,
    private readonly parent = tmpdir(),
  ) {}

  /** Adds a piece from `owner`; the first (no `upload`) starts an upload. */
  chunk({ upload, name, data }: ImportChunk, owner: string): { upload: string; bytes: number } {
    const bytes = Buffer.from(data, 'base64');
    const u = upload === undefined ? this.start(name, owner) : this.get(upload, owner);
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
  async finish<T>(upload: string, owner: string, use: (file: string, name: string) => Promise<T>): Promise<T> {
    const u = this.get(upload, owner);
    this.uploads.delete(upload);
    clearTimeout(u.idle);
    try {
      return await use(u.file, u.name);
    } finally {
      rmSync(u.file, { force: true });
    }
  }

  /** `owner`: the client asking (another client's upload is not found); none: the core itself. */
  cancel(upload: string, owner?: string): boolean {
    const u = this.uploads.get(upload);
    if (!u || (owner !== undefined && u.owner !== owner)) return false;
    this.uploads.delete(upload);
    clearTimeout(u.idle);
    rmSync(u.file, { force: true });
    return true;
  }

  /** Uploads in progress (tests, and a limit that must hold). */
  get size(): number {
    return this.uploads.size;
  }

  /** Drops every upload of a client that went away (its window closed, its connection dropped). */
  release(owner: string): void {
    for (const u of [...this.uploads.values()]) if (u.owner === owner) this.cancel(u.id);
  }

  close(): void {
    for (const id of [...this.uploads.keys()]) this.cancel(id);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }

  private start(name: string, owner: string): Upload {
    checkQuota(this.uploads.values(), owner, { total: this.limits.open, perClient: this.limits.perClient }, 'imports uploading');
    const id = randomBytes(12).toString('hex');
    // Readable by the user only: an export holds the agents' messages.
    this.dir ??= mkdtempSync(join(this.parent, 'atom-desktop-import-'));
    const file = join(this.dir, id);
    writeFileSync(file, '', { mode: 0o600 });
    const idle = setTimeout(() => this.cancel(id), this.limits.idleMs);
    idle.unref?.();
    const u: Upload = { id, owner, name, file, bytes: 0, idle };
    this.uploads.set(id, u);
    return u;
  }

  private get(upload: string, owner: string): Upload {
    const u = this.uploads.get(upload);
    // Another client's upload is answered as if it did not exist: its id says nothing.
    if (!u || u.owner !== owner)
      throw new AppError(
        'NOT_FOUND',
        `No import upload ${upload} (it finished, was cancelled, or sat idle past ${this.limits.idleMs / 1000} s)`,
      );
    return u;
  }
}
