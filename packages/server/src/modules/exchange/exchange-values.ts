import {
  applyCatalogSettings,
  codeName,
  defaultDataElements,
  elementCodeSet,
  encryptedElementCodes,
  normalizeElementValue,
  type CatalogSetting,
  type DataElement,
  type DepartmentTypeCode,
  type ExchangeElementValue,
  type ExchangePerson,
} from '@shequ/core';
import type { FieldCipher } from '../../crypto/field-cipher';
import { openPii, piiFields, type PiiValues } from '../people/pii';
import type { CatalogSettingRow, ChangeRow, ElementValueRow } from './exchange-read.repository';
import { personColumns } from '../governance/governed-values';

/**
 * What a machine client reads about a person: each agreed element with its value, its status
 * (from `element_value` when a row exists, else `collected`: ADR 0004) and its provenance (who
 * collected it, how and when: the history entry that last set it).
 *
 * The values come from replaying the history (`entity_change`) of the person and their register
 * memberships up to a moment, the way the person's as-of view does (people-history.ts), but
 * keeping raw values: at the end of today that is the current record; at the end of an earlier
 * day it is the record as it stood then. Encrypted personal values are opened only when an agreed
 * element needs them.
 */

/** The person column of each attribute element (shared with the governance module). */
const PERSON_COLUMNS: Record<string, string> = personColumns;

interface Provenance {
  source: string;
  collectedBy: string;
  collectedAt: string;
  importJobId: string | null;
}

/** A person's records as replayed from their history. */
export interface ReplayedPerson {
  id: string;
  person: Record<string, unknown> | null;
  memberships: Map<string, Record<string, unknown>>;
  pii: PiiValues | null;
  /** Keys: a person column, `pii.<field>`, `m:<membership id>`, `m:<membership id>:<field>`. */
  provenance: Map<string, Provenance>;
}

function provenanceOf(c: ChangeRow): Provenance {
  return {
    source: c.source,
    collectedBy: c.actor_name,
    collectedAt: c.changed_at.toISOString(),
    importJobId: c.job_id,
  };
}

/**
 * Replays history rows (in `seq` order) into people. `personOf` maps each membership id to its
 * person; `withPii` opens the encrypted envelopes (and tracks which field each change set).
 */
export function replayPeople(
  cipher: FieldCipher,
  changes: readonly ChangeRow[],
  personOf: ReadonlyMap<string, string>,
  withPii: boolean,
): Map<string, ReplayedPerson> {
  const people = new Map<string, ReplayedPerson>();
  const personFor = (id: string) => {
    let p = people.get(id);
    if (!p) {
      p = { id, person: null, memberships: new Map(), pii: null, provenance: new Map() };
      people.set(id, p);
    }
    return p;
  };
  for (const c of changes) {
    const prov = provenanceOf(c);
    if (c.entity === 'person') {
      const p = personFor(c.entity_id);
      if (c.op === 'delete') {
        p.person = null;
        continue;
      }
      const values = c.new_values ?? {};
      p.person = { ...(p.person ?? {}), ...values };
      for (const key of Object.keys(values)) {
        if (key !== 'pii') p.provenance.set(key, prov);
      }
      if (withPii && typeof values.pii === 'string') {
        const opened = openPii(cipher, values.pii);
        for (const field of piiFields) {
          if ((p.pii?.[field] ?? null) !== (opened[field] ?? null)) {
            p.provenance.set(`pii.${field}`, prov);
          }
        }
        p.pii = opened;
      }
    } else if (c.entity === 'group_membership') {
      const personId = personOf.get(c.entity_id);
      if (!personId) continue;
      const p = personFor(personId);
      if (c.op === 'delete') {
        p.memberships.delete(c.entity_id);
        continue;
      }
      const before = p.memberships.get(c.entity_id) ?? {};
      const values = c.new_values ?? {};
      const after = { ...before, ...values };
      p.memberships.set(c.entity_id, after);
      p.provenance.set(`m:${c.entity_id}`, prov);
      if ('attention_level' in values) p.provenance.set(`m:${c.entity_id}:attentionLevel`, prov);
      if ('attributes' in values) {
        const a = (before.attributes ?? {}) as Record<string, unknown>;
        const b = (values.attributes ?? {}) as Record<string, unknown>;
        for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
          if (JSON.stringify(a[key] ?? null) !== JSON.stringify(b[key] ?? null)) {
            p.provenance.set(`m:${c.entity_id}:${key}`, prov);
          }
        }
      }
    }
  }
  return people;
}

/** A city's catalog (the defaults with its settings), by city code; cached per read. */
export class CatalogLookup {
  private readonly byCity = new Map<string, Map<string, DataElement>>();
  private readonly settings: Map<string, CatalogSetting[]>;

  constructor(rows: readonly CatalogSettingRow[]) {
    this.settings = new Map();
    for (const r of rows) {
      const list = this.settings.get(r.city_code) ?? [];
      list.push({
        elementCode: r.element_code,
        verifier: r.verifier as DepartmentTypeCode | null,
        comparers: r.comparers as DepartmentTypeCode[],
        cycle: r.cycle,
        timeLimitDays: r.time_limit_days,
        sensitivity: r.sensitivity,
      });
      this.settings.set(r.city_code, list);
    }
  }

