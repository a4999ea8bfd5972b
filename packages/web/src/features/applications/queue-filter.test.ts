import { describe, expect, it } from 'vitest';
import { readQueueFilter } from './queue-filter';

describe('readQueueFilter', () => {
  it('reads the status, matter and time-limit filter from the address', () => {
    expect(
      readQueueFilter(
        new URLSearchParams(
          'status=supplement&matterCode=elderly_allowance_claim&timeLimit=overdue',
        ),
      ),
    ).toEqual({
      status: 'supplement',
      matterCode: 'elderly_allowance_claim',
      timeLimit: 'overdue',
    });
  });

  it('drops what the server would refuse', () => {
    expect(
      readQueueFilter(new URLSearchParams('status=approved&matterCode=DROP%20TABLE&timeLimit=red')),
    ).toEqual({ status: undefined, matterCode: undefined, timeLimit: undefined });
  });
});
