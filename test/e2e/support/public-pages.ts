// Every public page type of the portal, one representative URL each found in (or added to) the demo data, and
// the checks every one of them must pass in both languages: used by the accessibility suite (axe, phone and
// desktop layout) and the 适老化 suite (phone layout in the mode).
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { guideBody } from "../../../src/demo/guide";
import { profileOf } from "../../../src/demo/items/profiles";
import { loadDemoStaff } from "../../../src/demo/publish";
import { annualReportSpec } from "../../../src/demo/reports";
import { systemActor } from "../../../src/deps";
import { createApiToken } from "../../../src/domains/accounts";
import {
  performStep as consultationStep,
  createConsultation,
} from "../../../src/domains/consultation/consultation.service";
import { createIssue, performStep as gazetteStep } from "../../../src/domains/gazette/gazette.service";
import { createMeeting, performStep as meetingStep } from "../../../src/domains/meetings/meetings.service";
import { shanghaiDateOf } from "../../../src/platform/time";
import type { E2EServer } from "./server";

/** A page type: a label and the Chinese path (the Mongolian one is mnPath(path)). */
export interface PageType {
  label: string;
  path: string;
  /** A page to print, without the portal's header (no 适老化 toggle, no mode). */
  print?: true;
}

export const LANGS = ["zh-CN", "mn-Mong"] as const;
export const mnPath = (path: string) => (path === "/" ? "/mn/" : `/mn${path}`);
export const pathIn = (lang: (typeof LANGS)[number], path: string) =>
  lang === "mn-Mong" ? mnPath(path) : path;

const dayAfter = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/**
 * The page types, after adding what the demo without its history lacks: a 公开指南 and an annual report
 * (published through the API as the demo clerk, reviewer and signer would, with the bodies the demo's history
 * gives them), an answered and published message, and a consultation, a meeting open to the public and a
 * released gazette issue (through the domains' own services as the demo's staff would).
 */
