import { CreateAgreementBody, type SharingAgreementView } from '@shequ/core';
import { describe, expect, it } from 'vitest';
import { agreementBody, agreementState, elementTree } from './agreement-form';

const CLIENT = '0d7c5a8e-3b1f-4c2a-9e6d-5f4a3b2c1d0e';

describe('agreementBody', () => {
  it('makes a body the contract accepts, open-ended without an end date', () => {
    const body = agreementBody({
      clientRef: CLIENT,
      purposeCode: ' Dibao-Review ',
      purpose: '最低生活保障资格复核',
      elementCodes: ['person.name', 'group.disabled.grade'],
      regionCode: '320102',
      validFrom: '2026-12-01',
      validTo: '',
      rateLimitPerMinute: 60,
    });
    expect(body.purposeCode).toBe('dibao-review');
    expect(body.validTo).toBeNull();
    expect(CreateAgreementBody.safeParse(body).success).toBe(true);
  });

  it('leaves a missing rate limit for the contract to refuse on its field', () => {
    const parsed = CreateAgreementBody.safeParse(agreementBody({ clientRef: CLIENT }));
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['purposeCode', 'elementCodes', 'regionCode', 'rateLimitPerMinute']),
    );
  });
});

describe('agreementState', () => {
  const agreement = (over: Partial<SharingAgreementView>) => ({
    status: 'active' as const,
    validNow: false,
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    ...over,
  });

  it('tells in force, not yet in force, expired and ended apart', () => {
    expect(agreementState(agreement({ validNow: true }), '2026-06-01')).toBe('inForce');
    expect(agreementState(agreement({ validFrom: '2027-01-01' }), '2026-06-01')).toBe('notYet');
    expect(agreementState(agreement({ validTo: '2026-05-31' }), '2026-06-01')).toBe('expired');
    expect(agreementState(agreement({ status: 'ended', validNow: false }), '2026-06-01')).toBe(
      'ended',
    );
  });
});

describe('elementTree', () => {
  it('puts person attributes first and each register under its name', () => {
    const tree = elementTree(
      [
        { code: 'group.disabled', name: '残疾人' },
        { code: 'person.name', name: '姓名' },
        { code: 'group.disabled.grade', name: '残疾人·残疾等级' },
        { code: 'person.sex', name: '性别' },
      ],
      { person: '人员基本信息', register: (name) => `${name}名册` },
    );
    expect(tree.map((node) => [node.title, node.children!.map((c) => c.value)])).toEqual([
      ['人员基本信息', ['person.name', 'person.sex']],
      ['残疾人名册', ['group.disabled', 'group.disabled.grade']],
    ]);
    expect(tree[1]!.value).toBe('subject:disabled');
  });
});
