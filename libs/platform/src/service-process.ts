import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The repository root, from `libs/platform/src` or from `dist/libs/platform/src`. */
export function repositoryRoot(): string {
  const up = join(__dirname, '..', '..', '..');
  return up.endsWith('dist') ? join(up, '..') : up;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A service of the built platform (`npm run build`) as its own OS process, as in full mode: for the e2e
 * tier and the benchmarks, which must see processes die and restart.
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private output = '';
  kills = 0;

  constructor(
    readonly name: string,
    private readonly script: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  /** The running process's id (for its resident memory in /proc, say); undefined when not running. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    // QUADRANT_SERVICE_NODE_ARGS: options for the services' node (e.g. `--cpu-prof`, which NODE_OPTIONS refuses), for profiling.
    const nodeArgs = (process.env['QUADRANT_SERVICE_NODE_ARGS'] ?? '').split(' ').filter((arg) => arg !== '');
    const child = spawn(process.execPath, [...nodeArgs, join(repositoryRoot(), this.script)], {
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode}:\n${this.output}`);
      try {
        if ((await fetch(`${this.url}/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${this.name} did not answer /health within 60 s:\n${this.output}`);
  }

  /** SIGKILL: no shutdown hook runs, whatever was in flight is cut off. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.kills++;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  get log(): string {
    return this.output;
  }
}
