// Assessment (考核) of departments and towns and the inspection office's accountability records (问责),
// issue 14 item 2: what other domains may use.
//
// Indicators: a domain registers a computed indicator once at import time:
//   registerIndicator({ key: "newmedia_updated", labelKey: "assessment.indicator.newmedia_updated",
//     descriptionKey: "assessment.indicator.newmedia_updated.how", defaultPoints: 10,
//     compute: async (trx, { siteId, orgIds, from, to, clock, calendar }) => [{ orgId, value, numerator,
//       denominator, evidence: [{ type: "account", id, label, url: "/admin/newmedia/…", ok: false }] }] });
// and adds the two labels to src/web/i18n/zh-CN.ts. The office then adds it to the site's indicators.
//
// Accountability: recordAccountability(trx, actor, {siteId, orgId, kind, reason, decidedOn, subjects, rectifyBy},
// clock) records a 通报批评 / 约谈整改 in the caller's transaction (authorise first with authoriseAccountability);
// subjects are {type, id} cases, linked in the back office when their type is known (application, message, item,
// assessment_score) or registered with registerAccountabilitySubject("opinion_case", {label, url}).
export {
  ACCOUNTABILITY_KIND_LABELS,
  ACCOUNTABILITY_KINDS,
  type AccountabilityView,
  type ListAccountabilityFilter,
  listAccountability,
  type RecordAccountabilityInput,
  recordAccountability,
} from "./accountability.service";
export {
  presentSubject,
  registerAccountabilitySubject,
  type SubjectKind,
  scoreSubjectId,
} from "./accountability.subjects";
export {
  authoriseAccountability,
  authoriseAssessment,
  mayAssess,
  mayListAccountability,
} from "./assessment.policy";
export { rankingOfRun } from "./assessment.present";
export {
  type EvidenceLink,
  type IndicatorContext,
  type IndicatorDefinition,
  type IndicatorValue,
  indicatorDefinition,
  listIndicatorDefinitions,
  ratio,
  registerIndicator,
} from "./assessment.registry";
export { registerAssessmentRoutes } from "./assessment.routes";
export { computeRun } from "./assessment.runs";
export type { AccountabilityKind, AssessmentTables, PeriodKind } from "./assessment.tables";
