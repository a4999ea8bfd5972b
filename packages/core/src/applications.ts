import type { Role } from './access';
import { DomainError } from './errors';
import { codeLengthOfLevel } from './region';
import type { MatterLevel, MatterStep, ServiceMatter, StepKind } from './service-matters';
import {
  deadlineOf,
  timeLimitWarningDays,
  workingDaysBetween,
  type TimeLimitPause,
  type WorkCalendar,
} from './working-days';

/**
 * Applications (办件) for service matters: where an application is, what may be done to it, and
 * its time limit. Pure: the server loads the state, applies an action here, and stores the result
 * with the action in the timeline.
 */

export const applicationStatuses = [
  'submitted',
  'processing',
  'supplement',
  'approved',
  'rejected',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
export const applicationStatusLabels: Record<ApplicationStatus, string> = {
  submitted: '待受理',
  processing: '办理中',
  supplement: '待补正',
  approved: '已办结（准予）',
  rejected: '已办结（不予）',
  withdrawn: '已撤回',
};

/** Statuses in which someone still has to act. */
export const openApplicationStatuses: readonly ApplicationStatus[] = [
  'submitted',
  'processing',
  'supplement',
];

export const applicationChannels = ['online', 'window', 'visit'] as const;
export type ApplicationChannel = (typeof applicationChannels)[number];
export const applicationChannelLabels: Record<ApplicationChannel, string> = {
  online: '网上申请',
  window: '社区窗口',
  visit: '上门代办',
};

export const applicationActions = [
  'submit',
  'accept',
  'approve',
  'reject',
  'return',
  'resubmit',
  'transfer',
  'withdraw',
  'request_extension',
  'decide_extension',
  'supervise',
] as const;
export type ApplicationAction = (typeof applicationActions)[number];
export const applicationActionLabels: Record<ApplicationAction, string> = {
  submit: '提交申请',
  accept: '受理',
  approve: '通过',
  reject: '不予通过',
  return: '退回补正',
  resubmit: '补正提交',
  transfer: '转办',
  withdraw: '撤回申请',
  request_extension: '申请延期',
  decide_extension: '审批延期',
  supervise: '督办',
};

/** What is stored about where an application stands; everything else is derived from it. */
export interface ApplicationState {
  status: ApplicationStatus;
  /** Index into the matter's steps of the step that must act (the last one once decided). */
  stepIndex: number;
  /** Department types still to act at the current step (countersign: those not yet agreed). */
  waitingOn: string[];
  /** China date the application was accepted: the time limit runs from it. */
  acceptedOn: string | null;
  /** Periods returned for supplement (补正): the clock stops. */
  pauses: TimeLimitPause[];
  /** Approved extensions, in working days. */
  extensions: number[];
  pendingExtension: { days: number; reason: string; requestedBy: string } | null;
}

/** Who acts: for the checks that depend on the actor (countersign, extension approval). */
export interface ApplicationActor {
  userId: string;
  /** The department type the actor acts for at a department step, if any. */
  departmentType?: string | null;
}

export type ApplicationActionInput =
  | { action: 'accept' | 'approve'; opinion: string }
  | { action: 'reject' | 'return' | 'withdraw' | 'supervise' | 'transfer'; opinion: string }
  | { action: 'resubmit'; opinion: string }
  | { action: 'request_extension'; opinion: string; days: number }
  | { action: 'decide_extension'; opinion: string; approve: boolean };

/** The effect of an action, for notifications and the timeline. */
export type ApplicationEffect =
  | 'accepted'
  | 'step_passed'
  | 'countersigned'
  | 'approved'
  | 'rejected'
  | 'returned'
  | 'resubmitted'
  | 'transferred'
  | 'withdrawn'
  | 'extension_requested'
  | 'extension_approved'
  | 'extension_denied'
  | 'supervised';

/** The state of a new application: waiting at the matter's first (acceptance) step. */
export function initialApplicationState(matter: ServiceMatter): ApplicationState {
  return {
    status: 'submitted',
    stepIndex: 0,
    waitingOn: waitingOnAt(matter.steps[0]!),
    acceptedOn: null,
    pauses: [],
    extensions: [],
    pendingExtension: null,
  };
}

function waitingOnAt(step: MatterStep): string[] {
  if (step.kind === 'countersign') return [...(step.countersign ?? [])];
  return step.departmentType ? [step.departmentType] : [];
}

const refuse = (message: string) => new DomainError('CONFLICT', message);

/** Actions that need an opinion written down (意见); the others may leave it blank. */
const needsOpinion: readonly ApplicationAction[] = [
  'reject',
  'return',
  'transfer',
  'request_extension',
  'supervise',
];

/**
 * Applies an action to an application at `today` (China date). Throws CONFLICT, naming what is
 * wrong, for an action the current status or step does not allow, and VALIDATION for bad input.
 */
export function applyApplicationAction(
  matter: ServiceMatter,
  state: ApplicationState,
  input: ApplicationActionInput,
  actor: ApplicationActor,
  today: string,
): { state: ApplicationState; effect: ApplicationEffect } {
  if (!openApplicationStatuses.includes(state.status)) {
    throw refuse(
      `该办件${applicationStatusLabels[state.status]}，不能再${applicationActionLabels[input.action]}`,
    );
  }
  const opinion = input.opinion.trim();
  if (needsOpinion.includes(input.action) && !opinion) {
    throw new DomainError('VALIDATION', `${applicationActionLabels[input.action]}须填写意见`, [
      { path: 'opinion', message: '请填写意见' },
    ]);
  }
  if ([...opinion].length > 1000) {
    throw new DomainError('VALIDATION', '意见不能超过 1000 字', [
      { path: 'opinion', message: '不能超过 1000 字' },
    ]);
  }
  const step = matter.steps[state.stepIndex];
  if (!step) throw new DomainError('INTERNAL', '办件的当前环节不存在');
  const next = { ...state, waitingOn: [...state.waitingOn], pauses: [...state.pauses] };

  switch (input.action) {
    case 'accept': {
      if (state.status === 'supplement') throw refuse('办件待补正，补正后才能受理');
      if (state.status !== 'submitted' || step.kind !== 'accept') {
        throw refuse('该办件已受理，不能重复受理');
      }
      next.status = 'processing';
      next.acceptedOn = today;
      return { state: moveTo(matter, next, 1), effect: 'accepted' };
    }
    case 'approve': {
      requireProcessing(state, input.action);
      if (step.kind === 'countersign') {
        const type = actor.departmentType ?? '';
        if (!next.waitingOn.includes(type)) {
          throw refuse('贵部门已会签或不是本环节的会签部门');
        }
        next.waitingOn = next.waitingOn.filter((t) => t !== type);
        if (next.waitingOn.length > 0) return { state: next, effect: 'countersigned' };
      }
      if (state.stepIndex === matter.steps.length - 1) {
        next.status = 'approved';
        next.waitingOn = [];
        next.pendingExtension = null;
        return { state: next, effect: 'approved' };
      }
      return { state: moveTo(matter, next, state.stepIndex + 1), effect: 'step_passed' };
    }
    case 'reject': {
      if (state.status === 'supplement') throw refuse('待补正的办件须先补正或撤回');
      next.status = 'rejected';
      next.waitingOn = [];
      next.pendingExtension = null;
      return { state: next, effect: 'rejected' };
    }
    case 'return': {
      if (state.status === 'supplement') throw refuse('该办件已退回补正，正在等待补正材料');
      next.status = 'supplement';
      if (state.acceptedOn) next.pauses.push({ from: today, to: null });
      return { state: next, effect: 'returned' };
    }
    case 'resubmit': {
      if (state.status !== 'supplement') throw refuse('只有待补正的办件可以补正提交');
      next.status = state.acceptedOn ? 'processing' : 'submitted';
      const open = next.pauses.findIndex((p) => p.to === null);
      if (open >= 0) next.pauses[open] = { from: next.pauses[open]!.from, to: today };
      return { state: next, effect: 'resubmitted' };
    }
    case 'transfer':
      if (state.status === 'supplement') throw refuse('待补正的办件不能转办');
      return { state: next, effect: 'transferred' };
    case 'withdraw': {
      const open = next.pauses.findIndex((p) => p.to === null);
      if (open >= 0) next.pauses[open] = { from: next.pauses[open]!.from, to: today };
      next.status = 'withdrawn';
      next.waitingOn = [];
      next.pendingExtension = null;
      return { state: next, effect: 'withdrawn' };
    }
    case 'request_extension': {
      requireProcessing(state, input.action);
      if (state.pendingExtension) throw refuse('已有延期申请待审批');
      if (!Number.isInteger(input.days) || input.days < 1 || input.days > 30) {
        throw new DomainError('VALIDATION', '延期天数应为 1–30 个工作日', [
          { path: 'days', message: '应为 1–30 的整数' },
        ]);
      }
      next.pendingExtension = { days: input.days, reason: opinion, requestedBy: actor.userId };
      return { state: next, effect: 'extension_requested' };
    }
    case 'decide_extension': {
      const pending = state.pendingExtension;
      if (!pending) throw refuse('没有待审批的延期申请');
      if (pending.requestedBy === actor.userId) throw refuse('不能审批自己提出的延期申请');
      next.pendingExtension = null;
      if (!input.approve) return { state: next, effect: 'extension_denied' };
      next.extensions = [...state.extensions, pending.days];
      return { state: next, effect: 'extension_approved' };
    }
    case 'supervise':
      return { state: next, effect: 'supervised' };
  }
}

function requireProcessing(state: ApplicationState, action: ApplicationAction) {
  if (state.status === 'submitted')
    throw refuse(`办件尚未受理，不能${applicationActionLabels[action]}`);
  if (state.status === 'supplement')
    throw refuse(`办件待补正，不能${applicationActionLabels[action]}`);
}

function moveTo(matter: ServiceMatter, state: ApplicationState, index: number): ApplicationState {
  return { ...state, stepIndex: index, waitingOn: waitingOnAt(matter.steps[index]!) };
}

/** The region a step is worked in: the application's community, or its street or county. */
export function stepRegionCode(communityCode: string, level: MatterLevel): string {
  return communityCode.slice(0, codeLengthOfLevel[level]);
}

/** Who must act now: the step, its role, the region at its level, the departments awaited. */
export interface StepAssignment {
  index: number;
  key: string;
  name: string;
  kind: StepKind;
  role: Role;
  level: MatterLevel;
  regionCode: string;
  departmentTypes: string[];
}

export function currentAssignment(
  matter: ServiceMatter,
  state: ApplicationState,
  communityCode: string,
): StepAssignment {
  const step = matter.steps[state.stepIndex]!;
  return {
    index: state.stepIndex,
    key: step.key,
    name: step.name,
    kind: step.kind,
    role: step.role,
    level: step.level,
    regionCode: stepRegionCode(communityCode, step.level),
    departmentTypes: state.waitingOn,
  };
}

/** The deadline and its warning date; both null while the clock is stopped or not started. */
export interface ApplicationTimeLimit {
  deadline: string | null;
  /** From this date on the application shows yellow (预警). */
  warnOn: string | null;
  paused: boolean;
}

export function applicationTimeLimit(
  calendar: WorkCalendar,
  matter: ServiceMatter,
  state: ApplicationState,
): ApplicationTimeLimit {
  const paused = state.pauses.some((p) => p.to === null);
  if (!state.acceptedOn) return { deadline: null, warnOn: null, paused };
  const deadline = deadlineOf(calendar, {
    start: state.acceptedOn,
    days: matter.timeLimitDays,
    pauses: state.pauses,
    extensions: state.extensions,
  });
  if (!deadline) return { deadline: null, warnOn: null, paused };
  return { deadline, warnOn: warnOnOf(calendar, deadline, limitDaysOf(matter, state)), paused };
}

/** The working days an application has in all: the matter's limit and approved extensions. */
export function limitDaysOf(matter: ServiceMatter, state: ApplicationState): number {
  return matter.timeLimitDays + state.extensions.reduce((a, b) => a + b, 0);
}

/**
 * The first date on which the working days left until `deadline` are within the warning
 * threshold (see `timeLimitState`): walk back from the deadline over that many working days.
 */
function warnOnOf(calendar: WorkCalendar, deadline: string, limitDays: number): string {
  const threshold = timeLimitWarningDays(limitDays);
  let date = deadline;
  for (let guard = 0; guard < 400; guard += 1) {
    const previous = shiftDate(date, -1);
    if (workingDaysBetween(calendar, previous, deadline) > threshold) return date;
    date = previous;
  }
  return date;
}

function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * An application number: `SQ` + the China date + six digits of a sequence (SQ20261128000123),
 * unique city-wide, easy to read out on the phone.
 */
export function applicationNumber(chinaDateOfSubmission: string, sequence: number): string {
  return `SQ${chinaDateOfSubmission.replace(/-/g, '')}${String(sequence % 1_000_000).padStart(6, '0')}`;
}

/** A verification code for a result document: 12 characters without look-alikes (0/O, 1/I/L). */
export const verificationCodeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function verificationCodeFrom(randomBytes: Uint8Array): string {
  if (randomBytes.length < 12) throw new Error('a verification code needs 12 random bytes');
  let code = '';
  for (let i = 0; i < 12; i += 1) {
    code += verificationCodeAlphabet[randomBytes[i]! % verificationCodeAlphabet.length];
  }
  return code;
}
