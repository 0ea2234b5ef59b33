import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type AccountStatus = 'INITIALIZING' | 'INITIATED' | 'ACTIVE' | 'FAILED' | 'EXPIRED' | 'INACTIVE' | 'REVOKED';

export type Session = {
  id: string;
  userId: string;
  toolkits: string[] | null;
  manageConnections: boolean;
  createdAt: string;
};

export type Account = {
  id: string;
  userId: string;
  toolkit: string;
  authScheme: string;
  status: AccountStatus;
  statusReason: string | null;
  alias: string | null;
  displayName: string | null;
  createdAt: string;
  updatedAt: string;
  deleted: boolean;
};

export type Link = {
  token: string;
  accountId: string;
  callbackUrl: string | null;
  createdAt: string;
  used: boolean;
};

export type State = {
  sessions: Record<string, Session>;
  accounts: Record<string, Account>;
  links: Record<string, Link>;
};

const emptyState = (): State => ({ sessions: {}, accounts: {}, links: {} });

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}

/**
 * The emulator's state: in memory, and persisted to `<dataDir>/state.json`
 * after every change. Node runs one mutation at a time, so parallel requests
 * cannot interleave inside one; writes are serialised and coalesced, and each
 * goes to a temporary file renamed into place, so a crash never leaves half a file.
 */
export class Store {
  private writing: Promise<void> | null = null;
  private dirty = false;

  private constructor(
    private readonly file: string,
    public state: State,
  ) {}

  static async open(dataDir: string): Promise<Store> {
    await mkdir(dataDir, { recursive: true });
    const file = join(dataDir, 'state.json');
    let state = emptyState();
    try {
      state = { ...emptyState(), ...(JSON.parse(await readFile(file, 'utf8')) as Partial<State>) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return new Store(file, state);
  }

  /** Applies a change and schedules it to be saved. */
  mutate<T>(change: (state: State) => T): T {
    const result = change(this.state);
    this.scheduleWrite();
    return result;
  }

  reset(): void {
    this.mutate((state) => Object.assign(state, emptyState()));
  }

  /** Resolves once everything changed so far is on disk. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private scheduleWrite(): void {
    this.dirty = true;
    if (this.writing) return;
    this.writing = (async () => {
      while (this.dirty) {
        this.dirty = false;
        const temporary = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
        await writeFile(temporary, JSON.stringify(this.state));
        await rename(temporary, this.file);
      }
    })().finally(() => {
      this.writing = null;
    });
  }
}
