import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chinaDate, findSpecialGroup, personImportColumns } from '@shequ/core';
import { withChange } from '../db/change-context';
import type { Services } from '../services';
import { documentIndexOf } from '../modules/people/pii';
import { generatePeople } from './people-generator';
import { demoPlaces } from './demo';
import { seedDemoApplications } from './demo-applications';
import { seedDemoGovernance } from './demo-governance';

/** How many residents the demo street gets: enough for every page to mean something. */
export const DEMO_PEOPLE = 3000;

/**
 * Demo residents of 玄武门街道: generated households imported through the real import path as
 * the `street` account (so they have the same history as real data), then their special-group
 * registrations. Idempotent: does nothing when the street already has people.
 */
export async function seedDemoPeople(
  services: Services,
  now = new Date(),
): Promise<{ seeded: number }> {
  const db = services.db;
  const existing = await db
    .selectFrom('person')
    .select('id')
    .where('region_code', 'like', `${demoPlaces.street}%`)
    .limit(1)
    .executeTakeFirst();
  if (existing) return { seeded: 0 };
  const communities = await db
    .selectFrom('region')
    .select(['code', 'name'])
    .where('level', '=', 'community')
    .where('parent_code', '=', demoPlaces.street)
    .orderBy('code')
    .execute();
  // half of the street's people live in the demo community, so its pages are full
  const weighted = [
    ...communities,
    ...Array.from({ length: communities.length - 1 }, () => communities[0]!),
  ];
  const today = chinaDate(now);
  const people = generatePeople({ seed: 2026, communities: weighted, today });
  const labels = personImportColumns.map((c) => c.label);
  const dir = await mkdtemp(path.join(tmpdir(), 'shequ-demo-'));
  const file = path.join(dir, '演示居民.csv');
  const groups = new Map<string, ReturnType<typeof people.next>['value']['groups']>();
  try {
    const out = createWriteStream(file);
    out.write(`${labels.join(',')}\n`);
    for (let i = 0; i < DEMO_PEOPLE; i += 1) {
      const person = people.next().value;
      const cells = labels.map((l) => {
        const v = person.cells[l] ?? '';
        return /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
      });
      if (!out.write(`${cells.join(',')}\n`)) await once(out, 'drain');
      if (person.groups.length > 0) groups.set(person.cells['证件号码']!, person.groups);
    }
    out.end();
    await once(out, 'finish');
    const ctx = await services.auth.commandLineContext('street', '载入演示数据');
    const { done } = await services.imports.start(ctx, {
      filePath: file,
      fileName: '演示居民.csv',
      regionCode: demoPlaces.community,
      apply: true,
    });
    const job = await done;
    if (job.status !== 'done') throw new Error(`demo import ${job.status}: ${job.error ?? ''}`);
    await withChange(
      db,
      { actorId: ctx.actor.userId, actorName: ctx.actor.displayName, source: 'seed', at: now },
      async (tx) => {
        for (const [idNumber, memberships] of groups) {
          const person = await tx
            .selectFrom('person')
            .select(['id', 'birth_date'])
            .where('document_bidx', '=', documentIndexOf(services.cipher, idNumber))
            .executeTakeFirst();
          if (!person) continue;
          for (const m of memberships) {
            const group = findSpecialGroup(m.groupCode);
            if (!group) continue;
            await tx
              .insertInto('group_membership')
              .values({
                person_id: person.id,
                group_code: m.groupCode,
                start_date: startOf(person.birth_date, today),
                attention_level: m.attentionLevel,
                verifying_department_type: group.verifyingDepartmentType,
                attributes: JSON.stringify(m.attributes),
              })
              .execute();
          }
        }
      },
    );
    await seedDemoGovernance(services);
    await seedDemoApplications(services);
    return { seeded: job.createRows };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A plausible registration date: a few years back, never before the person was born. */
function startOf(birthDate: string | null, today: string): string {
  const year = Math.max(Number(today.slice(0, 4)) - 3, Number((birthDate ?? today).slice(0, 4)));
  return `${year}${today.slice(4, 7)}-01`;
}
