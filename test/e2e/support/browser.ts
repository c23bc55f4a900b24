import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, chromium, type Page } from "playwright-core";
import { loadTestSettings } from "../../../src/config";
import { chooseChromium, chromiumLaunch } from "../../helpers/chromium-path";

const ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Launches GONGKAI_CHROMIUM, the system Chromium, or else the one in @sparticuz/chromium (chromium-path.ts), with
 * the same options. Never skips: a missing browser is a broken test environment.
 */
export async function launchChromium(): Promise<Browser> {
  const { executablePath, env } = await chromiumLaunch(chooseChromium(loadTestSettings()));
  return chromium.launch({ executablePath, env, args: ARGS, headless: true, timeout: 30_000 });
}

export const VIEWPORTS = {
  phone: { width: 360, height: 740 },
  desktop: { width: 1280, height: 800 },
} as const;

/** Where screenshots for people to look at go (gitignored). */
export function resultsDir(): string {
  const dir = resolve(process.cwd(), "test-results");
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Runs axe on the current page and fails listing every serious or critical violation
 * (rule id, impact, help text and the selectors of the failing nodes).
 */
export async function checkA11y(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (bad.length === 0) return;
  const lines = bad.map((v) => {
    const nodes = v.nodes.map(
      (n) =>
        `      - ${n.target.map(String).join(" >> ")}${n.failureSummary ? `: ${n.failureSummary.replace(/\s+/g, " ")}` : ""}`,
    );
    return `  ${v.id} [${v.impact}] ${v.help} (${v.helpUrl})\n${nodes.join("\n")}`;
  });
  throw new Error(
    `axe found ${bad.length} serious/critical violation(s) on ${label} (${page.url()}):\n${lines.join("\n")}`,
  );
}

/** The page's horizontal scroll width, to catch layouts wider than a phone. */
export async function scrollWidth(page: Page): Promise<number> {
  return Number(await page.evaluate("document.documentElement.scrollWidth"));
}

/** The computed `writing-mode` of the first element matching `selector`. */
export async function writingMode(page: Page, selector: string): Promise<string> {
  return String(
    await page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).writingMode`),
  );
}
