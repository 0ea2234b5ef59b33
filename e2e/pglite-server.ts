// PGlite (Postgres compiled to WebAssembly, the app's embedded database) served over Postgres's wire protocol, for an
// e2e run on a machine without PostgreSQL's server binaries (e2e/database.ts decides): every app instance connects to
// it as to a server, so the journeys are the same either way. Run as its own process (`node --import tsx
// e2e/pglite-server.ts`), as a Postgres server would be, with a small HTTP control beside it for the journeys that
// take the database down and bring it back.
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';

type Queued = {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: Error) => void;
};

/**
 * One PGlite is one Postgres session, which every connection shares. pglite-socket's own server hands it the
 * messages of all its connections one by one, so when two pooled postgres.js connections send Parse / Bind / Execute /
 * Sync at once, one binds the other's unnamed statement (electric-sql/pglite#1046, open for 0.2.18). This queue gives
 * the session to one connection at a time: from its first message until Postgres answers ReadyForQuery outside a
 * transaction ('I'), then to the next that is waiting. pglite-socket's handler does the rest (framing, SSL refusal).
 */
export class SessionQueue {
  private owner: number | null = null;
  private waiting: Queued[] = [];
  private running = false;

  constructor(private readonly db: PGlite) {}

  /** Runs one protocol message of `handlerId`'s connection once the session is its turn; streams the answer. */
  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ handlerId, message, onData, resolve, reject });
      void this.run();
    });
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index = this.owner === null ? 0 : this.waiting.findIndex((next) => next.handlerId === this.owner);
        if (index === -1 || index >= this.waiting.length) return;
        const [next] = this.waiting.splice(index, 1) as [Queued];
        this.owner = next.handlerId;
        let bytes = 0;
        let tail = new Uint8Array(0);
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(next.message, {
              onRawData: (data) => {
                bytes += data.length;
                // The last 6 bytes of the answer, however it was split: where ReadyForQuery would be.
                const joined = new Uint8Array(tail.length + data.length);
                joined.set(tail);
                joined.set(data, tail.length);
                tail = joined.slice(-6);
                next.onData(data);
              },
            }),
          );
        } catch (error) {
          if (!this.db.isInTransaction()) this.owner = null;
          next.reject(error as Error);
          continue;
        }
        // ReadyForQuery: 'Z', length 5, then the transaction status: I(dle), T(ransaction) or E(rror in one).
        const ready = tail.length === 6 && tail[0] === 0x5a && tail[4] === 5;
        if (ready && String.fromCharCode(tail[5]!) === 'I') this.owner = null;
        next.resolve(bytes);
      }
    } finally {
      this.running = false;
    }
  }

  /** A connection that is gone: its waiting messages fail. */
  clearQueueForHandler(handlerId: number): void {
    for (const queued of this.waiting.filter((next) => next.handlerId === handlerId))
      queued.reject(new Error('connection closed'));
    this.waiting = this.waiting.filter((next) => next.handlerId !== handlerId);
  }

  /** A connection that is gone while it held the session: its open transaction is rolled back, the next one goes. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.runExclusive(() => this.db.exec('rollback'));
    this.owner = null;
    void this.run();
  }
}

export type PgliteServer = {
  port: number;
  /** Refuses new connections and cuts the open ones, as a Postgres server that stopped. */
  stop(): Promise<void>;
  /** Listens again on the same port, with the same data. */
  start(): Promise<void>;
};

/** Serves `db` on 127.0.0.1:`port` (0: a free one) to any number of connections. */
export async function servePglite(db: PGlite, port: number): Promise<PgliteServer> {
  const queue = new SessionQueue(db);
  const handlers = new Set<PGLiteSocketHandler>();
  let server: Server | undefined;
  let listeningPort = port;

  const start = async () => {
    server = createServer((socket) => {
      // The handler's option is typed as pglite-socket's own (unexported) queue class; SessionQueue has its methods.
      const handler = new PGLiteSocketHandler({
        queryQueue: queue as unknown as ConstructorParameters<typeof PGLiteSocketHandler>[0]['queryQueue'],
        closeOnDetach: true,
      });
      handlers.add(handler);
      socket.once('close', () => handlers.delete(handler));
      void handler.attach(socket);
    });
    const listening = server;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(listeningPort, '127.0.0.1', () => resolve());
    });
    listeningPort = (listening.address() as { port: number }).port;
  };
  const stop = async () => {
    const closing = server;
    server = undefined;
    if (!closing) return;
    const closed = new Promise<void>((resolve) => closing.close(() => resolve()));
    await Promise.all([...handlers].map((handler) => handler.detach(true)));
    handlers.clear();
    await closed;
  };

  await start();
  return {
    get port() {
      return listeningPort;
    },
    stop,
    start,
  };
}

/**
 * The process: an in-memory PGlite on E2E_PGLITE_PORT, and on E2E_PGLITE_CONTROL_PORT `GET /healthz`, `POST /stop`
 * and `POST /start`, each answered once done.
 */
async function main(): Promise<void> {
  const db = await PGlite.create();
  const server = await servePglite(db, Number(process.env.E2E_PGLITE_PORT ?? 0));
  const control = createHttpServer((request, response) => {
    const action =
      request.method === 'POST' && request.url === '/stop'
        ? server.stop()
        : request.method === 'POST' && request.url === '/start'
          ? server.start()
          : request.url === '/healthz'
            ? Promise.resolve()
            : Promise.reject(new Error(`no ${request.method} ${request.url}`));
    action.then(
      () => response.writeHead(204).end(),
      (error: Error) => response.writeHead(500).end(error.message),
    );
  });
  control.listen(Number(process.env.E2E_PGLITE_CONTROL_PORT ?? 0), '127.0.0.1', () => {
    console.log(`PGlite on 127.0.0.1:${server.port}, control on ${JSON.stringify(control.address())}`);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      void server
        .stop()
        .then(() => db.close())
        .finally(() => process.exit(0));
    });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
