import type { ExchangePerson } from '@shequ/core';
import type { Kysely } from 'kysely';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { Database } from '../../db/schema';
import * as read from './exchange-read.repository';
import {
  CatalogLookup,
  exchangePersonOf,
  needsPii,
  replayPeople,
  statusKey,
} from './exchange-values';

/** The end of a China calendar day: the first instant of the next one. */
export function endOfChinaDay(date: string): Date {
  const next = new Date(`${date}T00:00:00+08:00`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

export interface AsOf {
  date: string;
  until: Date;
  current: boolean;
}

/** Reads people for machine clients: a batch at a time, as of a moment, agreed elements only. */
export class ExchangeReader {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly cipher: FieldCipher,
  ) {}

  /** `date` as of its end; `current` when it is today or later (then the stored status applies). */
  asOf(date: string, today: string): AsOf {
    return { date, until: endOfChinaDay(date), current: date >= today };
  }

  /**
   * The people among `ids` who existed (and were not merged away) at the as-of moment, with their
   * region then, and their agreed elements.
   */
  async readPeople(
    ids: readonly string[],
    elementCodes: readonly string[],
    asOf: AsOf,
  ): Promise<ExchangePerson[]> {
    if (ids.length === 0) return [];
    const memberships = await read.membershipsOf(this.db, ids);
    const personOf = new Map(memberships.map((m) => [m.id, m.person_id]));
    const changes = await read.changesBefore(
      this.db,
      [...ids, ...memberships.map((m) => m.id)],
      asOf.until,
    );
    const [statuses, settings] = await Promise.all([
      read.elementValuesOf(this.db, ids, elementCodes),
      read.catalogSettings(this.db),
    ]);
    const byKey = new Map(statuses.map((r) => [statusKey(r), r]));
    const catalog = new CatalogLookup(settings);
    const replayed = replayPeople(this.cipher, changes, personOf, needsPii(elementCodes));
    const out: ExchangePerson[] = [];
    for (const id of ids) {
      const p = replayed.get(id);
      if (!p?.person || p.person.merged_into) continue;
      out.push(exchangePersonOf(p, elementCodes, byKey, catalog, asOf));
    }
    return out;
  }
}
