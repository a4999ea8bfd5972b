import { describe, expect, it } from 'vitest';
import {
  applicationActions,
  applicationNumber,
  applicationStatusLabels,
  applicationTimeLimit,
  applyApplicationAction,
  currentAssignment,
  initialApplicationState,
  stepRegionCode,
  verificationCodeAlphabet,
  verificationCodeFrom,
  type ApplicationActionInput,
  type ApplicationActor,
  type ApplicationState,
} from './applications';
import { DomainError } from './errors';
import { findServiceMatter } from './service-matter-catalog';
import type { ServiceMatter } from './service-matters';
import {
  addWorkingDays,
  remainingWorkingDays,
  timeLimitState,
  timeLimitWarningDays,
  workingDaysBetween,
  type WorkCalendar,
} from './working-days';

function matter(code: string): ServiceMatter {
  const found = findServiceMatter(code);
  if (!found) throw new Error(`no matter ${code}`);
  return found;
}

/** 高龄津贴: 社区受理 → 街道审核 → 县民政审批, 15 working days. */
const elderly = matter('elderly_allowance_claim');
/** 残疾人两项补贴: 社区受理 → 街道初审 → 县民政、残联会签审定, 20 working days. */
const disability = matter('disability_subsidies_application');

const communityCode = '320102005001';

const windowWorker: ApplicationActor = { userId: 'u-community' };
const streetWorker: ApplicationActor = { userId: 'u-street' };
const civilAffairs: ApplicationActor = { userId: 'u-civil', departmentType: 'civil_affairs' };
const civilAffairsChief: ApplicationActor = {
  userId: 'u-civil-chief',
  departmentType: 'civil_affairs',
};
const federation: ApplicationActor = { userId: 'u-cdpf', departmentType: 'disabled_federation' };

const accept: ApplicationActionInput = { action: 'accept', opinion: '材料齐全，予以受理' };
const approve: ApplicationActionInput = { action: 'approve', opinion: '' };
const giveBack: ApplicationActionInput = { action: 'return', opinion: '户口簿复印件不清晰' };
const resubmit: ApplicationActionInput = { action: 'resubmit', opinion: '' };
const extension = (days: number): ApplicationActionInput => ({
  action: 'request_extension',
  opinion: '需入户核查',
  days,
});
const decideExtension = (yes: boolean): ApplicationActionInput => ({
  action: 'decide_extension',
  opinion: '',
  approve: yes,
});

/** One action on an application; the state it starts from is never modified. */
function act(
  m: ServiceMatter,
  state: ApplicationState,
  input: ApplicationActionInput,
  actor: ApplicationActor = windowWorker,
  today = '2026-09-28',
) {
  return applyApplicationAction(m, state, input, actor, today);
}

/** The DomainError a call throws, or fails. */
function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

/** A 高龄津贴 application accepted on `on`, waiting at the street review. */
function acceptedElderly(on = '2026-09-28'): ApplicationState {
  return act(elderly, initialApplicationState(elderly), accept, windowWorker, on).state;
}

