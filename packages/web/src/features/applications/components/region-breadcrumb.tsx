import { Breadcrumb } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DrilledRegion } from '../region-drill';

/** Where a drill-down stands: the user's scope, then each region clicked; each step goes back. */
export function RegionBreadcrumb({
  path,
  onBack,
}: {
  path: readonly DrilledRegion[];
  /** The step clicked: -1 for the top (the user's own scope). */
  onBack: (index: number) => void;
}) {
  const { t } = useTranslation();
  const steps = [{ code: '', name: t('applications.board.scope') }, ...path];
  return (
    <Breadcrumb
      data-testid="region-breadcrumb"
      items={steps.map((step, i) => ({
        key: step.code || 'top',
        title:
          i === steps.length - 1 ? (
            step.name
          ) : (
            <a
              onClick={(event) => {
                event.preventDefault();
                onBack(i - 1);
              }}
              href="#"
            >
              {step.name}
            </a>
          ),
      }))}
    />
  );
}
