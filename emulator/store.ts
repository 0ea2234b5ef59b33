import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';

export type AccountStatus = 'INITIALIZING' | 'INITIATED' | 'ACTIVE' | 'FAILED' | 'EXPIRED' | 'INACTIVE' | 'REVOKED';

export const ACCOUNT_STATUSES: readonly AccountStatus[] = [
  'INITIALIZING',
  'INITIATED',
  'ACTIVE',
  'FAILED',
  'EXPIRED',
  'INACTIVE',
  'REVOKED',
];

export type Session = {
  id: string;
  userId: string;
  /** `toolkits: { enable }` or `{ disable }` as the session was created (or updated) with; null = all. */
  toolkits: { enable?: string[]; disable?: string[] } | null;
  /** Toolkit slug → auth config id (`authConfigs`). */
  authConfigs: Record<string, string>;
  /** Toolkit slug → pinned connected account ids (`connectedAccounts`). */
  connectedAccounts: Record<string, string[]>;
  manageConnections: boolean;
  callbackUrl: string | null;
  configVersion: number;
  createdAt: string;
};

export type Account = {
  id: string;
  /** Creation order: list pages are cut on it, so accounts added while paging shift nothing. */
  seq: number;
  userId: string;
  toolkit: string;
  authConfigId: string;
  authScheme: string;
  status: AccountStatus;
  statusReason: string | null;
  alias: string | null;
  displayName: string | null;
  createdAt: string;
  updatedAt: string;
  /**
   * Set by the break control: the provider now refuses the account's
   * credentials although Composio still reports it ACTIVE, so every tool run
   * with it fails with this message.
   */
  toolError?: string;
};

export type AuthConfig = {
  id: string;
  seq: number;
  toolkit: string;
  name: string;
  authScheme: string;
  isComposioManaged: boolean;
  status: 'ENABLED' | 'DISABLED';
  /** Only the non-secret parts of custom credentials (e.g. `scopes`) are kept. */
  scopes: string[];
  hasCustomCredentials: boolean;
  createdAt: string;
  updatedAt: string;
};

export type Link = {
  token: string;
  accountId: string;
  callbackUrl: string | null;
  createdAt: string;
  used: boolean;
};

export type State = {
  seq: number;
  sessions: Record<string, Session>;
  accounts: Record<string, Account>;
  links: Record<string, Link>;
  authConfigs: Record<string, AuthConfig>;
};

const emptyState = (): State => ({ seq: 0, sessions: {}, accounts: {}, links: {}, authConfigs: {} });

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}

/** Sessions older than this are pruned; Composio keeps them longer, but nothing here reuses one after a day. */
const SESSION_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The emulator's state: in memory, and on disk in `<dataDir>/state.json`.
 * `mutate` resolves only once the change is on disk (written to a temporary
 * file, fsynced, renamed over the old one, directory fsynced), so an
 * acknowledged write survives `kill -9`. Changes that arrive while a write is
 * running are saved together by the next one.
 */
export class Store {
  private writing: Promise<void> | null = null;
  private waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];

  private constructor(
    private readonly dir: string,
    public state: State,
    private readonly linkTtlMs: number,
  ) {}

  static async open(dataDir: string, linkTtlMs = 10 * 60 * 1000): Promise<Store> {
    await mkdir(dataDir, { recursive: true });
    const file = join(dataDir, 'state.json');
    let state = emptyState();
    let text: string | undefined;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text !== undefined) {
      try {
        const parsed = JSON.parse(text) as Partial<State>;
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
        state = { ...emptyState(), ...parsed };
      } catch (error) {
        // A corrupt file must not stop development: keep it for inspection and start empty.
        const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        await rename(file, aside);
        console.error(
          `[emulator] ${file} could not be read (${(error as Error).message}); moved it to ${aside} and started with an empty state.`,
        );
      }
    }
    const store = new Store(dataDir, state, linkTtlMs);
    store.prune();
    return store;
  }

  /** Applies a change in memory and resolves once it is durably on disk. */
  async mutate<T>(change: (state: State) => T): Promise<T> {
    const result = change(this.state);
    await this.save();
    return result;
  }

  nextSeq(): number {
    this.state.seq += 1;
    return this.state.seq;
  }

  async reset(): Promise<void> {
    await this.mutate((state) => Object.assign(state, emptyState()));
  }

  /** Resolves once everything changed so far is on disk. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing.catch(() => undefined);
  }

  /**
   * Drops what nothing can reach any more: links (used or not) well past their
   * lifetime, links of deleted accounts, and day-old sessions. A used link is
   * kept until then so that reopening it says "already used", not "not found".
   */
  prune(now = Date.now()): void {
    const { links, sessions, accounts } = this.state;
    for (const [token, link] of Object.entries(links)) {
      const expired = now - Date.parse(link.createdAt) > 2 * this.linkTtlMs;
      if (expired || !accounts[link.accountId]) delete links[token];
    }
    for (const [id, session] of Object.entries(sessions)) {
      if (now - Date.parse(session.createdAt) > SESSION_TTL_MS) delete sessions[id];
    }
  }

  private save(): Promise<void> {
    const done = new Promise<void>((resolve, reject) => this.waiting.push({ resolve, reject }));
    if (!this.writing) {
      this.writing = this.writeLoop().finally(() => {
        this.writing = null;
      });
    }
    return done;
  }

  private async writeLoop(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0);
      try {
        this.prune();
        await this.writeFileDurably(JSON.stringify(this.state));
        for (const waiter of batch) waiter.resolve();
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
  }

  private async writeFileDurably(text: string): Promise<void> {
    const file = join(this.dir, 'state.json');
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
    // The rename itself is only durable once the directory entry is.
    const directory = await open(this.dir, 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  }
}
