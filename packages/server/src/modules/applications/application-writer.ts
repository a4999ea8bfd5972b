import {
  applicationTimeLimit,
  grantsWith,
  isWithin,
  currentAssignment,
  type ApplicationAction,
  type ApplicationEffect,
  type ApplicationState,
  type ServiceMatter,
  type WorkCalendar,
} from '@shequ/core';
import type { Kysely, Transaction } from 'kysely';
import type { ActorContext } from '../../http/context';
import type { Database } from '../../db/schema';
import type { NotificationsService } from '../notifications/notifications.service';
import { usersWorking } from './applications.repository';

/** Who an action is recorded as: a member of staff, or the applicant applying online. */
export interface ActingAs {
  id: string | null;
  name: string;
}

/**
 * What every write of an application shares, window, online or at a step: the columns that follow
 * from its state, the timeline entry, and telling the staff of the next step.
 */
export class ApplicationWriter {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly calendar: WorkCalendar,
    private readonly notifications: NotificationsService,
    private readonly clock: () => Date,
  ) {}

  /** The stored columns that follow from a state: the current step, who must act, the time limit. */
  columnsOf(matter: ServiceMatter, state: ApplicationState, community: string) {
    const a = currentAssignment(matter, state, community);
    const limit = applicationTimeLimit(this.calendar, matter, state);
    return {
      status: state.status,
      step_index: state.stepIndex,
      step_key: a.key,
      step_role: a.role,
      step_region_code: a.regionCode,
      waiting_on: state.waitingOn,
      accepted_on: state.acceptedOn,
      deadline: limit.deadline,
      warn_on: limit.warnOn,
      pauses: JSON.stringify(state.pauses),
      extensions: state.extensions,
      pending_extension: state.pendingExtension ? JSON.stringify(state.pendingExtension) : null,
    };
  }

  /** The timeline entry of an action taken in the state `before`. */
  async record(
    tx: Transaction<Database>,
    applicationId: string,
    action: ApplicationAction,
    effect: ApplicationEffect | 'submitted',
    before: ApplicationState,
    matter: ServiceMatter,
    actor: ActingAs,
    unit: string | null,
    opinion: string,
  ) {
    await tx
      .insertInto('application_action')
      .values({
        application_id: applicationId,
        action,
        effect: action === 'submit' ? 'submitted' : effect,
        step_index: before.stepIndex,
        step_name: matter.steps[before.stepIndex]!.name,
        actor_id: actor.id,
        actor_name: actor.name,
        actor_unit: unit,
        opinion: opinion || null,
        at: this.clock(),
      })
      .execute();
  }

  async notifyNextStep(
    tx: Transaction<Database>,
    matter: ServiceMatter,
    state: ApplicationState,
    community: string,
    id: string,
    number: string,
  ) {
    if (state.status !== 'processing' && state.status !== 'submitted') return;
    const a = currentAssignment(matter, state, community);
    const users = await usersWorking(tx, a.role, a.regionCode, a.departmentTypes);
    await this.notifications.notifyUsers(
      tx,
      users,
      `新办件待${a.name}：${matter.name}（${number}）`,
      id,
    );
  }

  /** The unit an actor acts for: its department, else the community or street it works in. */
  async unitOf(ctx: ActorContext, community: string, departmentName: string | null) {
    if (departmentName) return departmentName;
    const grant = grantsWith(ctx.actor, 'application:intake')
      .concat(grantsWith(ctx.actor, 'application:work'))
      .find((g) => isWithin(community, g.regionCode));
    const region = await this.db
      .selectFrom('region')
      .select('name')
      .where('code', '=', grant?.regionCode ?? community)
      .executeTakeFirst();
    return region?.name ?? null;
  }
}

/** The change context of an application written by a member of staff (history and audit). */
export function changeBy(ctx: ActorContext, at: Date) {
  return {
    actorId: ctx.actor.userId,
    actorName: ctx.actor.displayName,
    source: 'application' as const,
    at,
  };
}

export function actingAs(ctx: ActorContext): ActingAs {
  return { id: ctx.actor.userId, name: ctx.actor.displayName };
}
