import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { QueryState } from '../../../ui/query-state';
import { personQuery } from '../api';
import { PersonView } from '../components/person-view';

/** 人员详情: a person's record in tabs; opening it is an audited read. */
export function PersonDetailPage() {
  const { id = '' } = useParams();
  // Once the user states why they look (查看完整信息), later reads of this person carry it too.
  const [stated, setStated] = useState<{ id: string; purpose: string }>();
  const person = useQuery(personQuery(id, stated?.id === id ? stated.purpose : undefined));
  return (
    <QueryState query={person}>
      {(data) => (
        <PersonView person={data} onPurpose={(purpose) => setStated({ id: data.id, purpose })} />
      )}
    </QueryState>
  );
}
