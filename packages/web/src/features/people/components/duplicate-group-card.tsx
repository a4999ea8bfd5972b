import { MergeCellsOutlined } from '@ant-design/icons';
import { sexCodes, type PersonSummary } from '@shequ/core';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Input,
  Radio,
  Row,
  Tag,
  Typography,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DuplicateGroup } from '../../../api/types';
import { formatDate } from '../../../ui/format';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import { useMerge } from '../api';
import { codeLabel } from '../labels';
import { LifeStatusTag } from './life-status-tag';
import { PersonTags } from './person-tags';

/**
 * One group of suspected duplicates side by side: the worker picks the record to keep, gives a
 * reason, and the others are merged into it after a confirmation (their history stays).
 */
export function DuplicateGroupCard({ group, index }: { group: DuplicateGroup; index: number }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const merge = useMerge();
  const onError = useApiErrorHandler();
  const [keepId, setKeepId] = useState<string>();
  const [reason, setReason] = useState('');
  const keep = group.people.find((p) => p.id === keepId);
  // Values that differ between the records are what the worker has to weigh: they stand out.
  const differs = (value: (person: PersonSummary) => unknown) =>
    new Set(group.people.map((person) => JSON.stringify(value(person)))).size > 1;
  const mark = (text: ReactNode, different: boolean) =>
    different ? (
      <Typography.Text type="warning" strong>
        {text}
      </Typography.Text>
    ) : (
      text
    );
  const others = group.people.filter((p) => p.id !== keepId);

  const run = async () => {
    if (!keep) return;
    try {
      for (const other of others) {
        await merge.mutateAsync({ keepId: keep.id, mergeId: other.id, reason: reason.trim() });
      }
      void message.success(t('duplicate.merged', { name: keep.name, count: others.length }));
    } catch (error) {
      onError(error);
    }
  };

  const confirm = () =>
    modal.confirm({
      title: t('duplicate.confirmTitle'),
      content: t('duplicate.confirmContent', {
        keep: keep?.name ?? '',
        count: others.length,
      }),
      okText: t('duplicate.merge'),
      okButtonProps: { danger: true },
      onOk: run,
    });

  return (
    <Card
      size="small"
      data-testid="duplicate-group"
      title={
        <Flex gap={8} align="center">
          {t('duplicate.groupTitle', { index: index + 1 })}
          <Tag color="orange">{t(`duplicateReason.${group.reason}`)}</Tag>
        </Flex>
      }
    >
      <Radio.Group
        value={keepId}
        onChange={(event) => setKeepId(String(event.target.value))}
        style={{ width: '100%' }}
      >
        <Row gutter={[12, 12]}>
          {group.people.map((person) => (
            <Col key={person.id} xs={24} md={12} xl={8}>
              <Card
                size="small"
                type="inner"
                title={<Radio value={person.id}>{t('duplicate.keepThis')}</Radio>}
                extra={<Link to={`/people/${person.id}`}>{t('duplicate.open')}</Link>}
                style={person.id === keepId ? { borderColor: '#1456a8' } : undefined}
              >
                <Descriptions
                  size="small"
                  column={1}
                  items={[
                    { key: 'name', label: t('person.name'), children: person.name },
                    {
                      key: 'id',
                      label: t('person.idNumber'),
                      children: mark(
                        person.idNumberMasked,
                        differs((p) => p.idNumberMasked),
                      ),
                    },
                    {
                      key: 'sex',
                      label: t('person.sex'),
                      children: mark(
                        codeLabel(sexCodes, person.sex),
                        differs((p) => p.sex),
                      ),
                    },
                    {
                      key: 'birth',
                      label: t('person.birthDate'),
                      children: mark(
                        formatDate(person.birthDate),
                        differs((p) => p.birthDate),
                      ),
                    },
                    {
                      key: 'phone',
                      label: t('person.phone'),
                      children: mark(
                        person.phoneMasked ?? '—',
                        differs((p) => p.phoneMasked),
                      ),
                    },
                    {
                      key: 'community',
                      label: t('person.community'),
                      children: mark(
                        person.regionName,
                        differs((p) => p.regionCode),
                      ),
                    },
                    {
                      key: 'status',
                      label: t('person.lifeStatus'),
                      children: <LifeStatusTag status={person.lifeStatus} />,
                    },
                    {
                      key: 'tags',
                      label: t('person.tags'),
                      children: (
                        <PersonTags
                          derivedTags={person.derivedTags}
                          tags={person.tags}
                          flags={person.flags}
                        />
                      ),
                    },
                  ]}
                />
              </Card>
            </Col>
          ))}
        </Row>
      </Radio.Group>
      <Flex gap={8} style={{ marginTop: 12 }} wrap>
        <Input
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          maxLength={200}
          placeholder={t('duplicate.reasonPlaceholder')}
          aria-label={t('duplicate.reason')}
          style={{ flex: '1 1 320px' }}
        />
        <Button
          type="primary"
          danger
          icon={<MergeCellsOutlined />}
          disabled={!keep || !reason.trim()}
          loading={merge.isPending}
          onClick={() => void confirm()}
        >
          {t('duplicate.merge')}
        </Button>
      </Flex>
    </Card>
  );
}
