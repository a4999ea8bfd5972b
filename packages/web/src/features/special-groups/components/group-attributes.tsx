import { Typography } from 'antd';
import { describeAttributes } from '../attributes';

/** A membership's facts on one line each: 残疾等级：二级. */
export function GroupAttributes({
  groupCode,
  attributes,
}: {
  groupCode: string;
  attributes: Record<string, unknown>;
}) {
  const facts = describeAttributes(groupCode, attributes);
  if (facts.length === 0) return <>—</>;
  return (
    <div>
      {facts.map((fact) => (
        <div key={fact.key}>
          <Typography.Text type="secondary">{fact.label}：</Typography.Text>
          {fact.value}
        </div>
      ))}
    </div>
  );
}
