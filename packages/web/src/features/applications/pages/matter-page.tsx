import { ArrowLeftOutlined, CopyOutlined, EditOutlined } from '@ant-design/icons';
import { findDataElement } from '@shequ/core';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { formatDateTime } from '../../../ui/format';
import { PageContainer } from '../../../ui/page-container';
import { QueryState } from '../../../ui/query-state';
import { useMe } from '../../auth/components/me-provider';
import { matterQuery } from '../api';
import { MatterDetail } from '../components/matter-detail';
import { MatterVersions } from '../components/matter-versions';
import {
  managesMatterCatalog,
  parseMatterDefinition,
  type MatterFormField,
} from '../matter-definition';

/** One matter's guide (办事指南) and its application form; a manager opens the designer from here. */
export function MatterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { code = '' } = useParams();
  const matter = useQuery(matterQuery(code));
  const canManage = managesMatterCatalog(useMe());
  return (
    <PageContainer
      title={matter.data?.name ?? t('nav.matters')}
      description={
        matter.data &&
        t('applications.matter.versionLine', {
          version: matter.data.version,
          at: formatDateTime(matter.data.updatedAt),
        })
      }
      extra={
        <>
          <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/matters')}>
            {t('common.back')}
          </Button>
          {canManage && matter.data && (
            <>
              <Button
                icon={<CopyOutlined />}
                onClick={() => void navigate(`/matters/new?from=${encodeURIComponent(code)}`)}
              >
                {t('applications.designer.copyButton')}
              </Button>
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => void navigate(`/matters/${code}/edit`)}
                data-testid="matter-edit"
              >
                {t('common.edit')}
              </Button>
            </>
          )}
        </>
      }
    >
      <QueryState query={matter}>
        {(view) => {
          const definition = parseMatterDefinition(view.definition);
          return (
            <Flex vertical gap={16}>
              <Card size="small">
                <MatterDetail summary={view} definition={definition} />
              </Card>
              {definition && (
                <Card size="small" title={t('applications.matter.form')}>
                  <Table<MatterFormField>
                    size="small"
                    rowKey="key"
                    pagination={false}
                    dataSource={definition.form}
                    columns={[
                      {
                        title: t('applications.matter.fieldLabel'),
                        dataIndex: 'label',
                        width: 200,
                      },
                      {
                        title: t('applications.matter.fieldType'),
                        dataIndex: 'type',
                        width: 110,
                        render: (type: MatterFormField['type']) =>
                          t(`applications.fieldType.${type}`),
                      },
                      {
                        title: t('applications.matter.fieldRequired'),
                        dataIndex: 'required',
                        width: 90,
                        render: (required: boolean) =>
                          required ? (
                            <Tag color="red">{t('applications.matter.fieldRequired')}</Tag>
                          ) : (
                            <Tag>{t('applications.matter.fieldOptional')}</Tag>
                          ),
                      },
                      {
                        title: t('applications.matter.fieldElement'),
                        dataIndex: 'element',
                        render: (element: string | undefined, field) => (
                          <Flex vertical gap={0}>
                            <span>
                              {element
                                ? t('applications.matter.prefilledFrom', {
                                    element: findDataElement(element)?.name ?? element,
                                  })
                                : '—'}
                            </span>
                            {field.help && (
                              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                {field.help}
                              </Typography.Text>
                            )}
                          </Flex>
                        ),
                      },
                    ]}
                  />
                </Card>
              )}
              <MatterVersions code={view.code} />
            </Flex>
          );
        }}
      </QueryState>
    </PageContainer>
  );
}
