import { Client } from 'pg';

/** A lock held for as long as its session lives: who is the one active relay among replicas. */
export interface HeldLock {
  /** Settles when the lock is gone without `release`: its connection broke, so another may hold it now. */
  readonly lost: Promise<void>;
  release(): Promise<void>;
}

export interface LeaderLock {
  /** The lock if nobody else holds it, else undefined at once. */
  tryAcquire(key: string): Promise<HeldLock | undefined>;
}

/**
 * PostgreSQL session advisory locks on a connection of their own (outside any pool), so the lock lives
 * exactly as long as that connection: a replica that dies releases it with its socket.
 */
export class PgLeaderLock implements LeaderLock {
  constructor(private readonly connectionString: string) {}

  async tryAcquire(key: string): Promise<HeldLock | undefined> {
    const client = new Client({ connectionString: this.connectionString, application_name: `quadrant-lock:${key}` });
    let markLost: () => void = () => undefined;
    const lost = new Promise<void>((resolve) => (markLost = resolve));
    client.on('error', () => markLost());
    client.on('end', () => markLost());
    await client.connect();
    const { rows } = await client.query<{ held: boolean }>('select pg_try_advisory_lock(hashtext($1)) as held', [key]);
    if (!rows[0]?.held) {
      await client.end();
      return undefined;
    }
    let released = false;
    return {
      lost: lost.then(() => {
        if (released) return new Promise<void>(() => undefined);
        return undefined;
      }),
      release: async () => {
        released = true;
        await client.end().catch(() => undefined);
      },
    };
  }
}
