import { createHash, type Hash } from 'node:crypto';
import {
  agreementValidity,
  agreementValidityMessages,
  chinaDate,
  codeName,
  DomainError,
  elementsOutside,
  eventForAgreement,
  EXCHANGE_TOKEN_TTL_SECONDS,
  familyRelationCodes,
  outcomeOfStatus,
  parseEndUserHeader,
  parseIdNumber,
  parsePurposeHeader,
  regionAgreed,
  requestHashPrefix,
  type ChangeEventView,
  type CreateExportBody,
  type ExchangeHousehold,
  type ExchangePerson,
  type ExchangeReceipt,
  type ExportJobView,
  type HouseholdLookupBody,
} from '@shequ/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { FieldCipher } from '../../crypto/field-cipher';
import { documentIndexOf } from '../people/pii';
import { eventsAfter, feedHead } from './exchange-events.repository';
import { appendExchangeLog, contentOfLogRow, findOwnLogEntry } from './exchange-log.repository';
import type { ExchangeReader } from './exchange-reader';
import * as read from './exchange-read.repository';
import * as repo from './exchange.repository';
import { exportJobView } from './exchange-export.service';
import { newSecret, sha256Hex, verifyClientSecret } from './exchange-secrets';
import { RateLimiter } from '../../http/rate-limiter';

/** What the exchange log needs to know about one machine request, gathered as it is served. */
export interface MachineCall {
  requestId: string;
  method: string;
  path: string;
  purposeHeader: string | null;
  endUserHeader: string | null;
  /** SHA-256 over the request-hash prefix and the raw body, fed as the body streams in. */
  requestHasher: Hash;
  client: { id: string; client_id: string; region_code: string } | null;
  clientIdTried: string | null;
  agreement: repo.AgreementRow | null;
  purposeCode: string | null;
  caseRef: string | null;
  endUser: string | null;
  /** Set when the platform refused the request (a policy reason code). */
  refusal: string | null;
  detail: Record<string, unknown> | null;
  /** For a streamed file: the SHA-256 of what is streamed. */
  responseHash: string | null;
}

export type TokenAnswer =
  | { status: 200; body: { access_token: string; token_type: 'Bearer'; expires_in: number } }
  | {
      status: 400 | 401;
      body: { error: OAuthErrorCode; error_description: string };
      basicChallenge: boolean;
    };

type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type';

/**
 * The machine side of the exchange: tokens, the checks every request passes (token, purpose and
 * end user, agreement, validity, rate limit), reads limited to the agreement, the change feed,
 * exports, receipts, and the log entry of every request.
 */
