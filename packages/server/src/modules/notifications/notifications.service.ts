import { sql, type Kysely } from 'kysely';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { Database } from '../../db/schema';
import type { ActorContext } from '../../http/context';
import type { Executor } from '../audit/audit.repository';
import type { SmsSender } from './sms';

/** Minutes to wait before each retry of a text message that could not be sent. */
const RETRY_MINUTES = [1, 5, 30, 120, 720];

export interface NotificationView {
  id: string;
  text: string;
  applicationId: string | null;
  read: boolean;
  createdAt: string;
}

/** The newest messages of a user and how many of all of them are unread (the bell's badge). */
export interface NotificationList {
  items: NotificationView[];
  unread: number;
}

/**
 * Notifications: text messages to residents (queued in the caller's transaction, sent after it
 * commits through the deployment's SMS sender, retried with backoff) and messages to staff in the
 * platform.
 */
export class NotificationsService {
  private sending: Promise<number> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => Date,
    private readonly cipher: FieldCipher,
    private readonly sms: SmsSender,
  ) {}

  async queueSms(tx: Executor, phone: string, text: string, applicationId: string | null) {
    await tx
      .insertInto('notification')
      .values({
        channel: 'sms',
        recipient_phone: this.cipher.encrypt(phone),
        application_id: applicationId,
        text,
        next_attempt_at: this.clock(),
      })
      .execute();
  }

  async notifyUsers(
    tx: Executor,
    userIds: readonly string[],
    text: string,
    applicationId: string | null,
  ) {
    if (userIds.length === 0) return;
    await tx
      .insertInto('notification')
      .values(
        [...new Set(userIds)].map((id) => ({
          channel: 'platform' as const,
          recipient_user_id: id,
          application_id: applicationId,
          text,
          status: 'sent' as const,
          next_attempt_at: this.clock(),
        })),
      )
      .execute();
  }

  /** Sends the text messages that are due; returns how many were sent. One run at a time. */
  sendDue(limit = 50): Promise<number> {
    this.sending ??= this.send(limit).finally(() => {
      this.sending = null;
    });
    return this.sending;
  }

  private async send(limit: number): Promise<number> {
    const now = this.clock();
    const due = await this.db
      .selectFrom('notification')
      .select(['id', 'recipient_phone', 'text', 'attempts'])
      .where('channel', '=', 'sms')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    let sent = 0;
    for (const n of due) {
      try {
        await this.sms.send(this.cipher.decrypt(n.recipient_phone!), n.text);
        await this.db
          .updateTable('notification')
          .set({ status: 'sent', sent_at: this.clock(), attempts: n.attempts + 1, error: null })
          .where('id', '=', n.id)
          .execute();
        sent += 1;
      } catch (error) {
        const attempts = n.attempts + 1;
        const wait = RETRY_MINUTES[attempts - 1];
        await this.db
          .updateTable('notification')
          .set({
            attempts,
            error: String(error).slice(0, 500),
            status: wait === undefined ? 'failed' : 'pending',
            next_attempt_at: new Date(this.clock().getTime() + (wait ?? 0) * 60_000),
          })
          .where('id', '=', n.id)
          .execute();
      }
    }
    return sent;
  }

  private timer: NodeJS.Timeout | null = null;
  private tick: Promise<unknown> | null = null;

  /** Sends due text messages every few seconds (`shequ serve`); tests call `sendDue` themselves. */
  start(intervalMs = 3000): void {
    if (this.timer) return;
    const loop = () => {
      this.tick = this.sendDue()
        .catch((error: unknown) => console.error('sms sender', error))
        .finally(() => {
          this.tick = null;
          if (this.timer) this.timer = setTimeout(loop, intervalMs).unref();
        });
    };
    this.timer = setTimeout(loop, intervalMs).unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.tick;
  }

  /**
   * The signed-in user's messages, newest first, and the count of unread ones. Both read the
   * user's range of notification_user_idx (partial on channel = 'platform').
   */
  async mine(ctx: ActorContext, limit = 50): Promise<NotificationList> {
    const mine = this.db
      .selectFrom('notification')
      .where('channel', '=', 'platform')
      .where('recipient_user_id', '=', ctx.actor.userId);
    const [rows, count] = await Promise.all([
      mine
        .select(['id', 'text', 'application_id', 'status', 'created_at'])
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute(),
      mine
        .select((eb) => eb.fn.countAll<string>().as('unread'))
        .where('status', '!=', 'read')
        .executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((r) => ({
        id: r.id,
        text: r.text,
        applicationId: r.application_id,
        read: r.status === 'read',
        createdAt: r.created_at.toISOString(),
      })),
      unread: Number(count.unread),
    };
  }

  /** Marks messages read; ids that are not the caller's own messages are left alone. */
  async markRead(ctx: ActorContext, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('notification')
      .set({ status: 'read' })
      .where('channel', '=', 'platform')
      .where('recipient_user_id', '=', ctx.actor.userId)
      .where(sql<boolean>`id = ANY(${ids}::uuid[])`)
      .execute();
  }

  /** Marks every message of the caller read. */
  async markAllRead(ctx: ActorContext): Promise<void> {
    await this.db
      .updateTable('notification')
      .set({ status: 'read' })
      .where('channel', '=', 'platform')
      .where('recipient_user_id', '=', ctx.actor.userId)
      .where('status', '!=', 'read')
      .execute();
  }
}
