import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A readers-writer lock between Playwright's worker processes, in a folder: most journeys share the servers (readers,
 * any number at once); a journey tagged @exclusive (faults injected into the emulator, its request log counted, the
 * database stopped) runs with no other journey (the writer). Each holder is a file naming its process, so a run
 * that was killed leaves nothing that blocks the next: a holder whose process is gone does not count.
 */
export class ExclusiveLock {
  constructor(
    private readonly dir: string,
    private readonly pollMs = 50,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** Waits until no exclusive journey runs, then holds a shared place; returns its release. */
  async shared(): Promise<() => void> {
    const mine = join(this.dir, `reader-${process.pid}`);
    for (;;) {
      // Announce first, then look: a writer that took the lock in between sees this file and waits for it to go.
      writeFileSync(mine, String(process.pid));
      if (this.writer() === null) return () => rmSync(mine, { force: true });
      rmSync(mine, { force: true });
      await this.pause();
    }
  }

  /** Waits until this process alone holds the lock; returns its release. */
  async exclusive(): Promise<() => void> {
    const writer = join(this.dir, 'writer');
    // One writer at a time: the file is created only if absent (O_EXCL), and names its process.
    for (;;) {
      try {
        writeFileSync(writer, String(process.pid), { flag: 'wx' });
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        this.writer();
        await this.pause();
      }
    }
    while (this.readers().some((pid) => pid !== process.pid)) await this.pause();
    return () => rmSync(writer, { force: true });
  }

  /** The live writer's pid (0 while it is taking the lock), or null; the file of one that is gone is removed. */
  private writer(): number | null {
    const file = join(this.dir, 'writer');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return null;
    }
    // Created but not yet written: a writer that is taking the lock right now.
    if (!text) return 0;
    const pid = Number(text);
    if (alive(pid)) return pid;
    rmSync(file, { force: true });
    return null;
  }

  /** Pids of live readers; files of processes that are gone are removed. */
  private readers(): number[] {
    const pids: number[] = [];
    for (const name of readdirSync(this.dir)) {
      if (!name.startsWith('reader-')) continue;
      const pid = Number(name.slice('reader-'.length));
      if (alive(pid)) pids.push(pid);
      else rmSync(join(this.dir, name), { force: true });
    }
    return pids;
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, this.pollMs));
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
