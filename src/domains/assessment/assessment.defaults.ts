// The default computed indicators (issue 14 item 2), from the data gongkai already holds. Each counts records of
// the period per organisation and lists every record it counted as evidence, linked to its back-office page.
// Imported for its side effect (registration) by the assessment service.
import type { Executor } from "../../db/executor";
import { CalendarYearMissingError } from "../../platform/calendar";
import { columnFreshnessAsOf } from "../health";
import { ART26_LIMIT } from "../publishing";
import * as facts from "./assessment.facts.repo";
import {
  type EvidenceLink,
  type IndicatorContext,
  type IndicatorValue,
  ratio,
  registerIndicator,
} from "./assessment.registry";

const itemUrl = (id: string) => `/admin/items/${encodeURIComponent(id)}`;
const applicationUrl = (id: string) => `/admin/applications/${encodeURIComponent(id)}`;
const messageUrl = (id: string) => `/admin/messages/${encodeURIComponent(id)}`;

/** Groups evidence by organisation and turns it into values: the share of records that count for it. */
function tally(
  ctx: IndicatorContext,
  rows: Array<{ orgId: string; ok: boolean; evidence: EvidenceLink }>,
): IndicatorValue[] {
  const by = new Map<string, { ok: number; n: number; evidence: EvidenceLink[] }>();
  for (const r of rows) {
    const t = by.get(r.orgId) ?? { ok: 0, n: 0, evidence: [] };
    t.n++;
    if (r.ok) t.ok++;
    t.evidence.push({ ...r.evidence, ok: r.ok });
    by.set(r.orgId, t);
  }
  return ctx.orgIds.flatMap((orgId) => {
    const t = by.get(orgId);
    if (!t) return [];
    return [{ orgId, value: ratio(t.ok, t.n), numerator: t.ok, denominator: t.n, evidence: t.evidence }];
  });
}

/** Working days from formed to published, or null when the calendar lacks a year in between. */
function workingDays(ctx: IndicatorContext, formed: string, published: string): number | null {
  if (formed >= published) return 0;
  try {
    return ctx.calendar.workingDaysBetween(formed, published);
  } catch (e) {
    if (e instanceof CalendarYearMissingError) return null;
    throw e;
  }
}

// Art. 26: made public within 20 working days of being formed or changed.
registerIndicator({
  key: "proactive_on_time",
  labelKey: "assessment.indicator.proactive_on_time",
  descriptionKey: "assessment.indicator.proactive_on_time.how",
  defaultPoints: 20,
  async compute(trx: Executor, ctx) {
    const rows = await facts.publishedItems(trx, ctx.siteId, ctx.orgIds, ctx.from, ctx.to);
    return tally(
      ctx,
      rows.flatMap((r) => {
        const days = workingDays(ctx, r.formed_on, r.published_on!);
        if (days === null) return [];
        return [
          {
            orgId: r.org_id,
            ok: days <= ART26_LIMIT,
            evidence: {
              type: "item",
              id: r.id,
              label: r.title,
              url: itemUrl(r.id),
              note: `${r.formed_on}形成，${r.published_on}公开，${days}个工作日`,
            },
          },
        ];
      }),
    );
  },
});

// Policies and normative documents released with their interpretation (同步解读): an interpretation published no
// later than the policy itself.
registerIndicator({
  key: "policy_interpreted",
  labelKey: "assessment.indicator.policy_interpreted",
  descriptionKey: "assessment.indicator.policy_interpreted.how",
  defaultPoints: 10,
  async compute(trx, ctx) {
    const rows = await facts.policiesWithInterpretation(trx, ctx.siteId, ctx.orgIds, ctx.from, ctx.to);
    return tally(
      ctx,
      rows.map((r) => {
        const on = (r.interpreted_on as string | null) ?? null;
        const ok = on !== null && on <= r.published_on!;
        return {
          orgId: r.org_id,
          ok,
          evidence: {
            type: "item",
            id: r.id,
            label: r.title,
            url: itemUrl(r.id),
            note:
              on === null
                ? `${r.published_on}发布，无解读`
                : ok
                  ? `${r.published_on}发布，同步解读`
                  : `${r.published_on}发布，解读${on}才发布`,
          },
        };
      }),
    );
  },
});

// Applications answered within their statutory clock (Art. 33, with its extensions and suspensions).
registerIndicator({
  key: "applications_on_time",
  labelKey: "assessment.indicator.applications_on_time",
  descriptionKey: "assessment.indicator.applications_on_time.how",
  defaultPoints: 20,
  async compute(trx, ctx) {
    const rows = await facts.repliedApplications(trx, ctx.siteId, ctx.orgIds, ctx.from, ctx.to);
    return tally(
      ctx,
      rows.flatMap((r) =>
        r.org_id === null
          ? []
          : [
              {
                orgId: r.org_id,
                ok: r.due_on === null || r.replied_on! <= r.due_on,
                evidence: {
                  type: "application",
                  id: r.id,
                  label: r.tracking_code,
                  url: applicationUrl(r.id),
                  note: `${r.replied_on}答复，期限${r.due_on ?? "未计"}`,
                },
              },
            ],
      ),
    );
  },
});

