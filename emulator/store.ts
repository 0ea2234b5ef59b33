import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

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
  /** Pinned accounts allowed per toolkit when `multi_account` is enabled; absent = one. */
  pinLimit?: number;
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
  /** `camel` for a link of `initiate()`: its callback gets `connectedAccountId` and `appName`. */
  callbackCase?: 'camel';
  /** Same-browser binding (emulator/verifier.ts): the cookie value of the browser that first opened the page. */
  binding?: string;
  /** The identity verifier's deferred completion (emulator/verifier.ts), once Allow was chosen. */
  verification?: { sessionUri: string; createdAt: string; redeemed: boolean };
};

export type State = {
  seq: number;
  sessions: Record<string, Session>;
  accounts: Record<string, Account>;
  links: Record<string, Link>;
  authConfigs: Record<string, AuthConfig>;
  /** Deleted auth configs: gone from the API, still named by the connections made under them. */
  deletedAuthConfigs: Record<string, AuthConfig>;
};

const emptyState = (): State => ({
  seq: 0,
  sessions: {},
  accounts: {},
  links: {},
  authConfigs: {},
  deletedAuthConfigs: {},
});

/*
 * What a saved state must look like to be loaded. Objects are loose: a field
 * this code does not know (written by a newer emulator) is kept, not dropped.
 * A file that parses as JSON but fails this is treated like a corrupt one:
 * loading `{"accounts": null}` would only fail later, on some request, and be
 * written back.
 */
const timestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a timestamp');
const sessionSchema = z.looseObject({
  id: z.string(),
  userId: z.string(),
  toolkits: z
    .looseObject({ enable: z.array(z.string()).optional(), disable: z.array(z.string()).optional() })
    .nullable(),
  authConfigs: z.record(z.string(), z.string()),
  connectedAccounts: z.record(z.string(), z.array(z.string())),
  pinLimit: z.number().optional(),
  manageConnections: z.boolean(),
  callbackUrl: z.string().nullable(),
  configVersion: z.number(),
  createdAt: timestamp,
});
const accountSchema = z.looseObject({
  id: z.string(),
  seq: z.number(),
  userId: z.string(),
  toolkit: z.string(),
  authConfigId: z.string(),
  authScheme: z.string(),
  status: z.enum(ACCOUNT_STATUSES),
  statusReason: z.string().nullable(),
  alias: z.string().nullable(),
  displayName: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  toolError: z.string().optional(),
});
const authConfigSchema = z.looseObject({
  id: z.string(),
  seq: z.number(),
  toolkit: z.string(),
  name: z.string(),
  authScheme: z.string(),
  isComposioManaged: z.boolean(),
  status: z.enum(['ENABLED', 'DISABLED']),
  scopes: z.array(z.string()),
  hasCustomCredentials: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
const linkSchema = z.looseObject({
  token: z.string(),
  accountId: z.string(),
  callbackUrl: z.string().nullable(),
  createdAt: timestamp,
  used: z.boolean(),
  callbackCase: z.literal('camel').optional(),
  binding: z.string().optional(),
  verification: z.object({ sessionUri: z.string(), createdAt: timestamp, redeemed: z.boolean() }).optional(),
});
const stateSchema: z.ZodType<State> = z.looseObject({
  seq: z.number(),
  sessions: z.record(z.string(), sessionSchema),
  accounts: z.record(z.string(), accountSchema),
  links: z.record(z.string(), linkSchema),
  authConfigs: z.record(z.string(), authConfigSchema),
  deletedAuthConfigs: z.record(z.string(), authConfigSchema),
});

/** The first problem zod found, as one short phrase: `accounts: expected record, received null`. */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`;
}

/** `state.json.<pid>.<random>.tmp`: a write that a crash interrupted before its rename. */
const TEMPORARY_FILE = /^state\.json\.(\d+)\.[0-9a-f]+\.tmp$/;

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

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
    await removeInterruptedWrites(dataDir);
    const file = join(dataDir, 'state.json');
    let state = emptyState();
    let text: string | undefined;
    let problem: string | undefined;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const { code } = error as NodeJS.ErrnoException;
      if (code === 'EISDIR') problem = 'it is a directory, not a file';
      else if (code !== 'ENOENT') throw error;
    }
    if (text !== undefined) {
      try {
        const json = JSON.parse(text) as unknown;
        if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error('not a JSON object');
        // A state saved before a collection existed lacks it: that one starts empty.
        const parsed = stateSchema.safeParse({ ...emptyState(), ...json });
        if (parsed.success) state = parsed.data;
        else problem = `not an emulator state: ${firstIssue(parsed.error)}`;
      } catch (error) {
        problem = (error as Error).message;
      }
    }
    if (problem) {
      // Damage must not stop development: keep what was there for inspection, say so once, start empty.
      const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await rename(file, aside);
      console.error(
        `[emulator] ${file} could not be read (${problem}); moved it to ${aside} and started with an empty state.`,
      );
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

/**
 * Removes the temporary files of writes a crash (kill -9, power loss)
 * interrupted before their rename: nothing else would, and they pile up.
 * A file of a process still running is left alone: it may be mid-write.
 */
async function removeInterruptedWrites(dataDir: string): Promise<void> {
  for (const name of await readdir(dataDir)) {
    const match = TEMPORARY_FILE.exec(name);
    if (match && !isRunning(Number(match[1]))) await rm(join(dataDir, name), { force: true });
  }
}
