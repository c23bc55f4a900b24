// Issue 18, parts 3 and 5: every public page type, in Chinese and at /mn in Mongolian, has no serious or
// critical axe violation, fits a 360 px phone without the page scrolling sideways (vertical Mongolian may
// scroll inside its own container), and at desktop width shows every control inside the page (nothing
// clipped, nothing beyond the viewport). One representative URL per type, found in the demo data.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guideBody } from "../../src/demo/guide";
import { profileOf } from "../../src/demo/items/profiles";
import { loadDemoStaff } from "../../src/demo/publish";
import { annualReportSpec } from "../../src/demo/reports";
import { systemActor } from "../../src/deps";
import { createApiToken } from "../../src/domains/accounts";
import {
  performStep as consultationStep,
  createConsultation,
} from "../../src/domains/consultation/consultation.service";
import { createIssue, performStep as gazetteStep } from "../../src/domains/gazette/gazette.service";
import { createMeeting, performStep as meetingStep } from "../../src/domains/meetings/meetings.service";
import { shanghaiDateOf } from "../../src/platform/time";
import { launchChromium, VIEWPORTS } from "./support/browser";
import { type E2EServer, startServer } from "./support/server";

let server: E2EServer;
let browser: Browser;

/** Page types: a label and the Chinese path (the Mongolian one is /mn + path). */
const PAGES: Array<{ label: string; path: string }> = [];

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
  if (!row) throw new Error("the demo has no published item of a page type this suite visits");
  return row.id as string;
}

/**
 * The demo without its history has no 公开指南 and no annual report: both are published here through the API
 * as the demo clerk, reviewer and signer would, with the bodies the demo's history gives them.
 */
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
const tokens: Record<string, string> = {};

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

/** Nor has it a published question and answer: a call the office registers, answered and published. */
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

const dayAfter = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/**
 * Nor a consultation, a meeting open to the public or a released gazette issue (the history adds them): one
 * of each, through the domains' own services as the demo's staff would.
 */
