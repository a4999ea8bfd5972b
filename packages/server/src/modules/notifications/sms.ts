import { appendFile } from 'node:fs/promises';

/**
 * Sends a text message. The platform talks to one SMS gateway per deployment through this
 * interface: in development a console or file sink, in production an HTTP gateway.
 */
export interface SmsSender {
  readonly description: string;
  send(phone: string, text: string): Promise<void>;
}

/**
 * The sender a setting names (`SHEQU_SMS`): `console` (the default), `file:<path>` (one JSON line
 * per message: what the end-to-end tests read), or an `http(s)://` URL that receives
 * `POST {"phone","text"}` and answers 2xx.
 */
export function smsSenderFrom(setting: string | undefined): SmsSender {
  const value = (setting ?? 'console').trim();
  if (value === 'console') {
    return {
      description: 'console',
      async send(phone, text) {
        process.stdout.write(`[sms] ${phone.slice(0, 3)}****${phone.slice(-4)}: ${text}\n`);
      },
    };
  }
  if (value.startsWith('file:')) {
    const file = value.slice('file:'.length);
    return {
      description: `file ${file}`,
      async send(phone, text) {
        await appendFile(
          file,
          `${JSON.stringify({ phone, text, at: new Date().toISOString() })}\n`,
        );
      },
    };
  }
  if (/^https?:\/\//.test(value)) {
    return {
      description: `gateway ${new URL(value).host}`,
      async send(phone, text) {
        const response = await fetch(value, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ phone, text }),
          signal: AbortSignal.timeout(10_000),
        });
        if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
      },
    };
  }
  throw new Error(`SHEQU_SMS 应为 console、file:<路径> 或 http(s):// 网关地址，而不是 ${value}`);
}
