import { randomUUID } from 'node:crypto';
import type { ApplicationDetail } from '@shequ/core';
import type { ActorContext } from '../http/context';
import { openPii } from '../modules/people/pii';
import type { Services } from '../services';
import { demoPlaces } from './demo';

/**
 * Demo work for one-stop acceptance: the community worker (`worker`) takes five 高龄津贴 applications
 * of residents aged 80 and over at the window. One waits for the street (`street`), one was reviewed
 * and waits for 民政 (`reviewer`), one is decided and has its document, one was returned for
 * supplement, one waits at the street with a request for more time. Runs once, after the demo
 * residents.
 */
export async function seedDemoApplications(services: Services): Promise<void> {
  const worker = await services.auth.commandLineContext('worker', '载入演示数据');
  const street = await services.auth.commandLineContext('street', '载入演示数据');
  const civil = await services.auth.commandLineContext('reviewer', '载入演示数据');
  const elderly = await services.db
    .selectFrom('person')
    .select(['id', 'pii', 'birth_date'])
    .where('region_code', 'like', `${demoPlaces.community}%`)
    .where('life_status', '=', 'active')
    .where('merged_into', 'is', null)
    .where('birth_date', '<=', '1945-01-01')
    .orderBy('id')
    .limit(5)
    .execute();
  const act = (
    ctx: ActorContext,
    app: ApplicationDetail,
    action: 'approve' | 'return' | 'request_extension',
    opinion: string,
  ) =>
    services.applications.act(
      ctx,
      app.id,
      action === 'request_extension'
        ? { action, opinion, days: 5, version: app.version }
        : { action, opinion, version: app.version },
    );
  for (const [i, person] of elderly.entries()) {
    const pii = openPii(services.cipher, person.pii);
    const phone =
      pii.phone && /^1[3-9]\d{9}$/.test(pii.phone) ? pii.phone : `1390000${String(1000 + i)}`;
    const id = await services.intake.submitAtWindow(worker, {
      matterCode: 'elderly_allowance_claim',
      personId: person.id,
      channel: i === 4 ? 'visit' : 'window',
      phone,
      form: {
        birthDate: person.birth_date,
        registeredAddress: pii.registeredAddress ?? '南京市玄武区百子亭',
        currentAddress: pii.currentAddress ?? pii.registeredAddress ?? '南京市玄武区百子亭',
        phone,
        bankName: '南京银行',
        bankAccount: `62220000${String(10_000_000 + i * 7919)}`,
      },
      providedMaterials: ['id_card', 'household_register', 'bank_card'],
      confirmDuplicate: false,
      submissionKey: randomUUID(),
    });
    let app = await services.applications.get(worker, id);
    if (i === 1 || i === 2) app = await act(street, app, 'approve', '经入户核实，情况属实');
    if (i === 2) await act(civil, app, 'approve', '符合条件，准予发放');
    if (i === 3) await act(street, app, 'return', '请补充提交本人银行卡复印件（原复印件不清晰）');
    if (i === 4) await act(street, app, 'request_extension', '申请人住院，需延后入户核实');
  }
}
