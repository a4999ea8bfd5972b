import { describe, expect, it } from 'vitest';
import {
  deliveryStatusOf,
  readAgreementFilter,
  readClientFilter,
  readExchangeLogFilter,
  readSubscriptionFilter,
} from './exchange-filters';

const ID = '0d7c5a8e-3b1f-4c2a-9e6d-5f4a3b2c1d0e';
const params = (query: string) => new URLSearchParams(query);

describe('filters read from the address', () => {
  it('keep the values the server accepts', () => {
    expect(readClientFilter(params('status=disabled'))).toEqual({ status: 'disabled' });
    expect(readAgreementFilter(params(`clientRef=${ID}&status=ended`))).toEqual({
      clientRef: ID,
      status: 'ended',
    });
    expect(readSubscriptionFilter(params(`agreementId=${ID}`))).toEqual({ agreementId: ID });
    expect(
      readExchangeLogFilter(
        params(
          `clientRef=${ID}&outcome=refused&from=2026-11-01T00:00:00%2B08:00&to=2026-11-30T23:59:59.999Z`,
        ),
      ),
    ).toEqual({
      clientRef: ID,
      outcome: 'refused',
      from: '2026-11-01T00:00:00+08:00',
      to: '2026-11-30T23:59:59.999Z',
    });
  });

  it('drop what the server would refuse instead of sending it', () => {
    expect(readClientFilter(params('status=gone'))).toEqual({ status: undefined });
    expect(readAgreementFilter(params('clientRef=sqc_abc&status=x'))).toEqual({
      clientRef: undefined,
      status: undefined,
    });
    expect(readSubscriptionFilter(params('agreementId=1'))).toEqual({ agreementId: undefined });
    expect(
      readExchangeLogFilter(params('outcome=maybe&from=yesterday&to=2026-11-30T25:00:00')),
    ).toEqual({ clientRef: undefined, outcome: undefined, from: undefined, to: undefined });
  });

  it('knows the delivery statuses', () => {
    expect(deliveryStatusOf('failed')).toBe('failed');
    expect(deliveryStatusOf('lost')).toBeUndefined();
    expect(deliveryStatusOf(undefined)).toBeUndefined();
  });
});