async function consultationMeetingAndGazette(policyId: string): Promise<{
  consultation: string;
  meeting: string;
  gazette: string;
}> {
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

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
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
  PAGES.push(
    { label: "home", path: "/" },
    { label: "政务公开", path: "/gk" },
    { label: "information list", path: "/gk/list" },
    { label: "policy item", path: `/gk/items/${policy}` },
    { label: "图解 interpretation", path: `/gk/items/${graphic}` },
    { label: "公开指南 (guide)", path: `/gk/items/${guide}` },
    { label: "annual report", path: `/gk/items/${report}` },
    { label: "print view", path: `/gk/items/${policy}/print` },
    { label: "catalogue index", path: "/gk/catalog" },
    { label: "county catalogue", path: "/gk/catalog/gyx" },
    { label: "normative register", path: "/gk/normative-register" },
    { label: "open data", path: "/gk/opendata" },
    { label: "政务服务", path: "/fw" },
    { label: "service guide", path: await firstLink("/fw", /^\/fw\/items\/[^/?]+$/) },
    { label: "一件事 bundle", path: await firstLink("/fw", /^\/fw\/bundles\/[^/?]+$/) },
    { label: "life event", path: await firstLink("/fw", /^\/fw\/life-events\/[^/?]+$/) },
    { label: "service halls", path: "/fw/halls" },
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
  );
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const mnPath = (path: string) => (path === "/" ? "/mn/" : `/mn${path}`);

/** Every serious or critical axe violation, one line per failing node. */
async function axeProblems(page: Page): Promise<string[]> {
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

async function layoutProblems(page: Page, width: number): Promise<string[]> {
  const out: string[] = [];
  const sw = Number(await page.evaluate("document.documentElement.scrollWidth"));
  if (sw > width) out.push(`the page is ${sw} px wide at a ${width} px viewport`);
  out.push(...((await page.evaluate(CLIPPED)) as string[]));
  return out;
}

describe("[chromium] the page checks find what they look for", () => {
  it("an image without a text alternative, a page wider than the phone and a control cut off are reported", async () => {
    const page = await (await browser.newContext({ viewport: VIEWPORTS.phone })).newPage();
    await page.goto(`${server.base}/hd/apply`);
    expect(await axeProblems(page)).toEqual([]);
    expect(await layoutProblems(page, VIEWPORTS.phone.width)).toEqual([]);
    // DOM changes only (the CSP forbids inline styles and scripts the page did not bring).
    await page.evaluate(`(() => {
      const img = document.createElement("img");
      img.src = "/assets/emblem.svg";
      document.querySelector("main").prepend(img);
      const wide = document.createElement("p");
      wide.textContent = "一张太宽的表格";
      wide.style.width = "1500px";
      document.querySelector("main").append(wide);
      const box = document.querySelector("form.stack");
      box.style.overflow = "hidden";
      box.style.width = "100px";
    })()`);
    expect((await axeProblems(page)).join("\n")).toContain("axe image-alt [critical]");
    const layout = await layoutProblems(page, VIEWPORTS.phone.width);
    expect(layout.join("\n")).toMatch(/the page is \d+ px wide at a 360 px viewport/);
    expect(layout.join("\n")).toContain("clipped by form");
    await page.context().close();
  });
});

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  describe(`[chromium] every public page type at ${viewport.width} px (${name})`, () => {
    let context: BrowserContext;
    beforeAll(async () => {
      context = await browser.newContext({ viewport, locale: "zh-CN" });
    });
    afterAll(async () => {
      await context?.close();
    });

    for (const lang of ["zh-CN", "mn-Mong"] as const) {
      it(`${lang}: no serious or critical axe violation, no sideways page, nothing clipped`, async () => {
        const problems: string[] = [];
        const page = await context.newPage();
        for (const p of PAGES) {
          const url = lang === "mn-Mong" ? mnPath(p.path) : p.path;
          const res = await page.goto(`${server.base}${url}`);
          if (res?.status() !== 200) {
            problems.push(`${p.label} ${url}: HTTP ${res?.status()}`);
            continue;
          }
          expect(await page.locator("html").getAttribute("lang"), url).toBe(lang);
          for (const x of [...(await axeProblems(page)), ...(await layoutProblems(page, viewport.width))])
            problems.push(`${p.label} ${url}: ${x}`);
        }
        await page.close();
        expect(problems, problems.join("\n")).toEqual([]);
      }, 600_000);
    }
  });
}

// ---------------------------------------------------------------------------------------------------------
// Keyboard only: Tab, Shift+Tab, Enter, Space and typing; never a click. Every element that takes focus on the
// way must show it (an outline or a box shadow in its computed style).

/** What has focus, and whether its focus is visible. */
const ACTIVE = `(() => {
  const el = document.activeElement;
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    cls: typeof el.className === "string" ? el.className : "",
    href: el.getAttribute("href") || "",
    text: (el.textContent || "").trim().slice(0, 40),
    visible: (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0) || (cs.boxShadow && cs.boxShadow !== "none"),
    onScreen: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight,
  };
})()`;
type Active = {
  tag: string;
  id: string;
  cls: string;
  href: string;
  text: string;
  visible: boolean;
  onScreen: boolean;
};
const active = async (page: Page) => (await page.evaluate(ACTIVE)) as Active;

/**
 * Presses Tab (Shift+Tab with `back`) until the focused element satisfies `want`, checking on the way that each
 * focused element shows its focus and is on the screen. Fails after `max` presses.
 */
async function tabTo(
  page: Page,
  want: (a: Active) => boolean,
  label: string,
  opts: { max?: number; back?: boolean } = {},
): Promise<Active> {
  const seen: string[] = [];
  for (let i = 0; i < (opts.max ?? 80); i++) {
    await page.keyboard.press(opts.back ? "Shift+Tab" : "Tab");
    const a = await active(page);
    const name = `${a.tag}${a.id ? `#${a.id}` : ""}${a.href ? `[href=${a.href}]` : ""} “${a.text}”`;
    seen.push(name);
    expect(a.visible, `focus is not visible on ${name} (${page.url()})`).toBe(true);
    expect(a.onScreen, `${name} has focus but is off the screen (${page.url()})`).toBe(true);
    if (want(a)) return a;
  }
  throw new Error(`Tab never reached ${label} on ${page.url()}; focus went through:\n${seen.join("\n")}`);
}

/** Presses a key that submits or follows a link, and waits for the page it opens. */
async function pressAndWait(page: Page, key: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);
}

const NUM: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
async function checkAnswer(page: Page): Promise<string> {
  const question = (await page.locator('label[for="check_answer"]').textContent()) ?? "";
  const m = /(.)加(.)等于几/.exec(question);
  if (!m) throw new Error(`no human check question in “${question}”`);
  return String(NUM[m[1]!]! + NUM[m[2]!]!);
}

