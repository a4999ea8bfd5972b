import { openPii } from '../modules/people/pii';
import type { Services } from '../services';
import { demoPlaces } from './demo';

/**
 * Demo work for collect once, verify by one, compare by many: the community worker registers three
 * residents as disabled (their grades wait in 残联's queue, account `canlian`), and 民政 (account
 * `reviewer`) compares the grades of three registered residents with its own records — one agrees,
 * two do not (discrepancies for 残联 to rule on). Runs once, right after the demo residents.
 */
export async function seedDemoGovernance(services: Services): Promise<void> {
  const db = services.db;
  const worker = await services.auth.commandLineContext('worker', '载入演示数据');
  const civil = await services.auth.commandLineContext('reviewer', '载入演示数据');
  const inCommunity = `${demoPlaces.community}%`;
  const registered = await db
    .selectFrom('group_membership as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.pii', 'm.attributes'])
    .where('m.group_code', '=', 'disabled')
    .where('m.status', '=', 'active')
    .where('p.region_code', 'like', inCommunity)
    .orderBy('p.id')
    .limit(3)
    .execute();
  const others = await db
    .selectFrom('person as p')
    .select(['p.id'])
    .where('p.region_code', 'like', inCommunity)
    .where('p.life_status', '=', 'active')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('group_membership as m')
            .select('m.id')
            .whereRef('m.person_id', '=', 'p.id')
            .where('m.group_code', '=', 'disabled'),
        ),
      ),
    )
    .orderBy('p.id')
    .limit(3)
    .execute();
  const grades = ['2', '3', '4'];
  for (const [i, person] of others.entries()) {
    await services.people.addMembership(worker, person.id, {
      groupCode: 'disabled',
      startDate: '2026-10-15',
      attentionLevel: null,
      attributes: {
        certificateNumber: `3201021${String(i).padStart(2, '0')}00000000000${i + 1}`,
        category: String(i + 1),
        grade: grades[i]!,
        cause: '疾病',
      },
    });
  }
  for (const [i, person] of registered.entries()) {
    const grade = String(person.attributes.grade ?? '1');
    // the first agrees with us; the other two hold a different grade
    const theirs = i === 0 ? grade : grade === '1' ? '2' : '1';
    await services.verification.compare(civil, {
      idNumber: openPii(services.cipher, person.pii).idNumber,
      elementCode: 'group.disabled.grade',
      value: theirs,
    });
  }
}