export class ExchangeMachineService {
  private readonly limiter = new RateLimiter();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => Date,
    private readonly cipher: FieldCipher,
    private readonly reader: ExchangeReader,
    private readonly hooks: {
      /** Sequences committed events before a feed read. */
      sequence: () => Promise<unknown>;
      /** Starts processing queued exports. */
      kickExports: () => void;
    },
  ) {}

  private today(): string {
    return chinaDate(this.clock());
  }

  /** Starts the record of a request (before its body is read). */
  begin(request: {
    id: string;
    method: string;
    url: string;
    purposeHeader: string | null;
    endUserHeader: string | null;
  }): MachineCall {
    const requestHasher = createHash('sha256').update(
      requestHashPrefix(request.method, request.url, request.purposeHeader, request.endUserHeader),
    );
    return {
      requestId: request.id,
      method: request.method.toUpperCase(),
      path: request.url.slice(0, 2000),
      purposeHeader: request.purposeHeader,
      endUserHeader: request.endUserHeader,
      requestHasher,
      client: null,
      clientIdTried: null,
      agreement: null,
      purposeCode: null,
      caseRef: null,
      endUser: null,
      refusal: null,
      detail: null,
      responseHash: null,
    };
  }

  /**
   * Appends the request's entry to the exchange log before its answer leaves: the hash of what
   * was asked, the hash of what is answered, who asked, for what and for whom, and how it ended.
   */
  async finish(call: MachineCall, statusCode: number, payload: unknown): Promise<void> {
    const responseHash =
      call.responseHash ??
      sha256Hex(
        typeof payload === 'string'
          ? payload
          : Buffer.isBuffer(payload)
            ? payload
            : Buffer.alloc(0),
      );
    const outcome =
      call.refusal !== null && statusCode < 500 ? 'refused' : outcomeOfStatus(statusCode);
    await appendExchangeLog(
      this.db,
      {
        requestId: call.requestId,
        exchangeClientId: call.client?.id ?? null,
        clientId: call.client?.client_id ?? call.clientIdTried,
        agreementId: call.agreement?.id ?? null,
        regionCode: call.agreement?.region_code ?? call.client?.region_code ?? null,
        method: call.method,
        path: call.path,
        purpose: call.purposeCode,
        caseRef: call.caseRef,
        endUser: call.endUser,
        requestHash: call.requestHasher.digest('hex'),
        responseHash,
        statusCode,
        outcome,
        reason: call.refusal,
        detail: call.detail,
      },
      this.clock(),
    );
  }

  private refuse(call: MachineCall, reason: string, error: DomainError): DomainError {
    call.refusal = reason;
    return error;
  }

  /** OAuth2 client credentials (RFC 6749 §4.4); credentials in the body or as HTTP Basic. */
  async issueToken(
    call: MachineCall,
    body: { grant_type?: string; client_id?: string; client_secret?: string } | undefined,
    authorization: string | undefined,
  ): Promise<TokenAnswer> {
    const fail = (
      status: 400 | 401,
      error: OAuthErrorCode,
      description: string,
      basicChallenge = false,
    ): TokenAnswer => {
      call.refusal = error;
      return { status, body: { error, error_description: description }, basicChallenge };
    };
    let clientId = body?.client_id;
    let secret = body?.client_secret;
    const basic = authorization?.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i);
    if (basic) {
      if (clientId !== undefined || secret !== undefined) {
        return fail(400, 'invalid_request', '客户端凭据只能用一种方式提交（Basic 或请求体）');
      }
      const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return fail(401, 'invalid_client', 'Basic 凭据格式不正确', true);
      try {
        clientId = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
        secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
      } catch {
        return fail(401, 'invalid_client', 'Basic 凭据格式不正确', true);
      }
    }
    call.clientIdTried = clientId?.slice(0, 64) ?? null;
    if (body?.grant_type === undefined || body.grant_type === '') {
      return fail(400, 'invalid_request', '缺少 grant_type');
    }
    if (body.grant_type !== 'client_credentials') {
      return fail(400, 'unsupported_grant_type', '只支持 grant_type=client_credentials');
    }
    if (!clientId || !secret) {
      return fail(401, 'invalid_client', '缺少 client_id 或 client_secret', Boolean(basic));
    }
    const client = await repo.findClientByClientId(this.db, clientId);
    const matches = await verifyClientSecret(secret, client?.secret_hash ?? null);
    if (!client || !matches || client.status !== 'active') {
      if (client && matches) call.client = client;
      return fail(401, 'invalid_client', '客户端身份验证失败', Boolean(basic));
    }
    call.client = client;
    const now = this.clock();
    const token = newSecret();
    await repo.insertToken(this.db, {
      token_hash: sha256Hex(token),
      exchange_client_id: client.id,
      issued_at: now,
      expires_at: new Date(now.getTime() + EXCHANGE_TOKEN_TTL_SECONDS * 1000),
    });
    await repo.purgeExpiredTokens(this.db, new Date(now.getTime() - 86_400_000));
    return {
      status: 200,
      body: { access_token: token, token_type: 'Bearer', expires_in: EXCHANGE_TOKEN_TTL_SECONDS },
    };
  }

  /**
   * The checks every authenticated request passes, in order: bearer token → purpose and end-user
   * headers → (for reads) the agreement for that purpose, valid today → its rate limit.
   */
  async authorize(
    call: MachineCall,
    authorization: string | undefined,
    options: { agreement: boolean },
  ): Promise<void> {
    const purpose = parsePurposeHeader(call.purposeHeader ?? undefined);
    const endUser = parseEndUserHeader(call.endUserHeader ?? undefined);
    if (purpose.ok) {
      call.purposeCode = purpose.value.purposeCode;
      call.caseRef = purpose.value.caseRef;
    }
    if (endUser.ok) call.endUser = endUser.value;

    const bearer = authorization?.match(/^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/i);
    const now = this.clock();
    const client = bearer
      ? await repo.findClientByToken(this.db, sha256Hex(bearer[1]!), now)
      : undefined;
    if (!client) {
      throw this.refuse(
        call,
        'invalid_token',
        new DomainError(
          'UNAUTHENTICATED',
          '访问令牌无效或已过期，请重新获取（POST /api/exchange/v1/token）',
        ),
      );
    }
    call.client = client;
    if (!purpose.ok) {
      throw this.refuse(
        call,
        'missing_purpose',
        new DomainError('VALIDATION', purpose.message, [
          { path: 'X-Shequ-Purpose', message: purpose.message },
        ]),
      );
    }
    if (!endUser.ok) {
      throw this.refuse(
        call,
        'missing_end_user',
        new DomainError('VALIDATION', endUser.message, [
          { path: 'X-Shequ-End-User', message: endUser.message },
        ]),
      );
    }
    let limitKey = `client:${client.id}`;
    let limit = 600;
    if (options.agreement) {
      const agreement = await repo.findActiveAgreement(
        this.db,
        client.id,
        purpose.value.purposeCode,
      );
      if (!agreement) {
        throw this.refuse(
          call,
          'purpose_not_agreed',
          new DomainError('FORBIDDEN', `没有用途为“${purpose.value.purposeCode}”的有效共享协议`, [
            { path: 'X-Shequ-Purpose', message: '该用途未在共享协议中约定' },
          ]),
        );
      }
      call.agreement = agreement;
      const validity = agreementValidity(repo.termsOf(agreement), this.today());
      if (validity !== 'valid') {
        throw this.refuse(
          call,
          `agreement_${validity}`,
          new DomainError('FORBIDDEN', agreementValidityMessages[validity]),
        );
      }
      limitKey = `agreement:${agreement.id}`;
      limit = agreement.rate_limit_per_minute;
    }
    const hit = this.limiter.hit(limitKey, limit, now);
    if (!hit.ok) {
      call.detail = { retryAfter: hit.retryAfter };
      throw this.refuse(
        call,
        'rate_limited',
        new DomainError(
          'RATE_LIMITED',
          `超过共享协议约定的每分钟 ${limit} 次请求，请 ${hit.retryAfter} 秒后再试`,
        ),
      );
    }
  }

  private agreementOf(call: MachineCall): repo.AgreementRow {
    if (!call.agreement) throw new DomainError('INTERNAL', 'request not authorized');
    return call.agreement;
  }

  /** The requested elements (comma-separated; default: all agreed), refused outside the agreement. */
  private elementsFor(call: MachineCall, requested: string | undefined): string[] {
    const agreement = this.agreementOf(call);
    if (requested === undefined || requested.trim() === '') return agreement.element_codes;
    const codes = [
      ...new Set(
        requested
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
      ),
    ];
    const outside = elementsOutside(repo.termsOf(agreement), codes);
    if (outside.length > 0) {
      const message = `共享协议未包含数据元：${outside.join('、')}`;
      throw this.refuse(
        call,
        'elements_not_agreed',
        new DomainError('FORBIDDEN', message, [{ path: 'elements', message }]),
      );
    }
    return codes;
  }

  private notFound(call: MachineCall, reason: string | null): DomainError {
    if (reason) call.refusal = reason;
    return new DomainError('NOT_FOUND', '未找到该人员，或其不在共享协议约定的区域内');
  }

  /** One person by id: the agreed elements as they stand now. */
  async readPerson(
    call: MachineCall,
    id: string,
    requested: string | undefined,
  ): Promise<ExchangePerson> {
    const agreement = this.agreementOf(call);
    const elements = this.elementsFor(call, requested);
    const head = await read.findPersonHead(this.db, id);
    if (!head || head.merged_into) throw this.notFound(call, null);
    if (!regionAgreed(repo.termsOf(agreement), head.region_code)) {
      throw this.notFound(call, 'region_not_agreed');
    }
    const today = this.today();
    const [person] = await this.reader.readPeople([id], elements, this.reader.asOf(today, today));
    if (!person) throw this.notFound(call, null);
    call.detail = { personIds: [person.id], elementCodes: elements };
    return person;
  }

  /** Current people with this ID number (normalised when it parses), through the blind index. */
  private async peopleByIdNumber(idNumber: string) {
    const parsed = parseIdNumber(idNumber, this.today());
    const index = documentIndexOf(this.cipher, parsed.ok ? parsed.value.number : idNumber);
    return read.findPeopleByDocumentIndex(this.db, index);
  }

  /** People by ID number, through the blind index: never by the number itself in a URL. */
  async lookup(
    call: MachineCall,
    idNumber: string,
    requested: string | undefined,
  ): Promise<{ items: ExchangePerson[] }> {
    const agreement = this.agreementOf(call);
    const elements = this.elementsFor(call, requested);
    const today = this.today();
    const found = await this.peopleByIdNumber(idNumber);
    const inside = found.filter((p) => regionAgreed(repo.termsOf(agreement), p.region_code));
    if (inside.length === 0) {
      throw this.notFound(call, found.length > 0 ? 'region_not_agreed' : null);
    }
    const items = await this.reader.readPeople(
      inside.map((p) => p.id),
      elements,
      this.reader.asOf(today, today),
    );
    call.detail = { personIds: items.map((p) => p.id), elementCodes: elements };
    return { items };
  }

  private householdNotFound(call: MachineCall, reason: string | null): DomainError {
    if (reason) call.refusal = reason;
    return new DomainError('NOT_FOUND', '未找到该户，或其不在共享协议约定的区域内');
  }

  /**
   * Households with their current members inside the agreed region, each member's person read
   * exactly as a person read reads them. A household adds no elements of its own: the agreement's
   * person elements are all a client gets of its members.
   */
  private async householdsFor(
    call: MachineCall,
    households: readonly read.HouseholdRow[],
    elements: string[],
  ): Promise<ExchangeHousehold[]> {
    const terms = repo.termsOf(this.agreementOf(call));
    const today = this.today();
    const members = await Promise.all(
      households.map(async (h) =>
        (await read.currentMembersOf(this.db, h.id)).filter((m) =>
          regionAgreed(terms, m.region_code),
        ),
      ),
    );
    const ids = [...new Set(members.flat().map((m) => m.person_id))];
    const people = await this.reader.readPeople(ids, elements, this.reader.asOf(today, today));
    const personById = new Map(people.map((p) => [p.id, p]));
    call.detail = {
      householdIds: households.map((h) => h.id),
      personIds: people.map((p) => p.id),
      elementCodes: elements,
    };
    return households.map((h, i) => ({
      id: h.id,
      number: h.number,
      householdType: h.household_type,
      regionCode: h.region_code,
      asOf: today,
      members: members[i]!.flatMap((m) => {
        const person = personById.get(m.person_id);
        if (!person) return [];
        return [
          {
            relation: m.relation,
            relationName: codeName(familyRelationCodes, m.relation) ?? m.relation,
            joinedOn: m.joined_on,
            person,
          },
        ];
      }),
    }));
  }

  /** One household by id, if its own region lies inside the agreement. */
  async readHousehold(
    call: MachineCall,
    id: string,
    requested: string | undefined,
  ): Promise<ExchangeHousehold> {
    const agreement = this.agreementOf(call);
    const elements = this.elementsFor(call, requested);
    const household = await read.findHousehold(this.db, id);
    if (!household) throw this.householdNotFound(call, null);
    if (!regionAgreed(repo.termsOf(agreement), household.region_code)) {
      throw this.householdNotFound(call, 'region_not_agreed');
    }
    const [answer] = await this.householdsFor(call, [household], elements);
    return answer!;
  }

  /**
   * Households by their number, or by the ID number of a current member (through the blind
   * index). A member found by ID number must lie inside the agreed region too: otherwise the
   * answer would say which household a person outside the agreement belongs to.
   */
  async lookupHousehold(
    call: MachineCall,
    body: HouseholdLookupBody,
    requested: string | undefined,
  ): Promise<{ items: ExchangeHousehold[] }> {
    const terms = repo.termsOf(this.agreementOf(call));
    const elements = this.elementsFor(call, requested);
    let households: read.HouseholdRow[];
    if (body.householdNumber !== undefined) {
      const household = await read.findHouseholdByNumber(this.db, body.householdNumber);
      households = household ? [household] : [];
    } else {
      const found = await this.peopleByIdNumber(body.idNumber ?? '');
      const inside = found.filter((p) => regionAgreed(terms, p.region_code));
      if (found.length > 0 && inside.length === 0) {
        throw this.householdNotFound(call, 'region_not_agreed');
      }
      households = await read.currentHouseholdsOf(
        this.db,
        inside.map((p) => p.id),
      );
    }
    const inside = households.filter((h) => regionAgreed(terms, h.region_code));
    if (inside.length === 0) {
      throw this.householdNotFound(call, households.length > 0 ? 'region_not_agreed' : null);
    }
    return { items: await this.householdsFor(call, inside, elements) };
  }

  /** The change feed after a cursor: events of agreed elements in the agreed region, in order. */
  async changes(
    call: MachineCall,
    cursor: number,
    limit: number,
  ): Promise<{ events: ChangeEventView[]; nextCursor: string; hasMore: boolean }> {
    const agreement = this.agreementOf(call);
    await this.hooks.sequence();
    const head = await feedHead(this.db);
    const records = await eventsAfter(
      this.db,
      { cursor, head, elementCodes: agreement.element_codes, regionCode: agreement.region_code },
      limit,
    );
    const terms = repo.termsOf(agreement);
    const events = records
      .map((r) => eventForAgreement(r, terms))
      .filter((e): e is ChangeEventView => e !== null);
    const hasMore = records.length === limit;
    const next = hasMore ? records[records.length - 1]!.position : Math.max(cursor, head);
    call.detail = {
      cursor,
      nextCursor: next,
      eventIds: events.slice(0, 100).map((e) => e.eventId),
      personIds: [...new Set(events.map((e) => e.personId).filter(Boolean))].slice(0, 100),
    };
    return { events, nextCursor: String(next), hasMore };
  }

  /** A client's own receipt: the chained log entry of one of its requests. */
  async receipt(call: MachineCall, requestId: string): Promise<ExchangeReceipt> {
    const row = await findOwnLogEntry(this.db, call.client!.id, requestId);
    if (!row) throw new DomainError('NOT_FOUND', '没有该请求的记录');
    call.detail = { receiptOf: requestId };
    return { ...contentOfLogRow(row), hash: row.hash };
  }

  async createExport(call: MachineCall, body: CreateExportBody): Promise<ExportJobView> {
    const agreement = this.agreementOf(call);
    if (!regionAgreed(repo.termsOf(agreement), body.regionCode)) {
      const message = `区域 ${body.regionCode} 不在共享协议约定的区域（${agreement.region_code}）内`;
      throw this.refuse(
        call,
        'region_not_agreed',
        new DomainError('FORBIDDEN', message, [{ path: 'regionCode', message }]),
      );
    }
    const elements = this.elementsFor(call, body.elementCodes.join(','));
    const today = this.today();
    const asOf = body.asOf ?? today;
    if (asOf > today) {
      throw new DomainError('VALIDATION', '截止日期不能晚于今天', [
        { path: 'asOf', message: '截止日期不能晚于今天' },
      ]);
    }
    const job = await repo.insertExportJob(this.db, {
      exchange_client_id: call.client!.id,
      agreement_id: agreement.id,
      region_code: body.regionCode,
      element_codes: elements,
      as_of: asOf,
      request_id: call.requestId,
      created_at: this.clock(),
    });
    call.detail = { exportId: job.id, regionCode: body.regionCode, elementCodes: elements, asOf };
    this.hooks.kickExports();
    return exportJobView(job);
  }

  private async ownJob(call: MachineCall, id: string) {
    const job = await repo.findOwnExportJob(this.db, call.client!.id, id);
    // a job is read under the agreement it was made under: another purpose does not reach it
    if (!job || job.agreement_id !== this.agreementOf(call).id) {
      throw new DomainError('NOT_FOUND', '没有该导出任务');
    }
    return job;
  }

  async getExport(call: MachineCall, id: string): Promise<ExportJobView> {
    const job = await this.ownJob(call, id);
    call.detail = { exportId: id };
    return exportJobView(job);
  }

  /** The finished file's path; its SHA-256 becomes the logged response hash. */
  async exportFile(call: MachineCall, id: string): Promise<{ path: string; fileName: string }> {
    const job = await this.ownJob(call, id);
    if (job.status !== 'done' || !job.file_path || !job.file_hash) {
      throw new DomainError(
        'CONFLICT',
        job.status === 'failed'
          ? '导出失败，请重新申请'
          : job.status === 'done'
            ? (job.error ?? '导出文件已删除，请重新申请导出')
            : '导出尚未完成，请稍后再取',
      );
    }
    call.responseHash = job.file_hash;
    call.detail = { exportId: id, rows: job.row_count };
    return { path: job.file_path, fileName: `export-${job.id}.ndjson` };
  }
}
