import { describe, expect, it } from 'vitest';
import { readDiscrepancyFilter, readVerificationFilter } from './queue-filter';

describe('readVerificationFilter', () => {
  it('reads the element, region and overdue flag from the address', () => {
    const params = new URLSearchParams(
      'elementCode=group.disabled.grade&regionCode=320102&overdue=true',
    );
    expect(readVerificationFilter(params)).toEqual({
      elementCode: 'group.disabled.grade',
      regionCode: '320102',
      overdue: true,
    });
  });

  it('drops a malformed region code, a blank element and any overdue value but true', () => {
    const params = new URLSearchParams('elementCode=%20&regionCode=xuanwu&overdue=1');
    expect(readVerificationFilter(params)).toEqual({
      elementCode: undefined,
      regionCode: undefined,
      overdue: undefined,
    });
  });
});

describe('readDiscrepancyFilter', () => {
  it('shows open cases unless ruled ones are asked for', () => {
    expect(readDiscrepancyFilter(new URLSearchParams('')).status).toBe('open');
    expect(readDiscrepancyFilter(new URLSearchParams('status=ruled')).status).toBe('ruled');
    expect(readDiscrepancyFilter(new URLSearchParams('status=closed')).status).toBe('open');
  });
});