  element(regionCode: string, code: string): DataElement | undefined {
    const city = regionCode.slice(0, 4);
    let catalog = this.byCity.get(city);
    if (!catalog) {
      const elements = applyCatalogSettings(defaultDataElements, this.settings.get(city) ?? []);
      catalog = new Map(elements.map((e) => [e.code, e]));
      this.byCity.set(city, catalog);
    }
    return catalog.get(code);
  }
}

/** Whether any of these elements needs the encrypted envelope opened. */
export function needsPii(elementCodes: readonly string[]): boolean {
  return elementCodes.some((c) => encryptedElementCodes.includes(c));
}

function labelOf(element: DataElement, value: string | null): string | null {
  if (value === null) return null;
  if (element.type === 'boolean') return value === 'true' ? '是' : '否';
  if (element.type !== 'code') return null;
  const set = elementCodeSet(element);
  return (set && codeName(set, value)) ?? null;
}

function canonical(element: DataElement, raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const normalized = normalizeElementValue(element, raw);
  // a stored value the catalog cannot read is passed on as stored
  return normalized.ok ? normalized.value : String(raw);
}

/** The element's value and the provenance key of what last set it. */
function valueOf(
  element: DataElement,
  p: ReplayedPerson,
): { value: string | null; provenanceKey: string | null } {
  const s = element.source;
  if (s.kind === 'person') {
    if ((piiFields as readonly string[]).includes(s.attribute)) {
      const field = s.attribute as (typeof piiFields)[number];
      return { value: canonical(element, p.pii?.[field] ?? null), provenanceKey: `pii.${field}` };
    }
    const column = PERSON_COLUMNS[s.attribute];
    if (!column) return { value: null, provenanceKey: null };
    return { value: canonical(element, p.person?.[column]), provenanceKey: column };
  }
  const memberships = [...p.memberships.entries()].filter(([, m]) => m.group_code === s.group);
  const active = memberships.find(([, m]) => m.status === 'active');
  if (s.kind === 'membership') {
    const last = active ?? memberships[memberships.length - 1];
    return { value: active ? 'true' : 'false', provenanceKey: last ? `m:${last[0]}` : null };
  }
  if (!active) return { value: null, provenanceKey: null };
  const [id, m] = active;
  const raw =
    s.field === 'attentionLevel'
      ? m.attention_level
      : ((m.attributes ?? {}) as Record<string, unknown>)[s.field];
  return { value: canonical(element, raw), provenanceKey: `m:${id}:${s.field}` };
}

/**
 * The agreed elements of one replayed person. `current` says whether the as-of moment is now, so
 * the stored status applies as it is; for an earlier day a value counts as verified only when its
 * verifier had confirmed that very value by then.
 */
export function exchangePersonOf(
  p: ReplayedPerson,
  elementCodes: readonly string[],
  statuses: ReadonlyMap<string, ElementValueRow>,
  catalog: CatalogLookup,
  asOf: { date: string; until: Date; current: boolean },
): ExchangePerson {
  const regionCode = String(p.person?.region_code ?? '');
  const elements: Record<string, ExchangeElementValue> = {};
  for (const code of elementCodes) {
    const element = catalog.element(regionCode, code);
    if (!element) continue;
    const { value, provenanceKey } = valueOf(element, p);
    const prov =
      (provenanceKey &&
        (p.provenance.get(provenanceKey) ??
          (provenanceKey.startsWith('m:')
            ? p.provenance.get(provenanceKey.split(':').slice(0, 2).join(':'))
            : undefined))) ||
      null;
    const row = statuses.get(`${p.id}|${code}`);
    let status: ExchangeElementValue['status'] = 'collected';
    if (row && element.verifier !== null) {
      if (asOf.current) status = row.status;
      else if (row.verified_at && row.verified_at < asOf.until && row.verified_value === value) {
        status = row.status === 'ruled' ? 'ruled' : 'verified';
      }
    }
    elements[code] = {
      value,
      label: labelOf(element, value),
      status,
      verifiedValue: row?.verified_value ?? null,
      provenance: {
        source: prov?.source ?? row?.source ?? null,
        collectedBy: prov?.collectedBy ?? row?.collected_by_name ?? null,
        collectedAt: prov?.collectedAt ?? row?.collected_at.toISOString() ?? null,
        importJobId: prov?.importJobId ?? null,
        verifier: row?.verifier ?? element.verifier,
        verifiedBy: row?.verified_by_name ?? null,
        verifiedAt: row?.verified_at?.toISOString() ?? null,
        corroborations: row?.corroborations ?? 0,
      },
    };
  }
  return { id: p.id, regionCode, asOf: asOf.date, elements };
}

export function statusKey(row: ElementValueRow): string {
  return `${row.person_id}|${row.element_code}`;
}
