// `gongkai calendar …` (CONTRACT.md): working-day arithmetic on the calendar in force, database notices
// included, and importing a year's notice or a local closure. Each command migrates first, so it works
// on a fresh checkout.
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { migrateToLatest } from "../db/migrator";
import type { Deps } from "../deps";
import {
  describeImport,
  describeRecompute,
  importCalendarFile,
  importNoticeText,
  loadCalendar,
  type RecomputeResult,
  recomputeOpenClocks,
} from "../domains/calendar";
import { getSite } from "../domains/orgs";
import { assertIsoDate, provisionalNote } from "../platform/calendar";
import { AppError } from "../platform/errors";
import { decodeUtf8 } from "../platform/files/text";
import { cliActor, runCommand, withDeps } from "./context";

const run = runCommand;

async function withCalendarDb<T>(fn: (deps: Deps) => Promise<T>): Promise<T> {
  return withDeps(async (deps) => {
    await migrateToLatest(deps.db);
    return fn(deps);
  });
}

/** Platform-wide closures only, unless --site names a site whose own closures should count too. */
const siteIdOf = async (deps: Deps, site?: string) => (site ? (await getSite(deps, site)).id : null);
const SITE_HELP = "also apply this site's own closures (default: platform-wide closures only)";

function parseCount(raw: string): number {
  if (!/^\d{1,5}$/.test(raw)) {
    throw new AppError("invalid_working_days", 400, `工作日天数应为非负整数：${raw}`);
  }
  return Number(raw);
}

/** A JSON notice or closure (as before), or the notice's published text (anything not starting with "{"). */
async function readNoticeFile(file: string): Promise<{ json: unknown } | { text: string }> {
  let text: string;
  try {
    text = decodeUtf8(await readFile(file), `文件 ${file} `); // refused, never replaced, when not UTF-8
  } catch (e) {
    if (e instanceof AppError) throw e; // invalid_utf8
    throw new AppError(
      "file_unreadable",
      400,
      `无法读取文件 ${file}：${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    );
  }
  const body = text.replace(/^\uFEFF/, "");
  if (!body.trimStart().startsWith("{")) return { text: body };
  try {
    return { json: JSON.parse(body) };
  } catch (e) {
    throw new AppError("json_invalid", 400, `文件 ${file} 不是有效的 JSON：${(e as Error).message}`);
  }
}

export function registerCalendarCommands(program: Command): void {
  const calendar = program.command("calendar").description("working-day calendar (节假日安排)");
  registerRecomputeCommand(calendar);

  calendar
    .command("add-working-days")
    .description("the Nth working day after DATE (DATE itself not counted); prints YYYY-MM-DD")
    .argument("<date>", "YYYY-MM-DD")
    .argument("<n>", "working days")
    .option("--site <code>", SITE_HELP)
    .action(
      run(async (date: string, n: string, o: { site?: string }) => {
        assertIsoDate(date);
        const count = parseCount(n);
        await withCalendarDb(async (deps) => {
          const cal = await loadCalendar(deps, await siteIdOf(deps, o.site));
          const due = cal.addWorkingDays(date, count);
          console.log(due);
          // stdout stays the date alone (CONTRACT.md); a provisional answer is said on stderr.
          const years = cal.provisionalYearsBetween(date, due);
          if (years.length) console.error(`（暂定：${provisionalNote(years)}）`);
        });
      }),
    );

  calendar
    .command("is-working-day")
    .description("whether DATE is a working day; prints true or false")
    .argument("<date>", "YYYY-MM-DD")
    .option("--site <code>", SITE_HELP)
    .action(
      run(async (date: string, o: { site?: string }) => {
        assertIsoDate(date);
        await withCalendarDb(async (deps) => {
          console.log(String((await loadCalendar(deps, await siteIdOf(deps, o.site))).isWorkingDay(date)));
        });
      }),
    );

  calendar
    .command("import-notice")
    .description(
      "import a year's holiday notice {year, days:[{date, off}]}, a closure {reason, date|dates|from,to}, or the State Council notice as published (its text)",
    )
    .argument("<file>", "JSON file, or the notice's text (UTF-8)")
    .option("--site <code>", "a closure for this site only (default: every site)")
    .action(
      run(async (file: string, o: { site?: string }) => {
        const input = await readNoticeFile(file);
        await withCalendarDb(async (deps) => {
          if ("text" in input) {
            const r = await importNoticeText(deps, cliActor(), input.text);
            console.log(describeImport(r));
            for (const line of r.preview.ignored) console.error(`  未导入（请核对）：${line}`);
            for (const d of r.preview.outsideYear)
              console.error(`  未导入（不在${r.notice.year}年内）：${d.date} ${d.off ? "放假" : "上班"}`);
            return reportFailed(r.recomputed);
          }
          const r = await importCalendarFile(deps, cliActor(), input.json, {
            siteId: await siteIdOf(deps, o.site),
          });
          console.log(describeImport(r));
          reportFailed(r.recomputed);
        });
      }),
    );
}

/**
 * `gongkai calendar recompute`: recomputes every open deadline on the calendar in force. Needed once after
 * upgrading to provisional due dates: clocks left without a due date for a year without a notice get their
 * provisional date now instead of at the next calendar change.
 */
export function registerRecomputeCommand(calendar: Command): void {
  calendar
    .command("recompute")
    .description("recompute every open deadline on the calendar in force (e.g. after an upgrade)")
    .action(
      run(async () => {
        await withCalendarDb(async (deps) => {
          const r = await recomputeOpenClocks(deps, cliActor(), "重新计算未结期限（命令行）");
          console.log(describeRecompute(r));
          reportFailed(r);
        });
      }),
    );
}

function reportFailed(recomputed: RecomputeResult): void {
  for (const f of recomputed.failed) console.error(`  - ${f.owner_type} ${f.owner_id}：${f.message}`);
}
