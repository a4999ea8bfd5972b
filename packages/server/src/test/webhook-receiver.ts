import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A department system's webhook endpoint: answers with the statuses it is told to, then 200. */
export class Receiver {
  readonly received: { headers: IncomingHttpHeaders; body: string; answered: number }[] = [];
  private readonly server: Server;
  answers: number[] = [];
  url = '';

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const answered = this.answers.shift() ?? 200;
        this.received.push({
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          answered,
        });
        res
          .writeHead(answered, { 'content-type': 'text/plain' })
          .end(answered === 200 ? 'ok' : 'down');
      });
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Event ids the receiver acknowledged with a 2xx. */
  acknowledged(): string[] {
    return this.received
      .filter((r) => r.answered < 300)
      .map((r) => String(r.headers['x-shequ-event-id']));
  }
}

/** Whether a delivery carries the HMAC-SHA256 of `timestamp.body` under this secret. */
export function signatureOk(secret: string, r: Receiver['received'][number]): boolean {
  const expected = createHmac('sha256', secret)
    .update(`${String(r.headers['x-shequ-timestamp'])}.${r.body}`)
    .digest('hex');
  return r.headers['x-shequ-signature'] === `sha256=${expected}`;
}
