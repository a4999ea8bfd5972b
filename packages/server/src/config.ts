import path from 'node:path';
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  /** The province whose division tree is loaded (2-digit code). */
  SHEQU_PROVINCE: z
    .string()
    .regex(/^\d{2}$/, 'SHEQU_PROVINCE must be a 2-digit province code')
    .default('32'),
  /**
   * Set when the server sits behind one TLS-terminating proxy: cookies become Secure, and the
   * client's address is the one that proxy reports (the last X-Forwarded-For entry).
   */
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().optional(),
  /** JSON overrides of the official working-day calendar (holidays, 调休 workdays). */
  SHEQU_CALENDAR_FILE: z.string().optional(),
  /** Hours a finished exchange export's file is kept (it holds personal data in clear). */
  SHEQU_EXPORT_RETENTION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(72),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  province: string;
  trustProxy: boolean;
  cookieSecure: 'auto' | boolean;
  logLevel: string;
  webDist: string | undefined;
  calendarFile: string | undefined;
  exportRetentionHours: number;
}

/** Reads the configuration from the environment; throws naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`invalid environment variable ${String(first?.path[0])}: ${first?.message}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL || undefined,
    province: e.SHEQU_PROVINCE,
    trustProxy: e.TRUST_PROXY === 'true',
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    logLevel: e.LOG_LEVEL,
    webDist: e.WEB_DIST,
    calendarFile: e.SHEQU_CALENDAR_FILE ? path.resolve(e.SHEQU_CALENDAR_FILE) : undefined,
    exportRetentionHours: e.SHEQU_EXPORT_RETENTION_HOURS,
  };
}
