import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import type { MatterSummary, MatterView } from '@shequ/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Col, Flex, Form, Input, Row, Skeleton, Tabs } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../../api/problem';
import { FormModal } from '../../../ui/form-modal';
import { PageContainer } from '../../../ui/page-container';
import { ErrorResult } from '../../../ui/query-state';
import { useApiErrorHandler } from '../../../ui/use-api-error';
import { applicationKeys, matterQuery, mattersQuery } from '../api';
import { BasicSection, BasisSection } from '../components/designer/basic-section';
import { DesignerProblemsProvider } from '../components/designer/designer-field';
import { DesignerPreview } from '../components/designer/designer-preview';
import { FormFieldsSection } from '../components/designer/form-fields-section';
import { MaterialsSection } from '../components/designer/materials-section';
import { ProblemSummary } from '../components/designer/problem-summary';
import { StepsSection } from '../components/designer/steps-section';
import { useLeaveGuard } from '../components/designer/use-leave-guard';
import { useSaveMatter } from '../components/designer/use-save-matter';
import { definitionOf, draftFingerprint, draftOf, type MatterDraft } from '../matter-draft';
import { copyDraft, newMatterDraft } from '../matter-draft-edits';
import {
  dedupe,
  designerSections,
  draftProblems,
  problemCounts,
  problemKey,
  problemsByKey,
  sectionOf,
  type DesignerSection,
  type DraftProblem,
} from '../matter-draft-problems';

type Mode = 'create' | 'copy' | 'edit';

/**
 * 事项设计: a matter's definition edited as structured sections on the left, previewed live on the
 * right. `matters/new` starts from a template, `matters/new?from=<code>` from a copy of a matter,
 * `matters/:code/edit` from the matter's current version.
 */
export function MatterDesignerPage() {
  const { code } = useParams();
  const [search] = useSearchParams();
  const sourceCode = code ?? search.get('from') ?? undefined;
  // A matter to edit is read afresh, so the version saved against is the latest.
  const source = useQuery({
    ...matterQuery(sourceCode ?? ''),
    enabled: Boolean(sourceCode),
    staleTime: 0,
  });
  const matters = useQuery(mattersQuery);
  const queryClient = useQueryClient();
  const mode: Mode = code ? 'edit' : sourceCode ? 'copy' : 'create';

  if (!sourceCode) return <MatterDesigner mode={mode} matters={matters.data ?? []} />;
  if (source.isError) {
    return <ErrorResult error={source.error} onRetry={() => void source.refetch()} />;
  }
  if (!source.data || !source.isFetchedAfterMount) return <Skeleton active />;
  return (
    <MatterDesigner
      key={`${source.data.code}:${source.data.version}`}
      mode={mode}
      source={source.data}
      matters={matters.data ?? []}
      onReload={() => {
        // someone else saved: the catalog's versions are stale as well
        void queryClient.invalidateQueries({ queryKey: applicationKeys.matters() });
        void source.refetch();
      }}
    />
  );
}

interface MatterDesignerProps {
  mode: Mode;
  source?: MatterView;
  matters: readonly MatterSummary[];
  onReload?: () => void;
}

