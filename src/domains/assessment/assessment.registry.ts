// The indicator registry: every computed assessment indicator (考核指标) is a definition registered here by the
// domain that holds its data, so a later domain (new media, opinion) plugs in without touching assessment code.
// A definition computes, for the organisations asked and the period [from, to] (calendar dates, Asia/Shanghai),
// each organisation's share of the points earned and the records it counted as evidence.
import type { Executor } from "../../db/executor";
import type { WorkingDayCalendar } from "../../platform/calendar";
import type { Clock } from "../../platform/time";
import type { MessageKey } from "../../web/i18n";
import type { PeriodKind } from "./assessment.tables";

/** A record an indicator counted: shown beside the score with a link to its back-office page. */
export interface EvidenceLink {
  /** item | application | message | column | account | opinion_case … */
  type: string;
  id: string;
  label: string;
  /** The back-office page of the record (a path such as /admin/items/ID). */
  url: string;
  /** true: it counted for the organisation; false: against (published late, answered late, corrected…). */
  ok?: boolean;
  /** A short fact shown beside it (e.g. "23个工作日"). */
  note?: string;
}

export interface IndicatorContext {
  siteId: string;
  /** The organisations to assess (an indicator may return fewer: those with nothing to assess are 不涉及). */
  orgIds: string[];
  /** The period, inclusive, as YYYY-MM-DD calendar dates (Asia/Shanghai). */
  from: string;
  to: string;
  clock: Clock;
  /** The site's working-day calendar (statutory holidays and the county's notices). */
  calendar: WorkingDayCalendar;
  dialect: "sqlite" | "postgres";
}

/** One organisation's result on an indicator. */
export interface IndicatorValue {
  orgId: string;
  /** Share of the indicator's points earned, 0..1; null: nothing to assess (不涉及, full points). */
  value: number | null;
  numerator: number;
  denominator: number;
  evidence: EvidenceLink[];
}

export interface IndicatorDefinition {
  /** Stable key, snake_case, e.g. proactive_on_time. */
  key: string;
  /** Chinese label in the i18n catalog (zh-CN.ts), e.g. "assessment.indicator.proactive_on_time". */
  labelKey: MessageKey;
  /** How the value is computed, for the office (i18n key). */
  descriptionKey: MessageKey;
  /** Default points, period and organisation kinds when the office adds the indicator. */
  defaultPoints: number;
  defaultPeriod?: PeriodKind;
  defaultOrgKinds?: string[];
  /** Runs inside the assessment's transaction: query `trx` only, never the root handle. */
  compute(trx: Executor, ctx: IndicatorContext): Promise<IndicatorValue[]>;
}

const registry = new Map<string, IndicatorDefinition>();

const KEY = /^[a-z][a-z0-9_]{1,47}$/;

/** Registers a computed indicator; registering the same key twice replaces it (module reloads in tests). */
export function registerIndicator(def: IndicatorDefinition): void {
  if (!KEY.test(def.key)) throw new Error(`indicator key must be snake_case: ${def.key}`);
  if (!(def.defaultPoints > 0)) throw new Error(`indicator ${def.key} needs positive default points`);
  registry.set(def.key, def);
}

export const indicatorDefinition = (key: string): IndicatorDefinition | undefined => registry.get(key);

/** Every registered indicator, in registration order. */
export const listIndicatorDefinitions = (): IndicatorDefinition[] => [...registry.values()];

/** The share of a ratio as a value (0..1, rounded to 4 places), null when there is nothing to count. */
export const ratio = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? Math.round((numerator / denominator) * 10_000) / 10_000 : null;