export async function publicPageTypes(server: E2EServer): Promise<PageType[]> {
  const tokens: Record<string, string> = {};
  async function api(who: string, url: string, payload: object) {
    tokens[who] ??= await createApiToken(server.deps, systemActor("e2e"), who, "e2e");
    const res = await server.app.inject({
      method: "POST",
      url,
      headers: { authorization: `Bearer ${tokens[who]}` },
      payload,
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  }

  async function publish(item: { title: string; body: string; kind: string }): Promise<string> {
    const created = await api("demo-clerk", "/api/v1/items", item);
    for (const [who, action] of [
      ["demo-clerk", "submit"],
      ["demo-reviewer", "approve"],
      ["demo-signer", "sign"],
      ["demo-signer", "publish"],
    ] as const)
      await api(who, `/api/v1/items/${created.id}/actions`, { action });
    return created.id;
  }

  /** The first link on `listPath` whose href matches `pattern` (a path without the /mn prefix). */
  async function firstLink(listPath: string, pattern: RegExp): Promise<string> {
    const res = await fetch(`${server.base}${listPath}`);
    const html = await res.text();
    for (const m of html.matchAll(/href="([^"]+)"/g)) {
      const href = m[1]!.replace(/&amp;/g, "&");
      if (pattern.test(href)) return href;
    }
    throw new Error(`no link matching ${pattern} on ${listPath} (HTTP ${res.status})`);
  }

  // biome-ignore lint/suspicious/noExplicitAny: a test's ad-hoc query over the demo's items
  async function itemId(where: (q: any) => any): Promise<string> {
    // biome-ignore lint/suspicious/noExplicitAny: as above
    const db = server.deps.db.kysely as any;
    const row = await where(
      db.selectFrom("items").select("id").where("status", "=", "published"),
    ).executeTakeFirst();
    if (!row) throw new Error("the demo has no published item of a page type these suites visit");
    return row.id as string;
  }

  async function publishedMessage(): Promise<string> {
    const created = await api("demo-office", "/api/v1/messages", {
      type: "consult",
      channel: "phone",
      title: "城区东街路灯不亮",
      body: "城区东街路灯已经三天不亮，晚上出行不便，请问什么时候修？",
      name: "王先生",
      phone: "13800000000",
    });
    const id = created.id as string;
    const step = (who: string, body: object) => api(who, `/api/v1/messages/${id}/actions`, body);
    await step("demo-office", { action: "accept" });
    await step("demo-office", { action: "transfer", org: "gyx-zjj" });
    await step("demo-zjj-clerk", {
      action: "draft_reply",
      body: "经核查，东街路灯线路老化，已更换，现已恢复照明。",
    });
    await step("demo-office", { action: "approve_reply" });
    await step("demo-office", { action: "publish" });
    return `/hd/messages/${id}`;
  }

  async function consultationMeetingAndGazette(policyId: string) {
    const deps = server.deps;
    const staff = await loadDemoStaff(deps);
    const today = shanghaiDateOf(new Date());
    const c = await createConsultation(deps, staff.clerk, {
      title: "固阳县城乡生活垃圾分类管理办法（征求意见稿）",
      draft:
        "<p>第一条　为了加强城乡生活垃圾分类管理，改善人居环境，制定本办法。</p><p>第二条　本县行政区域内生活垃圾的分类投放、收集、运输和处理，适用本办法。</p>",
      start_on: today,
      end_on: dayAfter(today, 30),
    });
    await consultationStep(deps, staff.clerk, c.id, { action: "submit" });
    await consultationStep(deps, staff.office, c.id, { action: "approve" });
    const m = await createMeeting(deps, staff.clerk, {
      title: "固阳县人民政府第12次常务会议",
      kind: "executive",
      starts_at: `${dayAfter(today, 21)}T09:00`,
      place: "县政府三楼第一会议室",
      agenda: [{ topic: "研究《固阳县城乡生活垃圾分类管理办法》" }, { topic: "听取民生实事完成情况汇报" }],
      apply_opens_on: today,
      apply_closes_on: dayAfter(today, 14),
      seats: 6,
    });
    await meetingStep(deps, staff.clerk, m.id, { action: "announce" });
    const g = await createIssue(deps, staff.office, {
      year: Number(today.slice(0, 4)),
      entries: [{ item_id: policyId }],
    });
    await gazetteStep(deps, staff.office, g.id, { action: "submit" });
    await gazetteStep(deps, staff.countySigner, g.id, { action: "review" });
    await gazetteStep(deps, staff.office, g.id, { action: "release" });
    return {
      consultation: `/hd/consultations/${c.id}`,
      meeting: `/hd/meetings/${m.id}`,
      gazette: `/gb/issues/${g.id}`,
    };
  }

  const policy = await itemId((q) => q.where("kind", "=", "policy").orderBy("published_at", "desc"));
  const graphic = await itemId((q) =>
    q.where("kind", "=", "interpretation").where("interpretation_form", "=", "graphic"),
  );
  const guide = await publish({
    kind: "other",
    title: "固阳县教育局政府信息公开指南",
    // Its desk's telephone number would need the site's whitelist of office numbers first: left out here.
    body: guideBody(profileOf("gyx-jyj"), { county: false, revised: true }).replace(
      /\d{3,4}-\d{7,8}/g,
      "（见页脚）",
    ),
  });
  const spec = annualReportSpec(
    2025,
    [],
    { items: 412, normative: 9, policies: 23, interpretations: 23 },
    41,
  );
  const report = await publish({ kind: spec.kind, title: spec.title, body: spec.body });
  const extra = await consultationMeetingAndGazette(policy);
  const serviceList = await firstLink("/fw/lists", /^\/fw\/lists\/[^/?]+\/[^/?]+$/);
  return [
    { label: "home", path: "/" },
    { label: "政务公开", path: "/gk" },
    { label: "information list", path: "/gk/list" },
    { label: "policy item", path: `/gk/items/${policy}` },
    { label: "图解 interpretation", path: `/gk/items/${graphic}` },
    { label: "公开指南 (guide)", path: `/gk/items/${guide}` },
    { label: "annual report", path: `/gk/items/${report}` },
    { label: "print view", path: `/gk/items/${policy}/print`, print: true },
    { label: "catalogue index", path: "/gk/catalog" },
    { label: "county catalogue", path: "/gk/catalog/gyx" },
    { label: "normative register", path: "/gk/normative-register" },
    { label: "open data", path: "/gk/opendata" },
    { label: "政务服务", path: "/fw" },
    { label: "service guide", path: await firstLink("/fw", /^\/fw\/items\/[^/?]+$/) },
    { label: "一件事 bundle", path: await firstLink("/fw", /^\/fw\/bundles\/[^/?]+$/) },
    { label: "life event", path: await firstLink("/fw", /^\/fw\/life-events\/[^/?]+$/) },
    { label: "service halls", path: "/fw/halls" },
    { label: "service hall", path: await firstLink("/fw/halls", /^\/fw\/halls\/[^/?]+$/) },
    { label: "online-service statistics", path: "/fw/stats" },
    { label: "service lists", path: "/fw/lists" },
    { label: "service list", path: serviceList },
    { label: "service list changes", path: await firstLink(serviceList, /^\/fw\/lists\/.+\/changes/) },
    { label: "implementation reports", path: "/fw/reports" },
    { label: "implementation report", path: await firstLink("/fw/reports", /^\/fw\/reports\/[^/?]+$/) },
    { label: "互动交流", path: "/hd" },
    { label: "application form", path: "/hd/apply" },
    { label: "application tracking", path: "/hd/track" },
    { label: "answered archive", path: "/hd/archive" },
    { label: "archive entry", path: await firstLink("/hd/archive", /^\/hd\/archive\/[^/?.]+$/) },
    { label: "Art. 44 list", path: "/hd/repeated" },
    { label: "messages Q&A", path: "/hd/messages" },
    { label: "message form", path: "/hd/messages/new" },
    { label: "message tracking", path: "/hd/messages/track" },
    { label: "answered message", path: await publishedMessage() },
    { label: "error report form", path: "/hd/error-report" },
    { label: "hotlines", path: "/hd/hotlines" },
    { label: "consultations", path: "/hd/consultations" },
    { label: "consultation", path: extra.consultation },
    { label: "meetings", path: "/hd/meetings" },
    { label: "meeting", path: extra.meeting },
    { label: "meeting tracking", path: "/hd/meetings/track" },
    { label: "gazette", path: "/gb" },
    { label: "gazette issue", path: extra.gazette },
    { label: "search results", path: `/search?q=${encodeURIComponent("乡村振兴")}` },
    { label: "working-day calendar", path: "/calendar" },
    { label: "verify", path: "/verify" },
    { label: "verify chain", path: "/verify/chain" },
  ];
}

/** Every serious or critical axe violation, one line per failing node. */
export async function axeProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `axe ${v.id} [${v.impact}] ${v.help}: ${n.target.map(String).join(" >> ")}${
            n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, " ").slice(0, 200)}` : ""
          }`,
      ),
    );
}

/**
 * Controls a person cannot reach: beyond the viewport's width where only the page itself could scroll to
 * them, or cut off by an ancestor that hides its overflow. A control inside a scroll container of its own
 * (a vertical Mongolian block, a wide table's region) is reachable by scrolling that container.
 */
const CLIPPED = `(() => {
  const out = [];
  const vw = document.documentElement.clientWidth;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.getAttribute("name") ? "[name=" + el.getAttribute("name") + "]" : "") +
    " “" + (el.textContent || el.getAttribute("value") || "").trim().slice(0, 20) + "”";
  for (const el of document.querySelectorAll("main a[href], main button, main input:not([type=hidden]), main select, main textarea, header a, header button, header input, footer a")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === "hidden" || cs.display === "none") continue;
    if (el.closest(".visually-hidden, .skip-link")) continue;
    let reachable = false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      const ox = s.overflowX;
      if (ox === "auto" || ox === "scroll") { reachable = true; break; }
      if (ox === "hidden" || ox === "clip") {
        const ar = a.getBoundingClientRect();
        if (r.left < ar.left - 1 || r.right > ar.right + 1) out.push(name(el) + " clipped by " + a.tagName.toLowerCase() + "." + a.className);
        reachable = true;
        break;
      }
    }
    if (!reachable && (r.right + window.scrollX > vw + 1 || r.left + window.scrollX < -1))
      out.push(name(el) + " at x=" + Math.round(r.left + window.scrollX) + "–" + Math.round(r.right + window.scrollX) + " outside the " + vw + " px page");
  }
  return out;
})()`;

/** The page wider than the viewport, and every control a person cannot reach (CLIPPED). */
export async function layoutProblems(page: Page, width: number): Promise<string[]> {
  const out: string[] = [];
  const sw = Number(await page.evaluate("document.documentElement.scrollWidth"));
  if (sw > width) out.push(`the page is ${sw} px wide at a ${width} px viewport`);
  out.push(...((await page.evaluate(CLIPPED)) as string[]));
  return out;
}

/**
 * The 适老化 toggle of the page's header: present, shown (not hidden, inside the viewport's width), reachable by
 * Tab (a link with an address and no negative tabindex) and leading back to this page.
 */
const ELDER_TOGGLE = `(() => {
  const el = document.querySelector("header a.elder-toggle");
  if (!el) return ["no 适老化 toggle in the header"];
  const out = [];
  const r = el.getBoundingClientRect();
  const cs = getComputedStyle(el);
  if (r.width < 1 || r.height < 1 || cs.display === "none" || cs.visibility === "hidden" || Number(cs.opacity) === 0)
    out.push("the 适老化 toggle is not shown");
  if (r.left + window.scrollX < -1 || r.right + window.scrollX > document.documentElement.clientWidth + 1)
    out.push("the 适老化 toggle is outside the page (x=" + Math.round(r.left) + "–" + Math.round(r.right) + ")");
  if (el.tabIndex < 0 || !el.getAttribute("href")) out.push("the 适老化 toggle cannot be reached by Tab");
  if (!(el.textContent || "").trim()) out.push("the 适老化 toggle has no text");
  const back = new URL(el.href).searchParams.get("back") || "";
  if (new URL(back, location.origin).pathname !== location.pathname) out.push("the 适老化 toggle leads back to " + back);
  return out;
})()`;

export async function elderToggleProblems(page: Page): Promise<string[]> {
  return (await page.evaluate(ELDER_TOGGLE)) as string[];
}
