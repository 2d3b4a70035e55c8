// Wakes the waiting loops of an operation as soon as the engine reports something about
// the project's containers (start, health_status, die...), instead of only on a timer:
// a dependency turning healthy starts its dependents at once.
import type Dockerode from 'dockerode';
import { L } from './labels';

export class ProjectWake {
  private waiters = new Set<() => void>();
  private stream: (NodeJS.ReadableStream & { destroy?: () => void }) | null = null;
  private closed = false;

  static async open(docker: Dockerode, project: string): Promise<ProjectWake> {
    const w = new ProjectWake();
    try {
      const s = (await docker.getEvents({
        filters: { type: ['container'], label: [`${L.project}=${project}`] },
      })) as NodeJS.ReadableStream & { destroy?: () => void };
      if (w.closed) s.destroy?.();
      else {
        w.stream = s;
        s.on('data', () => w.fire());
        s.on('error', () => undefined);
      }
    } catch {
      // No events: the timer alone still drives the loops.
    }
    return w;
  }

  /** Resolves on the next project event or after ms, whichever comes first. */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        this.waiters.delete(done);
        resolve();
      };
      const t = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  close(): void {
    this.closed = true;
    this.stream?.destroy?.();
    this.stream = null;
    this.fire();
  }

  /** Ends every pending wait now (a cancel must not wait for the next poll). */
  wakeAll(): void {
    this.fire();
  }

  private fire(): void {
    for (const w of [...this.waiters]) w();
  }
}
