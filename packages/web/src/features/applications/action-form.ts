import type { ApplicationAction, ApplicationActionBody } from '@shequ/core';

/** The actions a person takes from the detail page (`submit` is the intake itself). */
export const panelActions = [
  'accept',
  'approve',
  'reject',
  'return',
  'transfer',
  'request_extension',
  'decide_extension',
  'supervise',
  'resubmit',
  'withdraw',
] as const satisfies readonly ApplicationAction[];
export type PanelAction = (typeof panelActions)[number];

/** Actions whose opinion (意见) must be written down, as core requires. */
const opinionRequired: readonly PanelAction[] = [
  'reject',
  'return',
  'transfer',
  'request_extension',
  'supervise',
];

export const needsOpinion = (action: PanelAction): boolean => opinionRequired.includes(action);

/** Actions that end or undo the application: asked again before sending. */
export const isDestructive = (action: PanelAction): boolean =>
  action === 'reject' || action === 'withdraw';

/** The allowed actions the panel offers, in the panel's order. */
export function offeredActions(allowed: readonly ApplicationAction[]): PanelAction[] {
  return panelActions.filter((action) => allowed.includes(action));
}

export interface ActionFormValues {
  opinion?: string;
  regionCode?: string;
  days?: number;
  approve?: boolean;
}

/** The request body of an action, with the version the page was showing. */
export function actionBody(
  action: PanelAction,
  values: ActionFormValues,
  version: number,
): ApplicationActionBody {
  const opinion = values.opinion?.trim() ?? '';
  switch (action) {
    case 'transfer':
      return { action, opinion, version, regionCode: values.regionCode ?? '' };
    case 'request_extension':
      return { action, opinion, version, days: values.days ?? 0 };
    case 'decide_extension':
      return { action, opinion, version, approve: values.approve ?? false };
    case 'accept':
    case 'approve':
    case 'reject':
    case 'return':
    case 'resubmit':
    case 'withdraw':
    case 'supervise':
      return { action, opinion, version };
  }
}
