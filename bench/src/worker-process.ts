import { fork } from 'node:child_process';

/** What a benchmark worker sends back before it exits. */
export type WorkerReply<Result> = { ok: true; result: Result } | { ok: false; error: string };

/**
 * Runs a benchmark cell in a fresh Node process (`script`, given `task` as JSON in argv[2]) and resolves with
 * the result it sends back; `label` names the cell in errors. A cell silent for `timeoutMs` is killed.
 */
export function runWorker<Result>(script: string, task: unknown, label: string, timeoutMs: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = fork(script, [JSON.stringify(task)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let reply: WorkerReply<Result> | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', (message) => {
      reply = message as WorkerReply<Result>;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!reply) reject(new Error(`${label}: worker exited (${code}) without an answer`));
      else if (!reply.ok) reject(new Error(`${label}: ${reply.error}`));
      else resolve(reply.result);
    });
  });
}