function MatterDesigner({ mode, source, matters, onReload }: MatterDesignerProps) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const handleError = useApiErrorHandler();
  const [initial] = useState<MatterDraft>(() => {
    if (!source) {
      return newMatterDraft({
        fee: t('applications.designer.template.fee'),
        acceptStep: t('applications.designer.template.acceptStep'),
        decideStep: t('applications.designer.template.decideStep'),
      });
    }
    const loaded = draftOf(source.definition, source.enabled);
    return mode === 'copy' ? copyDraft(loaded, t('applications.designer.copySuffix')) : loaded;
  });
  const [draft, setDraft] = useState(initial);
  const [serverProblems, setServerProblems] = useState<DraftProblem[]>([]);
  const [tab, setTab] = useState<DesignerSection>('basic');
  const [asking, setAsking] = useState(false);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const creating = mode !== 'edit';

  const definition = useMemo(() => definitionOf(draft), [draft]);
  const problems = useMemo(() => {
    const taken =
      creating && matters.some((m) => m.code === definition.code)
        ? [
            {
              key: 'code',
              message: t('applications.designer.problems.codeTaken', { code: definition.code }),
            },
          ]
        : [];
    return dedupe([...serverProblems, ...taken, ...draftProblems(draft)]);
  }, [creating, definition, draft, matters, serverProblems, t]);
  const byKey = useMemo(() => problemsByKey(problems), [problems]);
  const counts = problemCounts(problems);
  const dirty = useMemo(
    () => draftFingerprint(draft) !== draftFingerprint(initial),
    [draft, initial],
  );
  const { allowLeave } = useLeaveGuard(dirty);
  const save = useSaveMatter((view) => {
    allowLeave();
    void message.success(t('applications.designer.save.saved', { version: view.version }));
    // at once, before the saved version reaches the caches: a transition would keep the designer
    // on screen while it unmounts
    void navigate(`/matters/${view.code}`, { replace: true, flushSync: true });
  });

  const change = (changes: Partial<MatterDraft>) => {
    setDraft((current) => ({ ...current, ...changes }));
    setServerProblems([]);
  };

  const pick = (problem: DraftProblem) => {
    setTab(sectionOf(problem.key));
    // the tab renders first; then the input can be brought into view
    setTimeout(() => {
      document
        .querySelector(`[data-problem-key="${problem.key}"]`)
        ?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    }, 50);
  };

  const stale = () =>
    modal.confirm({
      title: t('applications.designer.save.staleTitle'),
      content: t('applications.designer.save.staleContent'),
      okText: t('applications.designer.save.reload'),
      onOk: () => {
        allowLeave();
        onReload?.();
      },
    });

  const failed = (error: unknown) => {
    if (isApiError(error) && error.status === 409 && !creating && !error.fieldErrors.length) {
      setAsking(false);
      stale();
      return;
    }
    const placed = isApiError(error)
      ? error.fieldErrors
          .filter((p) => p.path.startsWith('definition.'))
          .map((p) => ({ key: problemKey(p.path), message: p.message }))
      : [];
    if (placed.length === 0) {
      handleError(error, reasonForm);
      return;
    }
    setAsking(false);
    setServerProblems(placed);
    setTab(sectionOf(placed[0]!.key));
    void message.error(t('applications.designer.problems.server', { count: placed.length }));
  };

  const submit = ({ reason }: { reason: string }) => {
    const common = { definition, enabled: draft.enabled, reason };
    save.mutate(
      source && mode === 'edit'
        ? { ...common, mode: 'update', code: source.code, version: source.version }
        : { ...common, mode: 'create' },
      { onError: failed },
    );
  };

  const title =
    mode === 'edit'
      ? t('applications.designer.editTitle', { name: source?.name })
      : mode === 'copy'
        ? t('applications.designer.copyTitle', { name: source?.name })
        : t('applications.designer.newTitle');
  const sections: Record<DesignerSection, ReactNode> = {
    basic: <BasicSection draft={draft} onChange={change} creating={creating} />,
    basis: <BasisSection draft={draft} onChange={change} />,
    materials: (
      <MaterialsSection
        materials={draft.materials}
        onChange={(materials) => change({ materials })}
        matters={matters}
      />
    ),
    form: <FormFieldsSection fields={draft.form} onChange={(form) => change({ form })} />,
    steps: (
      <StepsSection
        steps={draft.steps}
        timeLimitDays={draft.timeLimitDays}
        onChange={(steps) => change({ steps })}
      />
    ),
  };

  return (
    <PageContainer
      title={title}
      description={t('applications.designer.description')}
      extra={
        <>
          <Button
            icon={<ArrowLeftOutlined />}
            onClick={() =>
              void navigate(source && mode === 'edit' ? `/matters/${source.code}` : '/matters')
            }
          >
            {t('common.back')}
          </Button>
          <Button
            type="primary"
            icon={<SaveOutlined />}
            disabled={problems.length > 0 || (mode === 'edit' && !dirty)}
            title={mode === 'edit' && !dirty ? t('applications.designer.unchanged') : undefined}
            onClick={() => setAsking(true)}
            data-testid="designer-save"
          >
            {t('common.save')}
          </Button>
        </>
      }
    >
      <Row gutter={16} align="top">
        <Col xs={24} xl={14}>
          <Flex vertical gap={12}>
            <ProblemSummary problems={problems} onPick={pick} />
            <Card size="small" styles={{ body: { paddingTop: 0 } }}>
              <DesignerProblemsProvider value={byKey}>
                <Form layout="vertical" component="div" data-testid="matter-designer">
                  {/* only the open section is mounted: every keystroke redraws the draft */}
                  <Tabs
                    destroyOnHidden
                    activeKey={tab}
                    onChange={(key) => setTab(key as DesignerSection)}
                    items={designerSections.map((section) => ({
                      key: section,
                      label: (
                        <Flex gap={6} align="center" data-testid={`designer-tab-${section}`}>
                          {t(`applications.designer.section.${section}`)}
                          {counts[section] > 0 && <Badge count={counts[section]} size="small" />}
                        </Flex>
                      ),
                      children: sections[section],
                    }))}
                  />
                </Form>
              </DesignerProblemsProvider>
            </Card>
          </Flex>
        </Col>
        <Col
          xs={24}
          xl={10}
          style={{
            position: 'sticky',
            top: 76,
            maxHeight: 'calc(100vh - 96px)',
            overflowY: 'auto',
          }}
        >
          <DesignerPreview
            definition={definition}
            enabled={draft.enabled}
            version={source && mode === 'edit' ? source.version + 1 : 1}
          />
        </Col>
      </Row>
      <FormModal<{ reason: string }>
        open={asking}
        title={t('applications.designer.save.title')}
        form={reasonForm}
        name="matter-save"
        submitting={save.isPending}
        onSubmit={submit}
        onCancel={() => setAsking(false)}
      >
        <Form.Item
          name="reason"
          label={t(`applications.designer.save.${creating ? 'reasonCreate' : 'reasonEdit'}`)}
          extra={
            source && mode === 'edit'
              ? t('applications.designer.save.editHint', { version: source.version + 1 })
              : t('applications.designer.save.createHint')
          }
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', {
                label: t(`applications.designer.save.${creating ? 'reasonCreate' : 'reasonEdit'}`),
              }),
            },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('applications.designer.save.reasonPlaceholder')}
            data-testid="designer-reason"
          />
        </Form.Item>
      </FormModal>
    </PageContainer>
  );
}