/** A 残疾人两项补贴 application at its county countersign step, neither department agreed yet. */
function atCountersign(): ApplicationState {
  const accepted = act(disability, initialApplicationState(disability), accept).state;
  return act(disability, accepted, approve, streetWorker, '2026-09-29').state;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`);) {
    out.push(d.toISOString().slice(0, 10));
    d = new Date(d.getTime() + 86_400_000);
  }
  return out;
}

// The 2026 calendar of working-days.test.ts: 中秋节 9月25日（周五）至27日放假; 国庆节 10月1日（周四）
// 至7日（周三）放假调休, 9月20日（周日）、10月10日（周六）上班.
const cal2026: WorkCalendar = {
  holidays: new Set([...range('2026-09-25', '2026-09-27'), ...range('2026-10-01', '2026-10-07')]),
  workdays: new Set(['2026-09-20', '2026-10-10']),
};

describe('the happy path of a 高龄津贴 application', () => {
  it('starts submitted at the acceptance step, waiting on no department, with no clock running', () => {
    const state = initialApplicationState(elderly);
    expect(state).toEqual({
      status: 'submitted',
      stepIndex: 0,
      waitingOn: [],
      acceptedOn: null,
      pauses: [],
      extensions: [],
      pendingExtension: null,
    });
    expect(applicationTimeLimit(cal2026, elderly, state)).toEqual({
      deadline: null,
      warnOn: null,
      paused: false,
    });
  });

  it('is accepted today and moves on to the street review, still waiting on no department', () => {
    const { state, effect } = act(
      elderly,
      initialApplicationState(elderly),
      accept,
      windowWorker,
      '2026-09-28',
    );
    expect(effect).toBe('accepted');
    expect(state.status).toBe('processing');
    expect(state.acceptedOn).toBe('2026-09-28');
    expect(state.stepIndex).toBe(1);
    expect(state.waitingOn).toEqual([]);
  });

  it('passes the street review to the county 民政 decision, then is approved there', () => {
    const review = act(elderly, acceptedElderly(), approve, streetWorker, '2026-09-30');
    expect(review.effect).toBe('step_passed');
    expect(review.state.status).toBe('processing');
    expect(review.state.stepIndex).toBe(2);
    expect(review.state.waitingOn).toEqual(['civil_affairs']);

    const decision = act(elderly, review.state, approve, civilAffairs, '2026-10-09');
    expect(decision.effect).toBe('approved');
    expect(decision.state.status).toBe('approved');
    expect(decision.state.stepIndex).toBe(2);
    expect(decision.state.waitingOn).toEqual([]);
    expect(decision.state.acceptedOn).toBe('2026-09-28');
  });

  it('assigns each step to its role, level and the region at that level of the community', () => {
    const submitted = initialApplicationState(elderly);
    const reviewing = acceptedElderly();
    const deciding = act(elderly, reviewing, approve, streetWorker).state;
    const approved = act(elderly, deciding, approve, civilAffairs).state;

    expect(currentAssignment(elderly, submitted, communityCode)).toEqual({
      index: 0,
      key: 'community_accept',
      name: '社区受理',
      kind: 'accept',
      role: 'community_worker',
      level: 'community',
      regionCode: '320102005001',
      departmentTypes: [],
    });
    expect(currentAssignment(elderly, reviewing, communityCode)).toEqual({
      index: 1,
      key: 'street_review',
      name: '街道审核',
      kind: 'review',
      role: 'street_staff',
      level: 'street',
      regionCode: '320102005',
      departmentTypes: [],
    });
    expect(currentAssignment(elderly, deciding, communityCode)).toEqual({
      index: 2,
      key: 'county_decide',
      name: '县民政审批',
      kind: 'decide',
      role: 'department_reviewer',
      level: 'county',
      regionCode: '320102',
      departmentTypes: ['civil_affairs'],
    });
    // once decided it stays on the last step, with nobody left to act
    expect(currentAssignment(elderly, approved, communityCode)).toMatchObject({
      index: 2,
      departmentTypes: [],
    });
  });

  it('cuts the community code to the length of the step level', () => {
    expect(stepRegionCode(communityCode, 'community')).toBe('320102005001');
    expect(stepRegionCode(communityCode, 'street')).toBe('320102005');
    expect(stepRegionCode(communityCode, 'county')).toBe('320102');
  });

  it('never modifies the state it is given', () => {
    let state = deepFreeze(initialApplicationState(elderly));
    const inputs: [ApplicationActionInput, ApplicationActor][] = [
      [accept, windowWorker],
      [giveBack, streetWorker],
      [resubmit, windowWorker],
      [extension(3), streetWorker],
      [decideExtension(true), civilAffairs],
      [approve, streetWorker],
      [{ action: 'supervise', opinion: '请加快办理' }, civilAffairsChief],
      [approve, civilAffairs],
    ];
    for (const [input, actor] of inputs) {
      const before = JSON.parse(JSON.stringify(state)) as ApplicationState;
      const after = act(elderly, state, input, actor).state;
      expect(state).toEqual(before);
      state = deepFreeze(after);
    }
    expect(state.status).toBe('approved');
  });
});

describe('countersign (会签)', () => {
  it('waits on every department of the countersign step', () => {
    const state = atCountersign();
    expect(state.stepIndex).toBe(2);
    expect(state.waitingOn).toEqual(['civil_affairs', 'disabled_federation']);
    expect(currentAssignment(disability, state, communityCode).departmentTypes).toEqual([
      'civil_affairs',
      'disabled_federation',
    ]);
  });

  it('records one department agreeing and leaves the step waiting on the other', () => {
    const { state, effect } = act(disability, atCountersign(), approve, civilAffairs);
    expect(effect).toBe('countersigned');
    expect(state.status).toBe('processing');
    expect(state.stepIndex).toBe(2);
    expect(state.waitingOn).toEqual(['disabled_federation']);
  });

  it('refuses the same department agreeing twice, even through another of its users', () => {
    const once = act(disability, atCountersign(), approve, civilAffairs).state;
    for (const actor of [civilAffairs, civilAffairsChief]) {
      const error = domainErrorOf(() => act(disability, once, approve, actor));
      expect(error.code).toBe('CONFLICT');
    }
  });

  it('is approved when the last department agrees on the last step, in either order', () => {
    for (const [first, second] of [
      [civilAffairs, federation],
      [federation, civilAffairs],
    ] as const) {
      const once = act(disability, atCountersign(), approve, first).state;
      const { state, effect } = act(disability, once, approve, second);
      expect(effect).toBe('approved');
      expect(state.status).toBe('approved');
      expect(state.waitingOn).toEqual([]);
    }
  });

  it('passes on to the next step when the countersign step is not the last', () => {
    const countersign = disability.steps[2]!;
    const decide = { ...elderly.steps[2]!, key: 'county_decide' };
    const longer: ServiceMatter = {
      ...disability,
      steps: [...disability.steps.slice(0, 2), countersign, decide],
    };
    const accepted = act(longer, initialApplicationState(longer), accept).state;
    const atSign = act(longer, accepted, approve, streetWorker).state;
    const once = act(longer, atSign, approve, federation).state;
    const { state, effect } = act(longer, once, approve, civilAffairs);
    expect(effect).toBe('step_passed');
    expect(state.status).toBe('processing');
    expect(state.stepIndex).toBe(3);
    expect(state.waitingOn).toEqual(['civil_affairs']);
  });

  it('refuses a department that is not one of the countersigning departments, or none at all', () => {
    const state = atCountersign();
    const health: ApplicationActor = { userId: 'u-health', departmentType: 'health' };
    for (const actor of [health, streetWorker, { userId: 'u-x', departmentType: null }]) {
      const error = domainErrorOf(() => act(disability, state, approve, actor));
      expect(error.code).toBe('CONFLICT');
    }
  });
});

describe('actions the status does not allow (CONFLICT)', () => {
  it('refuses to accept an application twice', () => {
    const error = domainErrorOf(() => act(elderly, acceptedElderly(), accept));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe('该办件已受理，不能重复受理');
  });

  it('refuses to approve before acceptance', () => {
    const error = domainErrorOf(() =>
      act(elderly, initialApplicationState(elderly), approve, streetWorker),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe('办件尚未受理，不能通过');
  });

  it('refuses to approve, reject, transfer or return again while out for supplement', () => {
    const returned = act(elderly, acceptedElderly(), giveBack, streetWorker).state;
    expect(returned.status).toBe('supplement');
    const inputs: ApplicationActionInput[] = [
      approve,
      { action: 'reject', opinion: '不符合条件' },
      { action: 'transfer', opinion: '转至户籍地社区' },
      giveBack,
      extension(3),
    ];
    for (const input of inputs) {
      const error = domainErrorOf(() => act(elderly, returned, input, streetWorker));
      expect(error.code, input.action).toBe('CONFLICT');
    }
    expect(domainErrorOf(() => act(elderly, returned, approve, streetWorker)).message).toBe(
      '办件待补正，不能通过',
    );
  });

  it('refuses every action once approved, rejected or withdrawn, naming the status', () => {
    const deciding = act(elderly, acceptedElderly(), approve, streetWorker).state;
    const closed: ApplicationState[] = [
      act(elderly, deciding, approve, civilAffairs).state,
      act(elderly, deciding, { action: 'reject', opinion: '未满 80 周岁' }, civilAffairs).state,
      act(elderly, deciding, { action: 'withdraw', opinion: '' }).state,
    ];
    expect(closed.map((s) => s.status)).toEqual(['approved', 'rejected', 'withdrawn']);
    const every: ApplicationActionInput[] = [
      accept,
      approve,
      { action: 'reject', opinion: '不符合条件' },
      giveBack,
      resubmit,
      { action: 'transfer', opinion: '转办' },
      { action: 'withdraw', opinion: '' },
      extension(3),
      decideExtension(true),
      { action: 'supervise', opinion: '督办' },
    ];
    // every action that takes input is tried (submit creates the application and is not applied)
    expect(every.map((i) => i.action).sort()).toEqual(
      applicationActions.filter((a) => a !== 'submit').sort(),
    );
    for (const state of closed) {
      for (const input of every) {
        const error = domainErrorOf(() => act(elderly, state, input, civilAffairsChief));
        expect(error.code, `${state.status} ${input.action}`).toBe('CONFLICT');
        expect(error.message).toContain(applicationStatusLabels[state.status]);
      }
    }
  });

  it('refuses a resubmission of an application that is not out for supplement', () => {
    for (const state of [initialApplicationState(elderly), acceptedElderly()]) {
      const error = domainErrorOf(() => act(elderly, state, resubmit));
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toBe('只有待补正的办件可以补正提交');
    }
  });

  it('refuses a second extension request while one is pending', () => {
    const pending = act(elderly, acceptedElderly(), extension(3), streetWorker).state;
    const error = domainErrorOf(() => act(elderly, pending, extension(2), civilAffairs));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe('已有延期申请待审批');
  });

  it('refuses an extension request before acceptance', () => {
    const error = domainErrorOf(() =>
      act(elderly, initialApplicationState(elderly), extension(3), windowWorker),
    );
    expect(error.code).toBe('CONFLICT');
  });

  it('refuses to let the requester decide their own extension', () => {
    const pending = act(elderly, acceptedElderly(), extension(3), streetWorker).state;
    for (const yes of [true, false]) {
      const error = domainErrorOf(() => act(elderly, pending, decideExtension(yes), streetWorker));
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toBe('不能审批自己提出的延期申请');
    }
  });

  it('refuses to decide an extension when none is pending', () => {
    const error = domainErrorOf(() =>
      act(elderly, acceptedElderly(), decideExtension(true), civilAffairs),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe('没有待审批的延期申请');
  });

  it('refuses to accept an application returned for supplement before acceptance, without claiming it was accepted', () => {
    // Defect: the refusal reads “该办件已受理，不能重复受理” for an application never accepted.
    const returned = act(elderly, initialApplicationState(elderly), giveBack).state;
    const error = domainErrorOf(() => act(elderly, returned, accept));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).not.toContain('已受理');
  });
});

describe('actions that close or leave the application where it is', () => {
  it('rejects (不予受理) an application that was never accepted, leaving nobody to act', () => {
    const { state, effect } = act(elderly, initialApplicationState(elderly), {
      action: 'reject',
      opinion: '非本市户籍',
    });
    expect(effect).toBe('rejected');
    expect(state.status).toBe('rejected');
    expect(state.waitingOn).toEqual([]);
  });

  it('drops a pending extension when the application is decided or withdrawn', () => {
    const deciding = act(elderly, acceptedElderly(), approve, streetWorker).state;
    const pending = act(elderly, deciding, extension(5), civilAffairs).state;
    expect(pending.pendingExtension).toEqual({
      days: 5,
      reason: '需入户核查',
      requestedBy: 'u-civil',
    });
    const closing: ApplicationActionInput[] = [
      approve,
      { action: 'reject', opinion: '不符合条件' },
      { action: 'withdraw', opinion: '' },
    ];
    for (const input of closing) {
      const { state } = act(elderly, pending, input, civilAffairsChief);
      expect(state.pendingExtension, input.action).toBeNull();
      expect(state.extensions).toEqual([]);
    }
  });

  it('lets an applicant withdraw while the application is out for supplement', () => {
    const returned = act(elderly, acceptedElderly(), giveBack, streetWorker).state;
    const { state, effect } = act(elderly, returned, { action: 'withdraw', opinion: '' });
    expect(effect).toBe('withdrawn');
    expect(state.status).toBe('withdrawn');
    expect(state.waitingOn).toEqual([]);
  });

  it('records a transfer or a supervision without moving the application', () => {
    const state = act(elderly, acceptedElderly(), approve, streetWorker).state;
    const transferred = act(elderly, state, { action: 'transfer', opinion: '转至户籍地' });
    expect(transferred.effect).toBe('transferred');
    expect(transferred.state).toEqual(state);
    const supervised = act(elderly, state, { action: 'supervise', opinion: '请尽快办结' });
    expect(supervised.effect).toBe('supervised');
    expect(supervised.state).toEqual(state);
  });

  it('returns an accepted application to the same step and department after the supplement', () => {
    const deciding = act(elderly, acceptedElderly(), approve, streetWorker).state;
    const returned = act(elderly, deciding, giveBack, civilAffairs, '2026-10-09');
    expect(returned.effect).toBe('returned');
    expect(returned.state.status).toBe('supplement');
    const back = act(elderly, returned.state, resubmit, windowWorker, '2026-10-14');
    expect(back.effect).toBe('resubmitted');
    expect(back.state.status).toBe('processing');
    expect(back.state.stepIndex).toBe(2);
    expect(back.state.waitingOn).toEqual(['civil_affairs']);
    expect(back.state.acceptedOn).toBe('2026-09-28');
  });

  it('keeps the countersigns already given across a return for supplement', () => {
    const once = act(disability, atCountersign(), approve, civilAffairs).state;
    const returned = act(disability, once, giveBack, federation).state;
    const back = act(disability, returned, resubmit).state;
    expect(back.waitingOn).toEqual(['disabled_federation']);
  });
});

describe('a return for supplement before acceptance (补正 of materials at the window)', () => {
  it('does not record a pause, because the clock has not started', () => {
    const { state, effect } = act(
      elderly,
      initialApplicationState(elderly),
      giveBack,
      windowWorker,
      '2026-09-28',
    );
    expect(effect).toBe('returned');
    expect(state.status).toBe('supplement');
    expect(state.acceptedOn).toBeNull();
    expect(state.pauses).toEqual([]);
    expect(applicationTimeLimit(cal2026, elderly, state)).toEqual({
      deadline: null,
      warnOn: null,
      paused: false,
    });
  });

  it('goes back to waiting for acceptance when the materials are resubmitted, then can be accepted', () => {
    const returned = act(elderly, initialApplicationState(elderly), giveBack).state;
    const back = act(elderly, returned, resubmit, windowWorker, '2026-09-30');
    expect(back.effect).toBe('resubmitted');
    expect(back.state).toEqual(initialApplicationState(elderly));
    const accepted = act(elderly, back.state, accept, windowWorker, '2026-09-30').state;
    expect(accepted.acceptedOn).toBe('2026-09-30');
    expect(accepted.pauses).toEqual([]);
  });
});

describe('input validation (VALIDATION)', () => {
  const needOpinion: ((opinion: string) => ApplicationActionInput)[] = [
    (opinion) => ({ action: 'reject', opinion }),
    (opinion) => ({ action: 'return', opinion }),
    (opinion) => ({ action: 'transfer', opinion }),
    (opinion) => ({ action: 'request_extension', opinion, days: 3 }),
    (opinion) => ({ action: 'supervise', opinion }),
  ];

  it('requires an opinion to reject, return, transfer, request an extension or supervise', () => {
    const state = acceptedElderly();
    for (const make of needOpinion) {
      for (const blank of ['', '   \n\t']) {
        const input = make(blank);
        const error = domainErrorOf(() => act(elderly, state, input, streetWorker));
        expect(error.code, input.action).toBe('VALIDATION');
        expect(error.fieldErrors).toEqual([{ path: 'opinion', message: '请填写意见' }]);
      }
    }
  });

  it('lets accept, approve, resubmit, withdraw and an extension decision go without an opinion', () => {
    const submitted = initialApplicationState(elderly);
    const accepted = act(elderly, submitted, { action: 'accept', opinion: '' }).state;
    expect(accepted.status).toBe('processing');
    const returned = act(elderly, accepted, giveBack).state;
    expect(act(elderly, returned, { action: 'resubmit', opinion: '' }).state.status).toBe(
      'processing',
    );
    const pending = act(elderly, accepted, extension(3), streetWorker).state;
    expect(act(elderly, pending, decideExtension(false), civilAffairs).effect).toBe(
      'extension_denied',
    );
    expect(act(elderly, accepted, { action: 'withdraw', opinion: '' }).effect).toBe('withdrawn');
    expect(act(elderly, accepted, { action: 'approve', opinion: '' }, streetWorker).effect).toBe(
      'step_passed',
    );
  });

  it('accepts an opinion of 1000 characters, not counting surrounding spaces, and refuses 1001', () => {
    const state = acceptedElderly();
    const thousand = '核'.repeat(1000);
    expect(
      act(elderly, state, { action: 'return', opinion: `  ${thousand}\n` }, streetWorker).effect,
    ).toBe('returned');
    const error = domainErrorOf(() =>
      act(elderly, state, { action: 'return', opinion: `${thousand}核` }, streetWorker),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.fieldErrors).toEqual([{ path: 'opinion', message: '不能超过 1000 字' }]);
  });

  it('counts a rare character outside the basic plane (𠮷) as one of the 1000 characters', () => {
    // Defect: the limit counts UTF-16 code units, so 1000 字 with one 𠮷 (2 units) is refused;
    // applicationFormProblems in service-matters.ts counts code points ([...text].length).
    const opinion = `𠮷${'核'.repeat(999)}`;
    expect([...opinion].length).toBe(1000);
    const { effect } = act(elderly, acceptedElderly(), { action: 'return', opinion }, streetWorker);
    expect(effect).toBe('returned');
  });

  it('refuses extensions of 0, 31 or a fractional number of days, and allows 1 to 30', () => {
    const state = acceptedElderly();
    for (const days of [0, 31, 1.5, -1, Number.NaN]) {
      const error = domainErrorOf(() => act(elderly, state, extension(days), streetWorker));
      expect(error.code, String(days)).toBe('VALIDATION');
      expect(error.fieldErrors).toEqual([{ path: 'days', message: '应为 1–30 的整数' }]);
    }
    for (const days of [1, 30]) {
      const { state: pending, effect } = act(elderly, state, extension(days), streetWorker);
      expect(effect).toBe('extension_requested');
      expect(pending.pendingExtension?.days).toBe(days);
    }
  });
});

describe('the time limit of an application', () => {
  it('runs 15 working days from acceptance on 2026-09-28, across the National Day holiday', () => {
    // Accepted Monday 9-28 (the day itself does not count). Counting: 9-29 (1), 9-30 (2), 10-1…7 off,
    // 10-8 (3), 10-9 (4), Saturday 10-10 worked (5), Sunday 10-11 off, 10-12…10-16 (6–10),
    // 10-19…10-23 (11–15): the deadline is Friday 2026-10-23.
    const limit = applicationTimeLimit(cal2026, elderly, acceptedElderly('2026-09-28'));
    expect(limit.deadline).toBe('2026-10-23');
    expect(limit.deadline).toBe(addWorkingDays(cal2026, '2026-09-28', 15));
    expect(limit.paused).toBe(false);
  });

  it('warns from the first day with 3 working days or fewer left (⌈15 × 20 %⌉ = 3)', () => {
    expect(timeLimitWarningDays(15)).toBe(3);
    const { deadline, warnOn } = applicationTimeLimit(cal2026, elderly, acceptedElderly());
    // Tuesday 10-20 leaves 10-21, 10-22, 10-23; Monday 10-19 still leaves four.
    expect(warnOn).toBe('2026-10-20');
    expect(remainingWorkingDays(cal2026, '2026-10-20', deadline!)).toBe(3);
    expect(remainingWorkingDays(cal2026, '2026-10-19', deadline!)).toBe(4);
    expect(timeLimitState(cal2026, '2026-10-19', deadline!, 15)).toBe('normal');
    expect(timeLimitState(cal2026, '2026-10-20', deadline!, 15)).toBe('warning');
  });

  it('stops the clock while out for supplement: no deadline, no warning, paused', () => {
    const returned = act(elderly, acceptedElderly(), giveBack, streetWorker, '2026-10-09').state;
    expect(returned.pauses).toEqual([{ from: '2026-10-09', to: null }]);
    expect(applicationTimeLimit(cal2026, elderly, returned)).toEqual({
      deadline: null,
      warnOn: null,
      paused: true,
    });
  });

  it('moves the deadline by exactly the working days between the return and the supplement', () => {
    // returned Friday 10-9 (still counts), supplemented Wednesday 10-14 (does not count):
    // 10-10, 10-12, 10-13, 10-14 are not counted, so 10-23 moves 4 working days to Thursday 10-29.
    const returned = act(elderly, acceptedElderly(), giveBack, streetWorker, '2026-10-09').state;
    const back = act(elderly, returned, resubmit, windowWorker, '2026-10-14').state;
    expect(back.pauses).toEqual([{ from: '2026-10-09', to: '2026-10-14' }]);
    expect(workingDaysBetween(cal2026, '2026-10-09', '2026-10-14')).toBe(4);
    const limit = applicationTimeLimit(cal2026, elderly, back);
    expect(limit).toEqual({ deadline: '2026-10-29', warnOn: '2026-10-26', paused: false });
    expect(limit.deadline).toBe(addWorkingDays(cal2026, '2026-10-23', 4));
  });

  it('does not warn on the weekend before the warning day', () => {
    // deadline Thursday 10-29: Friday 10-23 and the weekend leave four working days, Monday three
    const returned = act(elderly, acceptedElderly(), giveBack, streetWorker, '2026-10-09').state;
    const back = act(elderly, returned, resubmit, windowWorker, '2026-10-14').state;
    const { warnOn } = applicationTimeLimit(cal2026, elderly, back);
    expect(warnOn).toBe('2026-10-26');
    expect(remainingWorkingDays(cal2026, '2026-10-25', '2026-10-29')).toBe(4);
  });

  it('moves the deadline only by the working days of a pause that spanned the holiday', () => {
    // returned 9-30, supplemented 10-8: of 10-1…10-8 only 10-8 is a working day
    const returned = act(elderly, acceptedElderly(), giveBack, streetWorker, '2026-09-30').state;
    const back = act(elderly, returned, resubmit, windowWorker, '2026-10-08').state;
    expect(applicationTimeLimit(cal2026, elderly, back).deadline).toBe('2026-10-26');
  });

  it('adds the working days of every closed pause when returned more than once', () => {
    let state = acceptedElderly();
    state = act(elderly, state, giveBack, streetWorker, '2026-09-29').state;
    state = act(elderly, state, resubmit, windowWorker, '2026-09-30').state; // 1 day
    state = act(elderly, state, giveBack, streetWorker, '2026-10-12').state;
    state = act(elderly, state, resubmit, windowWorker, '2026-10-15').state; // 3 days
    expect(state.pauses).toEqual([
      { from: '2026-09-29', to: '2026-09-30' },
      { from: '2026-10-12', to: '2026-10-15' },
    ]);
    expect(applicationTimeLimit(cal2026, elderly, state).deadline).toBe(
      addWorkingDays(cal2026, '2026-10-23', 4),
    );
  });

  it('moves the deadline by the working days of an approved extension', () => {
    const requested = act(elderly, acceptedElderly(), extension(3), streetWorker, '2026-10-12');
    expect(requested.effect).toBe('extension_requested');
    // still the original deadline while the request is pending
    expect(applicationTimeLimit(cal2026, elderly, requested.state).deadline).toBe('2026-10-23');
    const decided = act(elderly, requested.state, decideExtension(true), civilAffairs);
    expect(decided.effect).toBe('extension_approved');
    expect(decided.state.extensions).toEqual([3]);
    expect(decided.state.pendingExtension).toBeNull();
    // Friday 10-23 + 3 working days: 10-26, 10-27, 10-28
    expect(applicationTimeLimit(cal2026, elderly, decided.state).deadline).toBe('2026-10-28');
  });

  it('leaves the deadline alone when an extension is denied', () => {
    const requested = act(elderly, acceptedElderly(), extension(3), streetWorker).state;
    const decided = act(elderly, requested, decideExtension(false), civilAffairs);
    expect(decided.effect).toBe('extension_denied');
    expect(decided.state.extensions).toEqual([]);
    expect(decided.state.pendingExtension).toBeNull();
    expect(applicationTimeLimit(cal2026, elderly, decided.state).deadline).toBe('2026-10-23');
  });

  it('adds successive approved extensions together', () => {
    let state = acceptedElderly();
    for (const days of [3, 2]) {
      state = act(elderly, state, extension(days), streetWorker).state;
      state = act(elderly, state, decideExtension(true), civilAffairs).state;
    }
    expect(state.extensions).toEqual([3, 2]);
    expect(applicationTimeLimit(cal2026, elderly, state).deadline).toBe(
      addWorkingDays(cal2026, '2026-09-28', 20),
    );
  });
});

describe('application numbers and verification codes', () => {
  it('numbers an application SQ, the date of submission and six digits of the sequence', () => {
    expect(applicationNumber('2026-11-28', 123)).toBe('SQ20261128000123');
    expect(applicationNumber('2026-01-05', 1)).toBe('SQ20260105000001');
    expect(applicationNumber('2026-01-05', 999_999)).toBe('SQ20260105999999');
  });

  it('has an alphabet without the look-alikes 0/O and 1/I/L', () => {
    for (const c of ['0', 'O', '1', 'I', 'L']) expect(verificationCodeAlphabet).not.toContain(c);
    expect(new Set(verificationCodeAlphabet).size).toBe(verificationCodeAlphabet.length);
  });

  it('makes a 12-character code from the alphabet out of random bytes', () => {
    const pattern = new RegExp(`^[${verificationCodeAlphabet}]{12}$`);
    const bytes = Uint8Array.from({ length: 12 }, (_, i) => (i * 97 + 13) % 256);
    expect(verificationCodeFrom(bytes)).toMatch(pattern);
    expect(verificationCodeFrom(new Uint8Array(12))).toBe('AAAAAAAAAAAA');
    expect(verificationCodeFrom(new Uint8Array(12).fill(255))).toMatch(pattern);
    const n = verificationCodeAlphabet.length;
    expect(verificationCodeFrom(new Uint8Array(12).fill(n - 1))).toBe('999999999999');
    expect(verificationCodeFrom(new Uint8Array(12).fill(n))).toBe('AAAAAAAAAAAA');
  });

  it('uses only the first 12 bytes it is given', () => {
    const bytes = new Uint8Array(32).fill(5);
    expect(verificationCodeFrom(bytes)).toBe(verificationCodeAlphabet[5]!.repeat(12));
  });

  it('refuses fewer than 12 random bytes instead of writing “undefined” into the code', () => {
    // Defect: verificationCodeFrom(new Uint8Array(4)) returns 'AAAAundefinedundefined…'.
    expect(() => verificationCodeFrom(new Uint8Array(4))).toThrow();
  });
});
