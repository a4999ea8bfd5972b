import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DraftProblem } from '../../matter-draft-problems';

const SHOWN = 6;

/**
 * The count of problems that stop the save, and the first few, each a link to its input; or a
 * line saying the draft may be saved.
 */
export function ProblemSummary({
  problems,
  onPick,
}: {
  problems: readonly DraftProblem[];
  onPick: (problem: DraftProblem) => void;
}) {
  const { t } = useTranslation();
  if (problems.length === 0) {
    return (
      <Alert
        type="success"
        showIcon
        title={t('applications.designer.problems.none')}
        data-testid="designer-problems"
      />
    );
  }
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="designer-problems"
      title={t('applications.designer.problems.count', { count: problems.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {problems.slice(0, SHOWN).map((problem) => (
            <li key={`${problem.key}:${problem.message}`}>
              <Typography.Link onClick={() => onPick(problem)}>{problem.message}</Typography.Link>
            </li>
          ))}
          {problems.length > SHOWN && (
            <li>{t('applications.designer.problems.more', { count: problems.length - SHOWN })}</li>
          )}
        </ul>
      }
    />
  );
}