// Replies not corrected on administrative review or litigation: of the applications replied in the period and
// those corrected in it, the share not corrected (被纠错) by a decision of the period.
registerIndicator({
  key: "replies_not_corrected",
  labelKey: "assessment.indicator.replies_not_corrected",
  descriptionKey: "assessment.indicator.replies_not_corrected.how",
  defaultPoints: 10,
  async compute(trx, ctx) {
    const replied = await facts.repliedApplications(trx, ctx.siteId, ctx.orgIds, ctx.from, ctx.to);
    const corrected = await facts.correctedDisputes(trx, ctx.siteId, ctx.orgIds, ctx.from, ctx.to);
    const byApp = new Map<string, (typeof corrected)[number]>();
    for (const d of corrected) if (!byApp.has(d.application_id)) byApp.set(d.application_id, d);
    const rows: Array<{ orgId: string; ok: boolean; evidence: EvidenceLink }> = [];
    const seen = new Set<string>();
    for (const r of replied) {
      if (r.org_id === null) continue;
      seen.add(r.id);
      const d = byApp.get(r.id);
      rows.push({
        orgId: r.org_id,
        ok: !d,
        evidence: {
          type: "application",
          id: r.id,
          label: r.tracking_code,
          url: applicationUrl(r.id),
          note: d
            ? `${d.decided_on}${d.kind === "review" ? "行政复议" : "行政诉讼"}纠错`
            : `${r.replied_on}答复`,
        },
      });
    }
    for (const d of byApp.values()) {
      if (seen.has(d.application_id) || d.org_id === null) continue;
      rows.push({
        orgId: d.org_id,
        ok: false,
        evidence: {
          type: "application",
          id: d.application_id,
          label: d.tracking_code,
          url: applicationUrl(d.application_id),
          note: `${d.decided_on}${d.kind === "review" ? "行政复议" : "行政诉讼"}纠错`,
        },
      });
    }
    return tally(ctx, rows);
  },
});

// Catalogue columns with a periodic update rule updated within their period at the end of the assessment period.
registerIndicator({
  key: "columns_fresh",
  labelKey: "assessment.indicator.columns_fresh",
  descriptionKey: "assessment.indicator.columns_fresh.how",
  defaultPoints: 10,
  async compute(trx, ctx) {
    const cols = await columnFreshnessAsOf(trx, ctx.siteId, ctx.orgIds, ctx.to);
    return tally(
      ctx,
      cols.map((c) => ({
        orgId: c.org_id,
        ok: c.fresh,
        evidence: {
          type: "column",
          id: c.node_id,
          label: c.name,
          url: c.href,
          note: c.latest ? `最近更新${c.latest}，要求${c.limit_days}天内` : "从未更新",
        },
      })),
    );
  },
});

// Messages (互动交流) answered within the site's limit for their type.
registerIndicator({
  key: "messages_on_time",
  labelKey: "assessment.indicator.messages_on_time",
  descriptionKey: "assessment.indicator.messages_on_time.how",
  defaultPoints: 10,
  async compute(trx, ctx) {
    const rows = await facts.answeredMessages(trx, ctx.siteId, ctx.orgIds, ctx.from, ctx.to, false);
    return tally(
      ctx,
      rows.flatMap((r) => messageRow(r)),
    );
  },
});

// The askers' satisfaction with the answers (满意 and 基本满意 of the ratings given in the period).
registerIndicator({
  key: "messages_satisfaction",
  labelKey: "assessment.indicator.messages_satisfaction",
  descriptionKey: "assessment.indicator.messages_satisfaction.how",
  defaultPoints: 10,
  async compute(trx, ctx) {
    const fromAt = new Date(`${ctx.from}T00:00:00+08:00`).toISOString();
    const toAt = new Date(Date.parse(`${ctx.to}T00:00:00+08:00`) + 86_400_000).toISOString();
    const rows = await facts.ratedMessages(trx, ctx.siteId, ctx.orgIds, fromAt, toAt);
    const labels: Record<string, string> = { satisfied: "满意", basic: "基本满意", unsatisfied: "不满意" };
    return tally(
      ctx,
      rows.flatMap((r) =>
        r.org_id === null
          ? []
          : [
              {
                orgId: r.org_id,
                ok: r.rating === "satisfied" || r.rating === "basic",
                evidence: {
                  type: "message",
                  id: r.id,
                  label: r.title || r.tracking_code,
                  url: messageUrl(r.id),
                  note: `评价：${labels[r.rating ?? ""] ?? r.rating}`,
                },
              },
            ],
      ),
    );
  },
});

// Error reports (我为政府网站找错) fixed and answered within their limit.
registerIndicator({
  key: "error_reports_fixed",
  labelKey: "assessment.indicator.error_reports_fixed",
  descriptionKey: "assessment.indicator.error_reports_fixed.how",
  defaultPoints: 10,
  async compute(trx, ctx) {
    const rows = await facts.answeredMessages(trx, ctx.siteId, ctx.orgIds, ctx.from, ctx.to, true);
    return tally(
      ctx,
      rows.flatMap((r) => messageRow(r)),
    );
  },
});

function messageRow(r: {
  id: string;
  org_id: string | null;
  tracking_code: string;
  title: string;
  replied_on: string | null;
  due_on: string | null;
}): Array<{ orgId: string; ok: boolean; evidence: EvidenceLink }> {
  if (r.org_id === null) return [];
  return [
    {
      orgId: r.org_id,
      ok: r.due_on === null || r.replied_on! <= r.due_on,
      evidence: {
        type: "message",
        id: r.id,
        label: r.title || r.tracking_code,
        url: messageUrl(r.id),
        note: `${r.replied_on}答复，期限${r.due_on ?? "未计"}`,
      },
    },
  ];
}

/** The keys of the default indicators, in the order the office's list starts with. */
export const DEFAULT_INDICATOR_KEYS = [
  "proactive_on_time",
  "policy_interpreted",
  "applications_on_time",
  "replies_not_corrected",
  "columns_fresh",
  "messages_on_time",
  "messages_satisfaction",
  "error_reports_fixed",
] as const;
