/**
 * What the HTTP benchmarks share: a seeded random source, a latency measurer, a keep-alive client
 * with a cookie jar that signs in like the web client, and a plain-text table.
 */
import http from 'node:http';
import { totpCodeAt } from '../packages/server/src/modules/auth/credentials';

/** A positive integer command-line value, or an error naming the option. */
export function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${name} must be a positive integer, got ${value}`);
  return n;
}

/** mulberry32: a small seeded generator, so two runs ask for the same codes. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export interface Stats {
  count: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Runs `count` calls of `fn` with `concurrency` in flight; returns the latency distribution. */
export async function measure(
  count: number,
  concurrency: number,
  fn: (i: number) => Promise<void>,
): Promise<Stats> {
  const latencies = new Array<number>(count);
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const t0 = performance.now();
      await fn(i);
      latencies[i] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    count,
    seconds,
    rps: count / seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    max: latencies[latencies.length - 1]!,
  };
}

export interface Reply {
  status: number;
  cookies: string[];
  body: string;
}

/** A tiny keep-alive HTTP client for the loopback server, with a cookie jar. */
export class Client {
  private readonly agent: http.Agent;
  private readonly jar = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(
    private readonly port: number,
    maxSockets: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Reply> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = {};
    if (this.jar.size > 0) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (payload !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: this.port, path, method, agent: this.agent, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const cookies = res.headers['set-cookie'] ?? [];
            for (const cookie of cookies) {
              const [pair] = cookie.split(';');
              const eq = pair!.indexOf('=');
              this.jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
            }
            resolve({
              status: res.statusCode ?? 0,
              cookies,
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** GET that must answer 200; returns the parsed body. */
  async getOk<T>(path: string): Promise<T> {
    const reply = await this.request('GET', path);
    if (reply.status !== 200)
      throw new Error(`GET ${path} answered ${reply.status}: ${reply.body.slice(0, 300)}`);
    return JSON.parse(reply.body) as T;
  }

  async postOk<T>(path: string, body: unknown): Promise<T> {
    const reply = await this.request('POST', path, body);
    if (reply.status !== 200)
      throw new Error(`POST ${path} answered ${reply.status}: ${reply.body.slice(0, 300)}`);
    return JSON.parse(reply.body) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}

export type SessionState = { stage: string | null; csrfToken: string };

/** Signs in like the web client: pre-session CSRF token, password, then the TOTP code. */
export async function signIn(
  client: Client,
  username: string,
  password: string,
  totpSecret: string | null,
): Promise<void> {
  client.csrfToken = (await client.getOk<SessionState>('/api/auth/session')).csrfToken;
  let state = await client.postOk<SessionState>('/api/auth/login', { username, password });
  client.csrfToken = state.csrfToken;
  if (state.stage === 'second_factor' && totpSecret) {
    state = await client.postOk<SessionState>('/api/auth/second-factor', {
      code: totpCodeAt(totpSecret, new Date()),
    });
    client.csrfToken = state.csrfToken;
  }
  if (state.stage !== 'full')
    throw new Error(`sign-in of ${username} ended at stage ${state.stage}`);
}

export const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r, i) => {
      const line = r
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join('  ');
      return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}
