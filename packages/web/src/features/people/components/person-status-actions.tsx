import type { PersonDetail } from '@shequ/core';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import { useConfirmDeath, type LifeStatusBody } from '../api';
import { LifeStatusModal } from './life-status-modal';

/**
 * The actions a person's status allows: 迁出 and 报告死亡 for someone registered, 恢复 after a
 * move or a report, and 确认死亡 of a report (by another worker, as the server checks).
 */
export function PersonStatusActions({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const confirmDeath = useConfirmDeath(person.id);
  const onError = useApiErrorHandler();
  const [changing, setChanging] = useState<LifeStatusBody['status'] | null>(null);

  const confirm = () =>
    modal.confirm({
      title: t('lifeStatusAction.confirmDeathTitle', { name: person.name }),
      content: t('lifeStatusAction.confirmDeathHint'),
      okButtonProps: { danger: true },
      okText: t('lifeStatusAction.confirmDeath'),
      onOk: () =>
        confirmDeath.mutateAsync(person.version).then(
          () => void message.success(t('lifeStatusAction.confirmDeathDone')),
          (error: unknown) => onError(error),
        ),
    });

  const actions: { status: LifeStatusBody['status']; danger?: boolean }[] =
    person.lifeStatus === 'active'
      ? [{ status: 'moved_out' }, { status: 'deceased_reported', danger: true }]
      : person.lifeStatus === 'deceased'
        ? []
        : [{ status: 'active' }];

  return (
    <>
      {actions.map(({ status, danger }) => (
        <Button
          key={status}
          danger={danger}
          onClick={() => setChanging(status)}
          data-testid={`person-status-${status}`}
        >
          {t(`lifeStatusAction.${status}.action`)}
        </Button>
      ))}
      {person.lifeStatus === 'deceased_reported' && (
        <Button danger onClick={() => void confirm()} data-testid="person-confirm-death">
          {t('lifeStatusAction.confirmDeath')}
        </Button>
      )}
      {changing && (
        <LifeStatusModal person={person} status={changing} onClose={() => setChanging(null)} />
      )}
    </>
  );
}
