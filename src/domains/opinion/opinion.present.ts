// A case as the API and the back office show it: its clocks (due/overdue), response, evaluation, events and
// accountability records.
import type { Deps } from "../../deps";
import type { OrgTree } from "../orgs";
import { findItem } from "../publishing";
import { clocksOf, isLate } from "./opinion.clocks";
import type { CaseRow, WarningRow } from "./opinion.repo";
import * as repo from "./opinion.repo";
import { accountabilityOf } from "./opinion.response";
import { settingsOf } from "./opinion.settings";
import { CATEGORY_LABELS, EFFECT_LABELS, type Effect, LEVEL_LABELS, STATUS_LABELS } from "./opinion.steps";

export const caseUrl = (id: string) => `/admin/opinion/cases/${id}`;

export async function presentCase(deps: Deps, row: CaseRow, tree: OrgTree) {
  const db = deps.db.kysely;
  const settings = await settingsOf(db, row.site_id);
  const clocks = clocksOf(row, settings, deps.clock.now());
  const item = row.response_item_id ? await findItem(db, row.response_item_id) : undefined;
  const org = tree.get(row.org_id);
  const events = await repo.eventsOf(db, row.id);
  const records = await accountabilityOf(deps, row);
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    status: row.status,
    status_label: STATUS_LABELS[row.status],
    level: row.level,
    level_label: LEVEL_LABELS[row.level],
    category: row.category,
    category_label: CATEGORY_LABELS[row.category],
    org: { id: row.org_id, code: org?.code ?? "", name: org?.name ?? "" },
    discovered_at: row.discovered_at,
    warning_id: row.warning_id,
    clocks,
    late: isLate(clocks),
    info_released_at: row.info_released_at,
    press_held_at: row.press_held_at,
    response: item
      ? {
          item_id: item.id,
          title: item.title,
          status: item.status,
          published_at: item.published_at,
          url: item.status === "published" ? `/gk/items/${item.id}` : null,
        }
      : null,
    evaluation:
      row.effect && row.evaluated_at
        ? {
            effect: row.effect,
            effect_label: EFFECT_LABELS[row.effect as Effect] ?? row.effect,
            text: row.evaluation ?? "",
            at: row.evaluated_at,
          }
        : null,
    events: events.map((e) => ({
      kind: e.kind,
      party: e.party,
      text: e.text,
      at: e.at,
      actor: e.actor_label,
    })),
    accountability: records.map((r) => ({
      id: r.id,
      kind: r.kind,
      kind_label: r.kind_label,
      reason: r.reason,
      decided_on: r.decided_on,
      rectify_by: r.rectify_by,
      status: r.status,
    })),
    dismiss_reason: row.dismiss_reason,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export type CaseView = Awaited<ReturnType<typeof presentCase>>;

export const presentWarning = (w: WarningRow) => ({
  id: w.id,
  kind: w.kind,
  topic: w.topic,
  count: Number(w.count),
  baseline: Number(w.baseline),
  window_hours: Number(w.window_hours),
  evidence: JSON.parse(w.evidence_json) as Array<{ type: string; id: string }>,
  raised_at: w.raised_at,
  case_id: w.case_id,
});

export type WarningView = ReturnType<typeof presentWarning>;
