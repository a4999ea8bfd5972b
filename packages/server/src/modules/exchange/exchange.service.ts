import { chinaDate } from '@shequ/core';
import type { Kysely } from 'kysely';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { Database } from '../../db/schema';
import type { AuditService } from '../audit/audit.service';
import { ExchangeAdminService } from './exchange-admin.service';
import { sequenceEvents } from './exchange-events.repository';
import { ExchangeExportService } from './exchange-export.service';
import { ExchangeMachineService } from './exchange-machine.service';
import { ExchangeReader } from './exchange-reader';
import { WebhookService } from './webhook.service';

/** How often the worker looks for export files past their retention. */
const PURGE_EVERY_MS = 10 * 60_000;

/**
 * The exchange with department systems: administration, the machine API, exports and webhooks,
 * and the background worker that keeps the feed sequenced and deliveries and exports moving, and
 * deletes export files past their retention.
 * All of the worker's state is in the database, so a restart (or a second process) resumes it.
 */
export class ExchangeService {
  readonly admin: ExchangeAdminService;
  readonly machine: ExchangeMachineService;
  readonly exports: ExchangeExportService;
  readonly webhooks: WebhookService;

  private timer: NodeJS.Timeout | null = null;
  private lastPurge = 0;
  private tick: Promise<void> | null = null;
  private sequencing: Promise<unknown> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    audit: AuditService,
    private readonly clock: () => Date,
    cipher: FieldCipher,
  ) {
    const reader = new ExchangeReader(db, cipher);
    this.webhooks = new WebhookService(db, clock, cipher);
    this.exports = new ExchangeExportService(db, clock, reader);
    this.admin = new ExchangeAdminService(db, audit, clock, cipher, this.webhooks);
    this.machine = new ExchangeMachineService(db, clock, cipher, reader, {
      sequence: () => this.sequence(),
      kickExports: () => this.exports.kick(),
    });
  }

  /**
   * Gives committed outbox events their feed positions and queues their webhook deliveries.
   * Concurrent callers in this process share one run; other processes wait on the advisory lock.
   */
  sequence(): Promise<unknown> {
    this.sequencing ??= (async () => {
      try {
        const now = this.clock();
        for (;;) {
          const range = await sequenceEvents(this.db, now, chinaDate(now));
          if (!range) return;
        }
      } finally {
        this.sequencing = null;
      }
    })();
    return this.sequencing;
  }

  /** One round of background work: sequence, deliver what is due, run queued exports. */
  async runOnce(): Promise<void> {
    await this.sequence();
    await this.webhooks.deliverDue();
    this.exports.kick();
    await this.exports.idle();
    const now = this.clock().getTime();
    if (now - this.lastPurge >= PURGE_EVERY_MS) {
      this.lastPurge = now;
      await this.exports.purgeExpired();
    }
  }

  /** Starts the worker loop (`shequ serve`); tests drive `runOnce` themselves. */
  start(intervalMs = 1000): void {
    if (this.timer) return;
    const loop = () => {
      this.tick = this.runOnce()
        .catch((error: unknown) => console.error('exchange worker', error))
        .finally(() => {
          this.tick = null;
          if (this.timer) this.timer = setTimeout(loop, intervalMs).unref();
        });
    };
    this.timer = setTimeout(loop, intervalMs).unref();
  }

  /** Stops the loop and waits for the round in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.tick;
    await this.exports.idle();
  }
}