/** Tabs to the field with `id` and types `text` into it. */
async function typeInto(page: Page, id: string, text: string): Promise<void> {
  await tabTo(page, (a) => a.id === id, `#${id}`);
  await page.keyboard.type(text);
}

describe("[chromium] keyboard only", () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: "zh-CN" });
  });
  afterAll(async () => {
    await context?.close();
  });

  it("the first Tab reaches the skip link, which is shown and moves focus to the main content", async () => {
    const page = await context.newPage();
    for (const url of ["/", "/mn/", "/hd/apply", "/gk/list"]) {
      await page.goto(`${server.base}${url}`);
      const first = await tabTo(page, () => true, "the first focusable element", { max: 1 });
      expect(first.cls, url).toContain("skip-link");
      expect(first.href).toBe("#main");
      await page.keyboard.press("Enter");
      const now = await active(page);
      expect(`${now.tag}#${now.id}`, url).toBe("main#main");
      // Shift+Tab from the main content goes back into the header: the order follows the page.
      const back = await tabTo(page, () => true, "the element before main", { max: 1, back: true });
      expect(back.tag, url).not.toBe("main");
    }
    await page.close();
  });

  it("applies for information from the home page: an empty form is refused with a focused error summary linking each field, then the filled form is accepted with a tracking code", async () => {
    const page = await context.newPage();
    await page.goto(`${server.base}/`);
    await tabTo(page, (a) => a.href === "/hd" && a.text === "互动交流", "互动交流 in the main navigation");
    await pressAndWait(page, "Enter");
    expect(new URL(page.url()).pathname).toBe("/hd");
    await tabTo(page, (a) => a.href === "/hd/apply", "the link to the application form");
    await pressAndWait(page, "Enter");
    expect(new URL(page.url()).pathname).toBe("/hd/apply");

    // Straight to the submit button with nothing filled in.
    await tabTo(page, (a) => a.tag === "button" && a.text === "提交申请", "提交申请");
    await pressAndWait(page, "Enter");
    const summary = await active(page);
    expect(summary.cls, "the error summary has focus when the page opens").toContain("error-summary");
    const links = await page
      .locator(".error-summary a")
      .evaluateAll((as) =>
        as.map((a) => (a as unknown as { getAttribute(n: string): string }).getAttribute("href")),
      );
    expect(links.length).toBeGreaterThanOrEqual(3);
    for (const href of links) {
      expect(href).toMatch(/^#[\w-]+$/);
      expect(await page.locator(href!).count(), `${href} names a field of the page`).toBe(1);
    }
    // Its first link takes focus to its field.
    const first = await tabTo(page, (a) => a.tag === "a", "the summary's first link", { max: 1 });
    expect(first.href).toBe(links[0]);
    await page.keyboard.press("Enter");
    expect(`#${(await active(page)).id}`).toBe(links[0]);

    // Now the form, top to bottom, from the top of the page.
    await page.goto(`${server.base}/hd/apply`);
    await typeInto(page, "name", "周明德");
    await typeInto(page, "id_number", "110101199003074514");
    await typeInto(page, "phone", "13812345678");
    await typeInto(page, "description", "2026年金山镇耕地地力保护补贴发放名单及标准。");
    await typeInto(page, "check_answer", await checkAnswer(page));
    await tabTo(page, (a) => a.id === "declaration", "the declaration");
    await page.keyboard.press("Space");
    expect(await page.locator("#declaration").isChecked()).toBe(true);
    await tabTo(page, (a) => a.tag === "button" && a.text === "提交申请", "提交申请");
    await pressAndWait(page, "Enter");
    const code = ((await page.locator("#tracking-code").textContent()) ?? "").trim();
    expect(code, (await page.locator("main").textContent()) ?? "").toMatch(/^[A-Za-z0-9-]{6,}$/);
    expect(((await page.locator("#tracking-secret").textContent()) ?? "").trim()).not.toBe("");
    await page.close();
  }, 120_000);

  it("leaves a message found under 互动交流, and gets its tracking code", async () => {
    const page = await context.newPage();
    await page.goto(`${server.base}/hd`);
    await tabTo(page, (a) => a.href === "/hd/messages/new", "我要留言");
    await pressAndWait(page, "Enter");
    expect(new URL(page.url()).pathname).toBe("/hd/messages/new");
    // The type keeps its default (咨询); the fields in order.
    await typeInto(page, "title", "城区公交线路调整咨询");
    await typeInto(page, "body", "请问城区2路公交车的线路调整方案什么时候公布？");
    await typeInto(page, "name", "刘女士");
    await typeInto(page, "phone", "13912345678");
    await typeInto(page, "check_answer", await checkAnswer(page));
    await tabTo(page, (a) => a.tag === "button" && a.text === "提交留言", "提交留言");
    await pressAndWait(page, "Enter");
    const code = ((await page.locator("#tracking-code").textContent()) ?? "").trim();
    expect(code, (await page.locator("main").textContent()) ?? "").toMatch(/^[A-Za-z0-9-]{6,}$/);
    await page.close();
  }, 120_000);

  it("searches from the home page's search box and opens a result", async () => {
    const page = await context.newPage();
    await page.goto(`${server.base}/`);
    await typeInto(page, "q", "义务教育");
    await pressAndWait(page, "Enter");
    expect(new URL(page.url()).pathname).toBe("/search");
    expect(await page.locator("main").textContent()).toMatch(/找到 \d+ 条结果/);
    const hit = await tabTo(page, (a) => /^\/gk\/items\//.test(a.href), "the first result");
    await pressAndWait(page, "Enter");
    expect(new URL(page.url()).pathname).toBe(hit.href);
    await page.close();
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------------------
// Phones offer the right keyboard and fill personal fields in: the input types of every public form.

describe("[chromium] public forms ask for each value with the right input type", () => {
  const FORMS = ["/hd/apply", "/hd/messages/new", "/hd/error-report", "/calendar", "/hd/track", "/verify"];
  it("telephone, e-mail, date, the human check's number and personal fields' autocomplete", async () => {
    const page = await (await browser.newContext({ viewport: VIEWPORTS.phone })).newPage();
    const problems: string[] = [];
    const urls = [
      ...FORMS,
      PAGES.find((p) => p.label === "consultation")!.path,
      PAGES.find((p) => p.label === "meeting")!.path,
    ];
    for (const url of urls) {
      await page.goto(`${server.base}${url}`);
      const fields = (await page.locator("main input, main textarea, main select").evaluateAll((els) =>
        els.map((e) => {
          const x = e as unknown as { getAttribute(n: string): string | null; tagName: string };
          return {
            name: x.getAttribute("name") ?? "",
            type: x.getAttribute("type") ?? x.tagName.toLowerCase(),
            inputmode: x.getAttribute("inputmode"),
            autocomplete: x.getAttribute("autocomplete"),
          };
        }),
      )) as Array<{ name: string; type: string; inputmode: string | null; autocomplete: string | null }>;
      for (const f of fields) {
        const at = `${url} [name=${f.name}]`;
        if (f.name === "phone") {
          if (f.type !== "tel") problems.push(`${at}: type=${f.type}, not tel`);
          if (f.inputmode !== "tel") problems.push(`${at}: inputmode=${f.inputmode}, not tel`);
          if (f.autocomplete !== "tel") problems.push(`${at}: autocomplete=${f.autocomplete}, not tel`);
        }
        if (f.name === "email") {
          if (f.type !== "email") problems.push(`${at}: type=${f.type}, not email`);
          if (f.autocomplete !== "email") problems.push(`${at}: autocomplete=${f.autocomplete}, not email`);
        }
        if (f.name === "name" && f.autocomplete !== "name")
          problems.push(`${at}: autocomplete=${f.autocomplete}, not name`);
        if (f.name === "address" && !/address/.test(f.autocomplete ?? ""))
          problems.push(`${at}: autocomplete=${f.autocomplete}, not an address`);
        if ((f.name === "date" || /_on$/.test(f.name)) && f.type !== "date")
          problems.push(`${at}: type=${f.type}, not date`);
        if (f.name === "check_answer" && f.inputmode !== "numeric")
          problems.push(`${at}: inputmode=${f.inputmode}, not numeric`);
        if (f.name === "n" && f.inputmode !== "numeric")
          problems.push(`${at}: inputmode=${f.inputmode}, not numeric`);
      }
      if (url === "/hd/apply" && !fields.some((f) => f.name === "phone"))
        problems.push("/hd/apply has no phone field");
    }
    await page.context().close();
    expect(problems, problems.join("\n")).toEqual([]);
  });
});
