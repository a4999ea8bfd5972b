import {
  CatalogSettingInput,
  sensitivityLevels,
  updateCycles,
  type DataElementView,
} from '@shequ/core';
import {
  App,
  Alert,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { validateForm } from '../../../ui/form-errors';
import { useApiErrorHandler, useFieldProblemNotice } from '../../../ui/use-api-error';
import { useQuery } from '@tanstack/react-query';
import { HistoryTimeline } from '../../people/components/history-timeline';
import { QueryState } from '../../../ui/query-state';
import { catalogHistoryQuery, useUpdateCatalogSetting } from '../api';
import { DepartmentTypeSelect } from './department-type-select';
import { ElementTypeLabel } from './element-type-label';

interface SettingValues {
  verifier?: string | null;
  comparers?: string[];
  cycle?: DataElementView['cycle'];
  timeLimitDays?: number | null;
  sensitivity?: DataElementView['sensitivity'];
  reason?: string;
}

/**
 * 调整数据元: what a city may decide about an element (the one verifying department, the comparing
 * ones, the cycle, the time limit, the sensitivity), saved with a reason and the version read; the
 * server's field errors land on the fields.
 */
export function CatalogEditDrawer({
  cityCode,
  element,
  onClose,
}: {
  cityCode: string;
  element: DataElementView;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingValues>();
  const save = useUpdateCatalogSetting();
  const onError = useApiErrorHandler();
  const notice = useFieldProblemNotice();
  const verifier = Form.useWatch('verifier', form);

  const submit = (values: SettingValues) => {
    const body = {
      verifier: values.verifier ?? null,
      comparers: values.comparers ?? [],
      cycle: values.cycle,
      timeLimitDays: values.timeLimitDays ?? undefined,
      sensitivity: values.sensitivity,
      version: element.configured ? element.settingVersion : null,
      reason: values.reason ?? '',
    };
    const checked = validateForm(form, CatalogSettingInput, body);
    if (!('data' in checked)) return notice(checked.unplaced);
    save.mutate(
      { cityCode, elementCode: element.code, ...checked.data },
      {
        onSuccess: () => {
          void message.success(t('governance.catalog.saved', { name: element.name }));
          onClose();
        },
        onError: (error) => onError(error, form),
      },
    );
  };

  return (
    <Drawer
      open
      onClose={onClose}
      title={t('governance.catalog.editTitle', { name: element.name })}
      size={560}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="catalog-save"
          >
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'code', label: t('governance.catalog.code'), children: element.code },
          {
            key: 'type',
            label: t('governance.catalog.type'),
            children: <ElementTypeLabel type={element.type} />,
          },
          {
            key: 'codeSet',
            label: t('governance.catalog.codeSet'),
            children: element.codeSetName ?? '—',
          },
        ]}
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('governance.catalog.editHint')}
      />
      <Form<SettingValues>
        form={form}
        name="catalogSetting"
        layout="vertical"
        onFinish={submit}
        scrollToFirstError
        initialValues={{
          verifier: element.verifier,
          comparers: element.comparers,
          cycle: element.cycle,
          timeLimitDays: element.timeLimitDays,
          sensitivity: element.sensitivity,
        }}
      >
        <Form.Item
          label={t('governance.catalog.verifier')}
          name="verifier"
          extra={t('governance.catalog.verifierHint')}
        >
          <DepartmentTypeSelect
            placeholder={t('governance.catalog.notGoverned')}
            data-testid="catalog-verifier"
          />
        </Form.Item>
        <Form.Item label={t('governance.catalog.comparers')} name="comparers">
          <DepartmentTypeSelect
            multiple
            exclude={verifier ? [verifier] : []}
            data-testid="catalog-comparers"
          />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item label={t('governance.catalog.cycle')} name="cycle" style={{ flex: 1 }}>
            <Select
              options={updateCycles.map((c) => ({ value: c, label: t(`updateCycle.${c}`) }))}
            />
          </Form.Item>
          <Form.Item
            label={t('governance.catalog.timeLimit')}
            name="timeLimitDays"
            style={{ flex: 1 }}
          >
            <InputNumber
              min={1}
              max={90}
              precision={0}
              suffix={t('governance.catalog.daysUnit')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Flex>
        <Form.Item label={t('governance.catalog.sensitivity')} name="sensitivity">
          <Select
            options={sensitivityLevels.map((s) => ({ value: s, label: t(`sensitivity.${s}`) }))}
          />
        </Form.Item>
        <Form.Item
          label={t('governance.catalog.reason')}
          name="reason"
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { label: t('governance.catalog.reason') }),
            },
          ]}
        >
          <Input.TextArea
            rows={2}
            maxLength={200}
            showCount
            placeholder={t('governance.catalog.reasonPlaceholder')}
            data-testid="catalog-reason"
          />
        </Form.Item>
      </Form>
      {element.configured && <CatalogHistory cityCode={cityCode} elementCode={element.code} />}
    </Drawer>
  );
}

/** The history of the city's setting of this element (the catalog keeps one, as the issue asks). */
function CatalogHistory({ cityCode, elementCode }: { cityCode: string; elementCode: string }) {
  const { t } = useTranslation();
  const history = useQuery(catalogHistoryQuery(cityCode, elementCode));
  return (
    <div data-testid="catalog-history">
      <Typography.Title level={5}>{t('governance.catalog.history')}</Typography.Title>
      <QueryState query={history}>{(entries) => <HistoryTimeline entries={entries} />}</QueryState>
    </div>
  );
}
