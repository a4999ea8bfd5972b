import { chinaDate, type TimeLimitState } from '@shequ/core';
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { daysLeft, timeLimitColor, timeLimitTextType } from '../time-limit';

interface TimeLimitTagProps {
  deadline: string | null;
  state: TimeLimitState | null;
  /** Returned for supplement: the clock stands still. */
  paused?: boolean;
  /** Also say how many days are left (the detail page). */
  showDaysLeft?: boolean;
}

/** The deadline (办结期限) in the time limit's colour: normal, yellow 预警, red 超期. */
export function TimeLimitTag({ deadline, state, paused, showDaysLeft }: TimeLimitTagProps) {
  const { t } = useTranslation();
  if (paused) {
    return (
      <Tag color="purple" style={{ marginInlineEnd: 0 }} data-testid="time-limit">
        {t('applications.timeLimit.paused')}
      </Tag>
    );
  }
  if (!deadline) return <>—</>;
  const left = daysLeft(deadline, chinaDate(new Date()));
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
      {showDaysLeft && (
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
