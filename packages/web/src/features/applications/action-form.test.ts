import { describe, expect, it } from 'vitest';
import { actionBody, needsOpinion, offeredActions } from './action-form';
import { trackingUrl, verificationUrl } from './tracking-url';

describe('offeredActions', () => {
  it('offers only what the server allows, in the panel order, never the intake itself', () => {
    expect(offeredActions(['reject', 'approve', 'submit', 'return'])).toEqual([
      'approve',
      'reject',
      'return',
    ]);
    expect(offeredActions([])).toEqual([]);
  });
});

describe('needsOpinion', () => {
  it('requires an opinion for refusing, returning, transferring, extending and supervising', () => {
    expect(needsOpinion('reject')).toBe(true);
    expect(needsOpinion('return')).toBe(true);
    expect(needsOpinion('transfer')).toBe(true);
    expect(needsOpinion('request_extension')).toBe(true);
    expect(needsOpinion('supervise')).toBe(true);
    expect(needsOpinion('approve')).toBe(false);
    expect(needsOpinion('accept')).toBe(false);
  });
});

describe('actionBody', () => {
  it('sends the version shown and only the fields the action takes', () => {
    expect(actionBody('approve', { opinion: ' 同意 ', days: 3 }, 4)).toEqual({
      action: 'approve',
      opinion: '同意',
      version: 4,
    });
    expect(
      actionBody('transfer', { opinion: '户籍在邻社区', regionCode: '320102005002' }, 2),
    ).toEqual({
      action: 'transfer',
      opinion: '户籍在邻社区',
      regionCode: '320102005002',
      version: 2,
    });
    expect(actionBody('request_extension', { opinion: '需入户调查', days: 5 }, 7)).toEqual({
      action: 'request_extension',
      opinion: '需入户调查',
      days: 5,
      version: 7,
    });
    expect(actionBody('decide_extension', { approve: true }, 8)).toEqual({
      action: 'decide_extension',
      opinion: '',
      approve: true,
      version: 8,
    });
  });
});

describe('trackingUrl', () => {
  it('links the public tracking and verification pages', () => {
    expect(trackingUrl('https://sq.example.cn', 'SQ20260302000001')).toBe(
      'https://sq.example.cn/track?number=SQ20260302000001',
    );
    expect(verificationUrl('https://sq.example.cn', 'ABCD2345EFGH')).toBe(
      'https://sq.example.cn/verify?code=ABCD2345EFGH',
    );
  });
});
