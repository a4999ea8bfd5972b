import {
  departmentTypes,
  findSpecialGroup,
  matterCategories,
  matterLevels,
  type MatterLevel,
} from '@shequ/core';
import { Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { resultKinds, type MatterDraft } from '../../matter-draft';
import { DesignerField } from './designer-field';

interface SectionProps {
  draft: MatterDraft;
  onChange: (changes: Partial<MatterDraft>) => void;
}

const departmentOptions = departmentTypes.map((d) => ({ value: d.code, label: d.name }));

/** The register an approval feeds, read-only: it is configured with the system, not here. */
function RegisterLine({ register }: { register: unknown }) {
  const { group, attributes } = (register ?? {}) as {
    group?: string;
    attributes?: Record<string, string | number>;
  };
  const found = group ? findSpecialGroup(group) : undefined;
  const parts = Object.entries(attributes ?? {}).map(
    ([key, value]) => `${found?.fields.find((f) => f.key === key)?.label ?? key}：${value}`,
  );
  return (
    <Typography.Text data-testid="designer-register">
      {found?.name ?? group}
      {parts.length > 0 && `（${parts.join('，')}）`}
    </Typography.Text>
  );
}

/** 基本信息: code, name, category, department, levels, time limit, fee, switches and the result. */
export function BasicSection({ draft, onChange, creating }: SectionProps & { creating: boolean }) {
  const { t } = useTranslation();
  const levelOptions = matterLevels.map((level: MatterLevel) => ({
    value: level,
    label: t(`level.${level}`),
  }));
  const register = draft.result.extra.register;
  return (
    <Row gutter={12}>
      <DesignerField
        problemKey="code"
        span={12}
        required
        label={t('applications.designer.basic.code')}
        extra={creating ? t('applications.designer.basic.codeHint') : undefined}
      >
        <Input
          value={draft.code}
          disabled={!creating}
          maxLength={64}
          onChange={(e) => onChange({ code: e.target.value })}
          data-testid="designer-code"
        />
      </DesignerField>
      <DesignerField
        problemKey="name"
        span={12}
        required
        label={t('applications.designer.basic.name')}
      >
        <Input
          value={draft.name}
          maxLength={100}
          onChange={(e) => onChange({ name: e.target.value })}
          data-testid="designer-name"
        />
      </DesignerField>
      <DesignerField
        problemKey="category"
        span={8}
        label={t('applications.designer.basic.category')}
      >
        <Select
          value={draft.category}
          onChange={(category) => onChange({ category })}
          options={matterCategories.map((c) => ({
            value: c,
            label: t(`applications.category.${c}`),
          }))}
        />
      </DesignerField>
      <DesignerField
        problemKey="departmentType"
        span={8}
        label={t('applications.designer.basic.departmentType')}
      >
        <Select
          value={draft.departmentType}
          onChange={(departmentType) => onChange({ departmentType })}
          options={departmentOptions}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </DesignerField>
      <DesignerField
        problemKey="timeLimitDays"
        span={8}
        label={t('applications.designer.basic.timeLimitDays')}
      >
        <InputNumber
          value={draft.timeLimitDays}
          min={1}
          max={365}
          precision={0}
          style={{ width: '100%' }}
          suffix={t('applications.designer.basic.workingDays')}
          onChange={(timeLimitDays) => onChange({ timeLimitDays })}
          data-testid="designer-time-limit"
        />
      </DesignerField>
      <DesignerField
        problemKey="acceptLevel"
        span={8}
        label={t('applications.designer.basic.acceptLevel')}
      >
        <Select
          value={draft.acceptLevel}
          onChange={(acceptLevel) => onChange({ acceptLevel })}
          options={levelOptions}
        />
      </DesignerField>
      <DesignerField
        problemKey="decideLevel"
        span={8}
        label={t('applications.designer.basic.decideLevel')}
      >
        <Select
          value={draft.decideLevel}
          onChange={(decideLevel) => onChange({ decideLevel })}
          options={levelOptions}
        />
      </DesignerField>
      <DesignerField problemKey="fee" span={8} label={t('applications.designer.basic.fee')}>
        <Input
          value={draft.fee}
          maxLength={200}
          onChange={(e) => onChange({ fee: e.target.value })}
        />
      </DesignerField>
      <DesignerField
        problemKey="result.kind"
        span={8}
        label={t('applications.designer.basic.resultKind')}
      >
        <Select
          value={draft.result.kind}
          onChange={(kind) => onChange({ result: { ...draft.result, kind } })}
          options={resultKinds.map((kind) => ({
            value: kind,
            label: t(`applications.designer.resultKind.${kind}`),
          }))}
        />
      </DesignerField>
      <DesignerField
        problemKey="result.title"
        span={16}
        required
        label={t('applications.designer.basic.resultTitle')}
      >
        <Input
          value={draft.result.title}
          maxLength={100}
          onChange={(e) => onChange({ result: { ...draft.result, title: e.target.value } })}
          data-testid="designer-result-title"
        />
      </DesignerField>
      {register !== undefined && (
        <DesignerField
          problemKey="result.register"
          label={t('applications.designer.basic.register')}
          extra={t('applications.designer.basic.registerHint')}
        >
          <RegisterLine register={register} />
        </DesignerField>
      )}
      <DesignerField problemKey="online" span={8} label={t('applications.designer.basic.online')}>
        <Switch checked={draft.online} onChange={(online) => onChange({ online })} />
      </DesignerField>
      <DesignerField problemKey="enabled" span={8} label={t('applications.designer.basic.enabled')}>
        <Switch
          checked={draft.enabled}
          onChange={(enabled) => onChange({ enabled })}
          data-testid="designer-enabled"
        />
      </DesignerField>
    </Row>
  );
}

/** 申请条件 and 设定依据: one per line. */
export function BasisSection({ draft, onChange }: SectionProps) {
  const { t } = useTranslation();
  return (
    <Row gutter={12}>
      {(['conditions', 'legalBasis'] as const).map((key) => (
        <DesignerField
          key={key}
          problemKey={key}
          label={t(`applications.designer.basis.${key}`)}
          extra={t('applications.designer.basis.linesHint')}
        >
          <Input.TextArea
            value={draft[key]}
            autoSize={{ minRows: 4, maxRows: 14 }}
            onChange={(e) => onChange({ [key]: e.target.value })}
            data-testid={`designer-${key}`}
          />
        </DesignerField>
      ))}
    </Row>
  );
}
