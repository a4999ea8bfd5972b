import type { SubjectView } from '@shequ/core';
import { Flex, Typography } from 'antd';
import { Link } from 'react-router';

/** The person an item is about: name (to their record), masked ID number, community. */
export function SubjectCell({ person }: { person: SubjectView }) {
  return (
    <Flex vertical gap={0}>
      <Link to={`/people/${person.id}`}>{person.name}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
        {person.idMasked}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {person.regionName}
      </Typography.Text>
    </Flex>
  );
}
