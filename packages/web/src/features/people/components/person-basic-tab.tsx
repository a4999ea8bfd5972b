import { EyeOutlined } from '@ant-design/icons';
import {
  documentTypeCodes,
  educationCodes,
  ethnicityCodes,
  maritalStatusCodes,
  politicalStatusCodes,
  sexCodes,
  type PersonDetail,
} from '@shequ/core';
import { Button, Descriptions, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../../ui/format';
import { useValueBadges, withValueBadges } from '../../governance/use-value-badges';
import { codeLabel } from '../labels';
import { LifeStatusTag } from './life-status-tag';
import { PersonTags } from './person-tags';

const orDash = (value: string | null) => value ?? '—';

/** 基本信息: every attribute of the person, sensitive ones masked with a way to ask for them. */
export function PersonBasicTab({
  person,
  onUnmask,
}: {
  person: PersonDetail;
  onUnmask: () => void;
}) {
  const { t } = useTranslation();
  // 待核验 / 已核验 / … beside each governed value, with its provenance on hover
  const badge = useValueBadges(person);
  const masked = (value: string | null): ReactNode =>
    value === null ? (
      '—'
    ) : (
      <Typography.Text style={{ fontFamily: 'monospace' }}>{value}</Typography.Text>
    );

  return (
    <Flex vertical gap={12}>
      {person.canUnmask && (
        <Flex justify="flex-end">
          <Button icon={<EyeOutlined />} onClick={onUnmask} data-testid="person-unmask">
            {t('person.unmask')}
          </Button>
        </Flex>
      )}
      <Descriptions
        bordered
        size="small"
        data-testid="person-basic"
        styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
        items={withValueBadges(person, badge, [
          { key: 'name', label: t('person.name'), children: person.name },
          {
            key: 'formerNames',
            label: t('person.formerNames'),
            children: orDash(person.formerNames),
          },
          { key: 'sex', label: t('person.sex'), children: codeLabel(sexCodes, person.sex) },
          {
            key: 'birthDate',
            label: t('person.birthDate'),
            children:
              person.age === null
                ? formatDate(person.birthDate)
                : `${formatDate(person.birthDate)}（${t('person.ageYears', { age: person.age })}）`,
          },
          {
            key: 'ethnicity',
            label: t('person.ethnicity'),
            children: codeLabel(ethnicityCodes, person.ethnicity),
          },
          {
            key: 'documentType',
            label: t('person.documentType'),
            children: codeLabel(documentTypeCodes, person.documentType),
          },
          { key: 'idNumber', label: t('person.idNumber'), children: masked(person.idNumberMasked) },
          { key: 'phone', label: t('person.phone'), children: masked(person.phoneMasked) },
          {
            key: 'residenceType',
            label: t('person.residenceType'),
            children: t(`residenceType.${person.residenceType}`),
            span: 'filled',
          },
          {
            key: 'registeredAddress',
            label: t('person.registeredAddress'),
            children: orDash(person.registeredAddressMasked),
            span: 'filled',
          },
          {
            key: 'currentAddress',
            label: t('person.currentAddress'),
            children: orDash(person.currentAddressMasked),
            span: 'filled',
          },
          {
            key: 'lifeStatus',
            label: t('person.lifeStatus'),
            children: (
              <Flex gap={8} align="center">
                <LifeStatusTag status={person.lifeStatus} />
                {person.lifeStatusDate && formatDate(person.lifeStatusDate)}
              </Flex>
            ),
          },
          {
            key: 'community',
            label: t('person.community'),
            children: `${person.regionName} ${person.regionCode}`,
          },
          {
            key: 'politicalStatus',
            label: t('person.politicalStatus'),
            children: codeLabel(politicalStatusCodes, person.politicalStatus),
          },
          {
            key: 'maritalStatus',
            label: t('person.maritalStatus'),
            children: codeLabel(maritalStatusCodes, person.maritalStatus),
          },
          {
            key: 'education',
            label: t('person.education'),
            children: codeLabel(educationCodes, person.education),
          },
          { key: 'occupation', label: t('person.occupation'), children: orDash(person.occupation) },
          { key: 'employer', label: t('person.employer'), children: orDash(person.employer) },
          {
            key: 'health',
            label: t('person.health'),
            children: orDash(person.health),
            span: 'filled',
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
            span: 'filled',
          },
          {
            key: 'note',
            label: t('person.note'),
            children: orDash(person.note),
            span: 'filled',
          },
          {
            key: 'createdAt',
            label: t('person.createdAt'),
            children: formatDateTime(person.createdAt),
          },
          {
            key: 'updatedAt',
            label: t('person.updatedAt'),
            children: formatDateTime(person.updatedAt),
            span: 'filled',
          },
        ])}
      />
    </Flex>
  );
}
