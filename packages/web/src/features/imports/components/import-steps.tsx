import { Flex, Steps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const stepKeys = ['file', 'mapping', 'report', 'run', 'done'] as const;

/** The five steps of an import above the current step's content. */
export function ImportSteps({
  current,
  failed,
  children,
}: {
  current: number;
  failed?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={24}>
      <Steps
        current={current}
        status={failed ? 'error' : current === 4 ? 'finish' : 'process'}
        items={stepKeys.map((key) => ({ title: t(`importStep.${key}`) }))}
        data-testid="import-steps"
      />
      <div>{children}</div>
    </Flex>
  );
}
