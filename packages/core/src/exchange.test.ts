import { describe, expect, it } from 'vitest';
import {
  agreementProblems,
  agreementValidity,
  elementsOutside,
  eventForAgreement,
  exchangeEventProblems,
  nextWebhookAttempt,
  outcomeOfStatus,
  parseEndUserHeader,
  parsePurposeHeader,
  requestHashPrefix,
  WEBHOOK_MAX_RETRY_MS,
  type AgreementTerms,
  type ExchangeEventRecord,
} from './exchange';

const terms: AgreementTerms = {
  status: 'active',
  elementCodes: ['person.name', 'group.disabled.grade'],
  regionCode: '320102',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
};

describe('the headers a machine request names its purpose and end user in', () => {
  it('reads a purpose code with a URI-encoded case reference', () => {
    expect(parsePurposeHeader(`dibao-review:${encodeURIComponent('苏民〔2026〕12号')}`)).toEqual({
      ok: true,
      value: { purposeCode: 'dibao-review', caseRef: '苏民〔2026〕12号' },
    });
    expect(parsePurposeHeader('dibao-review')).toEqual({
      ok: true,
      value: { purposeCode: 'dibao-review', caseRef: null },
    });
  });

  it('refuses a missing or malformed purpose, naming the header in Chinese', () => {
    for (const raw of [undefined, '', '  ', 'Dibao Review', '%E0%A4%A', 'x']) {
      const result = parsePurposeHeader(raw);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/X-Shequ-Purpose/);
    }
  });

  it('requires an end user and decodes it', () => {
    expect(parseEndUserHeader(encodeURIComponent('王科员'))).toEqual({ ok: true, value: '王科员' });
    expect(parseEndUserHeader(undefined).ok).toBe(false);
    expect(parseEndUserHeader('x'.repeat(201)).ok).toBe(false);
  });
});

describe('sharing agreements', () => {
  it('are valid from their first to their last day inclusive, and never once ended', () => {
    expect(agreementValidity(terms, '2025-12-31')).toBe('not_yet_valid');
    expect(agreementValidity(terms, '2026-01-01')).toBe('valid');
    expect(agreementValidity(terms, '2026-12-31')).toBe('valid');
    expect(agreementValidity(terms, '2027-01-01')).toBe('expired');
    expect(agreementValidity({ ...terms, validTo: null }, '2099-01-01')).toBe('valid');
    expect(agreementValidity({ ...terms, status: 'ended' }, '2026-06-01')).toBe('ended');
  });

  it('name the elements a request asks for beyond them', () => {
    expect(elementsOutside(terms, ['person.name'])).toEqual([]);
    expect(elementsOutside(terms, ['person.name', 'person.phone', 'person.phone'])).toEqual([
      'person.phone',
    ]);
  });

  it('refuse unknown elements and a validity that ends before it starts', () => {
    expect(
      agreementProblems({ elementCodes: ['person.name'], validFrom: '2026-01-01', validTo: null }),
    ).toEqual([]);
    const problems = agreementProblems({
      elementCodes: ['person.name', 'person.name', 'person.shoeSize'],
      validFrom: '2026-02-01',
      validTo: '2026-01-31',
    });
    expect(problems.map((p) => p.path)).toEqual(['elementCodes', 'elementCodes', 'validTo']);
  });
});

describe('change events as a client sees them', () => {
  const event: ExchangeEventRecord = {
    id: 'e1',
    position: 7,
    type: 'value.ruled',
    personId: 'p1',
    regionCode: '320102005001',
    elementCodes: ['group.disabled.grade', 'person.phone'],
    payload: {
      elements: { 'group.disabled.grade': { value: '2' }, 'person.phone': { status: 'collected' } },
      note: 'internal',
    },
    occurredAt: '2026-01-01T00:00:00.000Z',
  };

  it('carry only the agreed elements and nothing else of the payload', () => {
    expect(eventForAgreement(event, terms)).toEqual({
      eventId: 'e1',
      position: 7,
      type: 'value.ruled',
      occurredAt: '2026-01-01T00:00:00.000Z',
      personId: 'p1',
      regionCode: '320102005001',
      elementCodes: ['group.disabled.grade'],
      elements: { 'group.disabled.grade': { value: '2' } },
    });
  });

  it('are withheld outside the agreed region or elements', () => {
    expect(eventForAgreement({ ...event, regionCode: '320104001001' }, terms)).toBeNull();
    expect(eventForAgreement({ ...event, elementCodes: ['person.phone'] }, terms)).toBeNull();
  });

  it('may not carry an encrypted personal value in clear', () => {
    expect(
      exchangeEventProblems({
        type: 'value.changed',
        regionCode: '320102005001',
        elementCodes: ['person.phone'],
        payload: { elements: { 'person.phone': { value: '13900000000' } } },
      }),
    ).toEqual([expect.stringMatching(/encrypted personal value/)]);
    expect(
      exchangeEventProblems({
        type: 'Bad',
        regionCode: 'x',
        elementCodes: [],
        payload: {},
      }),
    ).toHaveLength(3);
  });
});

describe('webhook retries', () => {
  const queued = new Date('2026-01-01T00:00:00Z');
  const at = (ms: number) => new Date(queued.getTime() + ms);

  it('wait 30 s, then as long as the delivery has waited so far, at most 6 h', () => {
    expect(nextWebhookAttempt(queued, at(0))).toEqual(at(30_000));
    expect(nextWebhookAttempt(queued, at(30_000))).toEqual(at(60_000));
    expect(nextWebhookAttempt(queued, at(60_000))).toEqual(at(120_000));
    expect(nextWebhookAttempt(queued, at(20 * 3600_000))).toEqual(
      at(20 * 3600_000 + WEBHOOK_MAX_RETRY_MS),
    );
  });

  it('keep trying for more than a day, then stop', () => {
    let now = queued;
    let attempts = 1;
    for (;;) {
      const next = nextWebhookAttempt(queued, now);
      if (!next) break;
      now = next;
      attempts += 1;
    }
    expect(now.getTime() - queued.getTime()).toBeGreaterThan(24 * 3600_000);
    expect(now.getTime() - queued.getTime()).toBeLessThanOrEqual(30 * 3600_000);
    expect(attempts).toBeGreaterThan(10);
    expect(attempts).toBeLessThan(20);
  });
});

describe('the exchange log', () => {
  it('counts refusals and misses apart from what was answered', () => {
    expect([200, 202, 400, 401, 403, 404, 429, 500].map(outcomeOfStatus)).toEqual([
      'allowed',
      'allowed',
      'refused',
      'refused',
      'refused',
      'not_found',
      'refused',
      'error',
    ]);
  });

  it('hashes a request over its method, path, purpose and end user before the body', () => {
    expect(requestHashPrefix('get', '/api/exchange/v1/changes?cursor=3', 'a', 'b')).toBe(
      'GET /api/exchange/v1/changes?cursor=3\na\nb\n',
    );
    expect(requestHashPrefix('POST', '/x', null, null)).toBe('POST /x\n\n\n');
  });
});
