import { randomBytes } from 'node:crypto';
import { idNumberCheckCharacter, isAdministratorRole, type Role } from '@shequ/core';
import { hashPassword, newTotpSecret, totpCodeAt } from '../modules/auth/credentials';
import { createDepartment } from '../modules/departments/departments.repository';
import type { Services } from '../services';
import type { Agent, TestApp } from './harness';

/** The password every factory-made account gets (meets the default policy). */
export const TEST_PASSWORD = 'Test#Pass2026';

let passwordHash: Promise<string> | undefined;

export interface MadeUser {
  id: string;
  username: string;
  password: string;
  /** Set when the account has TOTP enabled (administrator roles get it by default). */
  totpSecret: string | null;
}

/** Creates a staff account with the given grants directly in the database (fresh, unique name). */
export async function makeUser(
  services: Services,
  grants: { role: Role; regionCode: string; departmentId?: string | null }[],
  options: { homeRegionCode?: string; username?: string; totp?: boolean } = {},
): Promise<MadeUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const username = options.username ?? `u${randomBytes(5).toString('hex')}`;
  const home = options.homeRegionCode ?? grants[0]?.regionCode;
  if (!home) throw new Error('makeUser needs a home region or a grant');
  const totp = options.totp ?? grants.some((g) => isAdministratorRole(g.role));
  const totpSecret = totp ? newTotpSecret() : null;
  const user = await services.db
    .insertInto('app_user')
    .values({
      username,
      display_name: `测试${username.slice(-4)}`,
      home_region_code: home,
      password_hash: await passwordHash,
      totp_secret: totpSecret ? services.cipher.encrypt(totpSecret) : null,
      totp_enabled_at: totp ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const g of grants) {
    await services.db
      .insertInto('role_grant')
      .values({
        user_id: user.id,
        role: g.role,
        region_code: g.regionCode,
        department_id: g.departmentId ?? null,
      })
      .execute();
  }
  return { id: user.id, username, password: TEST_PASSWORD, totpSecret };
}

/** Makes an account with one grant and returns a logged-in agent for it. */
export async function loginAs(
  t: TestApp,
  role: Role,
  regionCode: string,
  departmentId?: string | null,
): Promise<{ agent: Agent; user: MadeUser }> {
  const user = await makeUser(t.services, [
    { role, regionCode, departmentId: departmentId ?? null },
  ]);
  const agent = t.agent();
  let stage = await agent.login(user.username, user.password);
  if (stage === 'second_factor' && user.totpSecret) {
    const response = await agent.post('/api/auth/second-factor', {
      code: totpCodeAt(user.totpSecret, t.clock()),
    });
    stage = (response.json() as { stage: string | null }).stage;
  }
  if (stage !== 'full') throw new Error(`expected a full session for ${role}, got ${stage}`);
  return { agent, user };
}

/** A department of the given type at a region (created once per region and type). */
export async function makeDepartment(
  services: Services,
  typeCode: string,
  regionCode: string,
): Promise<string> {
  const existing = await services.db
    .selectFrom('department')
    .select('id')
    .where('type_code', '=', typeCode)
    .where('region_code', '=', regionCode)
    .executeTakeFirst();
  if (existing) return existing.id;
  return (await createDepartment(services.db, { typeCode, regionCode })).id;
}

let idSerial = 0;

/** A valid, unique citizen ID number of a 玄武区 resident born on `birth` (YYYYMMDD). */
export function makeIdNumber(birth = '19800101', sex: 'm' | 'f' = 'm'): string {
  idSerial += 1;
  const seq = String(((idSerial * 2) % 998) + (sex === 'm' ? 1 : 2)).padStart(3, '0');
  const first17 = `320102${birth}${seq}`;
  return first17 + idNumberCheckCharacter(first17);
}

/**
 * A 高龄津贴 application taken at the window by a community worker of 百子亭社区 for a new
 * resident born on `birth` (YYYYMMDD, before 1946), every required material handed in.
 */
export async function makeElderlyApplication(
  worker: Agent,
  applicant: { name: string; birth: string; phone: string },
): Promise<{ id: string; number: string }> {
  const { name, birth, phone } = applicant;
  const address = `南京市玄武区白子亭 ${Number(birth.slice(-2))} 号`;
  const person = await worker.post('/api/people', {
    name,
    idNumber: makeIdNumber(birth, 'f'),
    regionCode: '320102005001',
    residenceType: 'registered',
    phone,
  });
  if (person.statusCode !== 201) throw new Error(`person: ${person.statusCode} ${person.body}`);
  const submitted = await worker.post('/api/applications', {
    matterCode: 'elderly_allowance_claim',
    personId: (person.json() as { id: string }).id,
    phone,
    form: {
      birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
      registeredAddress: address,
      currentAddress: address,
      phone,
      bankName: '南京银行',
      bankAccount: `62220000${birth}`,
    },
    providedMaterials: ['id_card', 'household_register', 'bank_card'],
    submissionKey: `test-${randomBytes(6).toString('hex')}`,
  });
  if (submitted.statusCode !== 201) {
    throw new Error(`application: ${submitted.statusCode} ${submitted.body}`);
  }
  return submitted.json() as { id: string; number: string };
}
