import { departmentTypes, type MatterSummary, type ServiceMatter } from '@shequ/core';
import { Alert, Card, Empty, Form, Tabs, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { intakeFieldSpecs } from '../../intake-form';
import { MatterDefinition } from '../../matter-definition';
import { previewFields } from '../../matter-draft-edits';
import { IntakeFormFields } from '../intake-form-fields';
import { MatterDetail } from '../matter-detail';

interface DesignerPreviewProps {
  definition: ServiceMatter;
  enabled: boolean;
  version: number;
}

/**
 * The draft as people will meet it, redrawn on every change: the application form exactly as the
 * window's intake renders it, and the service guide (办事指南) as the matter page shows it.
 */
export function DesignerPreview({ definition, enabled, version }: DesignerPreviewProps) {
  const { t } = useTranslation();
  const unnamed = t('applications.designer.preview.unnamed');
  const shown = previewFields(definition.form);
  const specs = useMemo(
    () =>
      intakeFieldSpecs(
        previewFields(definition.form).map((field) => ({
          ...field,
          label: field.label || unnamed,
        })),
      ),
    [definition.form, unnamed],
  );
  const summary: MatterSummary = {
    code: definition.code,
    name: definition.name,
    category: definition.category,
    departmentType: definition.departmentType,
    departmentName:
      departmentTypes.find((d) => d.code === definition.departmentType)?.name ??
      definition.departmentType,
    timeLimitDays: definition.timeLimitDays,
    online: definition.online,
    enabled,
    version,
  };
  const guide = MatterDefinition.safeParse(definition);
  const hidden = definition.form.length - shown.length;
  return (
    <Card size="small" styles={{ body: { paddingTop: 0 } }} data-testid="designer-preview">
      <Tabs
        items={[
          {
            key: 'form',
            label: t('applications.designer.preview.form'),
            children: (
              <>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {definition.name || unnamed}
                </Typography.Title>
                {hidden > 0 && (
                  <Alert
                    type="warning"
                    showIcon
                    style={{ marginBottom: 12 }}
                    title={t('applications.designer.preview.hiddenFields', { count: hidden })}
                  />
                )}
                {specs.length === 0 ? (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={t('applications.designer.preview.noFields')}
                  />
                ) : (
                  <Form layout="vertical" data-testid="designer-preview-form">
                    <IntakeFormFields specs={specs} />
                  </Form>
                )}
              </>
            ),
          },
          {
            key: 'guide',
            label: t('applications.designer.preview.guide'),
            children: (
              <MatterDetail summary={summary} definition={guide.success ? guide.data : undefined} />
            ),
          },
        ]}
      />
    </Card>
  );
}
