import { describe, expect, it } from 'vitest';
import { isClosed, statusColor, timeLimitColor, timeLimitTextType } from './time-limit';

describe('timeLimitColor', () => {
  it('is green while normal, yellow in warning (预警), red when overdue (超期)', () => {
    expect(timeLimitColor('normal')).toBe('success');
    expect(timeLimitColor('warning')).toBe('warning');
    expect(timeLimitColor('overdue')).toBe('error');
    expect(timeLimitColor(null)).toBe('default');
  });

  it('colours the deadline text only when it needs attention', () => {
    expect(timeLimitTextType('normal')).toBeUndefined();
    expect(timeLimitTextType('warning')).toBe('warning');
    expect(timeLimitTextType('overdue')).toBe('danger');
  });
});

describe('statusColor', () => {
  it('marks decided and withdrawn applications as closed', () => {
    expect(statusColor('approved')).toBe('success');
    expect(statusColor('rejected')).toBe('error');
    expect(statusColor('supplement')).toBe('warning');
    expect(isClosed('approved')).toBe(true);
    expect(isClosed('withdrawn')).toBe(true);
    expect(isClosed('processing')).toBe(false);
  });
});
