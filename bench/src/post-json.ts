import { Agent, request } from 'node:http';

/**
 * The load generators' HTTP client: node:http on kept-alive connections. `fetch` (undici, WHATWG streams)
 * cost the e2e bench about 1 ms of CPU per request, a third of a core at 400 requests/s, taken from the
 * system under test on the same two cores; this costs a fraction of it.
 */
// A kept-alive connection idle for 4 s is dropped here first: the service closes it after 5 s (Node's
// keepAliveTimeout), and a request sent on it just then would meet a reset.
const agent = new Agent({ keepAlive: true, maxSockets: 128, timeout: 4_000 });

export interface JsonResponse<T> {
  status: number;
  body: T;
}

export function postJson<T>(url: string, payload: unknown): Promise<JsonResponse<T>> {
  const body = Buffer.from(JSON.stringify(payload));
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: res.statusCode ?? 0, body: (text === '' ? {} : JSON.parse(text)) as T });
        } catch {
          reject(new Error(`${url} answered ${res.statusCode ?? 0} with a body that is not JSON: ${text.slice(0, 200)}`));
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
