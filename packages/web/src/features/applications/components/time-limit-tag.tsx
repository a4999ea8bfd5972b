import type { TimeLimitState } from '@shequ/core';
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { timeLimitColor, timeLimitTextType } from '../time-limit';

interface TimeLimitTagProps {
  deadline: string | null;
  state: TimeLimitState | null;
  /** Returned for supplement: the clock stands still. */
  paused?: boolean;
  /** Also say how many working days are left, negative once overdue (the detail page). */
  workingDaysLeft?: number | null;
}

/** The deadline (办结期限) in the time limit's colour: normal, yellow 预警, red 超期. */
export function TimeLimitTag({
  deadline,
  state,
  paused,
  workingDaysLeft: left,
}: TimeLimitTagProps) {
  const { t } = useTranslation();
  if (paused) {
    return (
      <Tag color="purple" style={{ marginInlineEnd: 0 }} data-testid="time-limit">
        {t('applications.timeLimit.paused')}
      </Tag>
    );
  }
  if (!deadline) return <>—</>;
  return (
    <Flex gap={6} align="center" wrap data-testid="time-limit" data-state={state ?? 'none'}>
      <Typography.Text type={timeLimitTextType(state)} strong={state !== 'normal'}>
        {deadline}
      </Typography.Text>
      {state && (
        <Tag color={timeLimitColor(state)} style={{ marginInlineEnd: 0 }}>
          {t(`applications.timeLimit.${state}`)}
        </Tag>
      )}
      {left !== undefined && left !== null && (
        <Typography.Text type={timeLimitTextType(state) ?? 'secondary'} style={{ fontSize: 12 }}>
          {left > 0
            ? t('applications.timeLimit.daysLeft', { count: left })
            : left === 0
              ? t('applications.timeLimit.dueToday')
              : t('applications.timeLimit.overdueBy', { count: -left })}
        </Typography.Text>
      )}
    </Flex>
  );
}
