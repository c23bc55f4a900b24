import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import {
  addDays,
  type CalendarDay,
  formatSpan,
  type IsoDate,
  todayInShanghai,
  tryParseIsoDate,
  type WorkingDayCalendar,
} from "../../platform/calendar";
import { AppError } from "../../platform/errors";
import { defineCatalog } from "../../web/i18n";
import { publicPage } from "../../web/portal";
import type { AppInstance } from "../../web/types";
import { Field } from "../../web/views/fields";
import { PublicLayout } from "../../web/views/layout";
import { explainWorkingDays, loadCalendar } from "./index";

// Page text. The Mongolian catalog is empty until the county's Mongolian language office provides the
// translations; missing keys fall back to Chinese and that content is marked lang="zh-CN".
const ZH = {
  title: "节假日安排与工作日",
  heading: "{year}年节假日安排",
  intro:
    "工作日按国务院办公厅每年发布的部分节假日安排通知（含调休上班日）和本县停止办公安排计算。依申请公开的答复期限等法定期限均以工作日计算。",
  year_nav: "选择年份",
  prev_year: "上一年（{year}年）",
  next_year: "下一年（{year}年）",
  legend_title: "图例",
  legend_off: "放假（法定节假日及调休放假）",
  legend_makeup: "调休上班（周末照常上班）",
  legend_closure: "本县停止办公",
  legend_weekend: "未标注的星期六、星期日为休息日，其余为工作日",
  mark_off: "休",
  mark_makeup: "班",
  mark_closure: "停",
  label_off: "放假",
  label_makeup: "调休上班",
  label_closure: "停止办公",
  label_today: "今天",
  month_caption: "{year}年{month}月",
  month_none: "本月无节假日调整。",
  source_notice: "依据：{doc}",
  source_package: "依据：国务院办公厅{year}年部分节假日安排通知（系统内置数据）",
  missing:
    "尚未录入{year}年的节假日安排。国务院办公厅发布通知后，本站将及时录入；在此之前无法计算{year}年的工作日。",
  provisional:
    "{year}年节假日安排尚未发布：下表按《全国年节及纪念日放假办法》规定的法定节假日暂定，未含调休上班日，据此计算的期限标明“暂定”。国务院办公厅通知发布后，本站将及时录入并自动重新计算。",
  covered: "已录入的年份：",
  calc_title: "计算期限",
  calc_intro: "输入起算日期和工作日天数，计算期限届满日（起算当日不计入）。",
  calc_date: "起算日期（如 2024-09-27）",
  calc_n: "工作日天数",
  calc_submit: "计算",
  calc_result: "{date} 后第 {n} 个工作日是 {result}",
  calc_how: "计算过程：",
  calc_bad_date: "起算日期不正确，请按 年-月-日 填写，例如 2024-09-27。",
  calc_bad_n: "工作日天数应为 0 到 3660 之间的整数。",
  weekdays: "一,二,三,四,五,六,日",
};
type Key = keyof typeof ZH;
// Traditional Mongolian labels; to be reviewed by the county's Mongolian language office (docs/i18n.md).
const MN: Partial<Record<Key, string>> = {
  title: "ᠠᠮᠠᠷᠠᠯᠲᠠ ᠶᠢᠨ ᠡᠳᠦᠷ ᠪᠠ ᠠᠵᠢᠯ ᠤᠨ ᠡᠳᠦᠷ",
  legend_title: "ᠲᠠᠢᠯᠪᠤᠷᠢ",
  mark_off: "ᠠᠮᠠᠷ",
  mark_makeup: "ᠠᠵᠢᠯ",
  label_off: "ᠠᠮᠠᠷᠠᠯᠲᠠ",
  label_makeup: "ᠰᠣᠯᠢᠭᠰᠠᠨ ᠠᠵᠢᠯ ᠤᠨ ᠡᠳᠦᠷ",
  label_today: "ᠥᠨᠥᠳᠥᠷ",
  calc_title: "ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ ᠪᠣᠳᠣᠬᠤ",
  calc_n: "ᠠᠵᠢᠯ ᠤᠨ ᠡᠳᠦᠷ ᠦᠨ ᠲᠣᠭ᠎ᠠ",
  calc_submit: "ᠪᠣᠳᠣᠬᠤ",
  heading: "{year} ᠣᠨ ᠤ ᠠᠮᠠᠷᠠᠯᠲᠠ ᠶᠢᠨ ᠡᠳᠦᠷ ᠦᠨ ᠵᠣᠬᠢᠶᠠᠨ ᠪᠠᠢᠭᠤᠯᠤᠯᠲᠠ",
  intro:
    "ᠠᠵᠢᠯ ᠤᠨ ᠡᠳᠦᠷ ᠢ ᠲᠥᠷᠥ ᠶᠢᠨ ᠵᠥᠪᠯᠡᠯ ᠤᠨ ᠠᠯᠪᠠᠨ ᠲᠠᠰᠤᠭ ᠤᠨ ᠵᠢᠯ ᠪᠦᠷᠢ ᠨᠡᠶᠢᠲᠡᠯᠡᠳᠡᠭ ᠠᠮᠠᠷᠠᠯᠲᠠ ᠶᠢᠨ ᠡᠳᠦᠷ ᠦᠨ ᠮᠡᠳᠡᠭᠳᠡᠯ（ᠰᠣᠯᠢᠭᠰᠠᠨ ᠠᠵᠢᠯ ᠤᠨ ᠡᠳᠦᠷ ᠢ ᠪᠠᠭᠲᠠᠭᠠᠨ᠎ᠠ）ᠪᠠ ᠮᠠᠨ ᠤ ᠰᠢᠶᠠᠨ ᠤ ᠠᠵᠢᠯ ᠵᠣᠭᠰᠣᠭᠠᠬᠤ ᠵᠣᠬᠢᠶᠠᠨ ᠪᠠᠢᠭᠤᠯᠤᠯᠲᠠ ᠪᠠᠷ ᠪᠣᠳᠣᠨ᠎ᠠ᠃ ᠭᠣᠶᠤᠴᠢᠯᠠᠯ ᠤᠨ ᠬᠠᠷᠢᠭᠤ ᠶᠢᠨ ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ ᠵᠡᠷᠭᠡ ᠬᠠᠤᠯᠢ ᠶᠢᠨ ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ ᠪᠦᠭᠦᠳᠡ ᠠᠵᠢᠯ ᠤᠨ ᠡᠳᠦᠷ ᠢᠶᠡᠷ ᠪᠣᠳᠣᠭᠳᠠᠨ᠎ᠠ᠃",
  year_nav: "ᠣᠨ ᠰᠣᠩᠭᠣᠬᠤ",
  prev_year: "ᠡᠮᠦᠨᠡᠬᠢ ᠣᠨ（{year}）",
  next_year: "ᠳᠠᠷᠠᠭᠠᠬᠢ ᠣᠨ（{year}）",
  legend_off: "ᠠᠮᠠᠷᠠᠯᠲᠠ（ᠬᠠᠤᠯᠢ ᠶᠢᠨ ᠪᠠᠶᠢᠷ ᠤᠨ ᠡᠳᠦᠷ ᠪᠠ ᠰᠣᠯᠢᠭᠰᠠᠨ ᠠᠮᠠᠷᠠᠯᠲᠠ）",
  legend_makeup: "ᠰᠣᠯᠢᠭᠰᠠᠨ ᠠᠵᠢᠯ ᠤᠨ ᠡᠳᠦᠷ（ᠭᠠᠷᠠᠭ ᠤᠨ ᠡᠴᠦᠰ ᠲᠦ ᠠᠵᠢᠯᠯᠠᠨ᠎ᠠ）",
  legend_closure: "ᠮᠠᠨ ᠤ ᠰᠢᠶᠠᠨ ᠠᠵᠢᠯ ᠵᠣᠭᠰᠣᠭᠠᠨ᠎ᠠ",
  legend_weekend: "ᠲᠡᠮᠳᠡᠭᠯᠡᠭᠡ ᠦᠭᠡᠢ ᠵᠢᠷᠭᠤᠭᠠᠨ ᠪᠠ ᠡᠳᠦᠷ ᠭᠠᠷᠠᠭ ᠨᠢ ᠠᠮᠠᠷᠠᠯᠲᠠ᠂ ᠪᠤᠰᠤᠳ ᠨᠢ ᠠᠵᠢᠯ ᠤᠨ ᠡᠳᠦᠷ",
  mark_closure: "ᠵᠣᠭᠰ",
  label_closure: "ᠠᠵᠢᠯ ᠵᠣᠭᠰᠣᠭᠠᠨ᠎ᠠ",
  month_caption: "{year} ᠣᠨ ᠤ {month} ᠰᠠᠷ᠎ᠠ",
  month_none: "ᠡᠨᠡ ᠰᠠᠷ᠎ᠠ ᠳᠤ ᠠᠮᠠᠷᠠᠯᠲᠠ ᠶᠢᠨ ᠥᠭᠡᠷᠡᠴᠢᠯᠡᠯᠲᠡ ᠦᠭᠡᠢ᠃",
  source_notice: "ᠦᠨᠳᠦᠰᠦ᠄ {doc}",
  source_package:
    "ᠦᠨᠳᠦᠰᠦ᠄ ᠲᠥᠷᠥ ᠶᠢᠨ ᠵᠥᠪᠯᠡᠯ ᠤᠨ ᠠᠯᠪᠠᠨ ᠲᠠᠰᠤᠭ ᠤᠨ {year} ᠣᠨ ᠤ ᠠᠮᠠᠷᠠᠯᠲᠠ ᠶᠢᠨ ᠮᠡᠳᠡᠭᠳᠡᠯ（ᠰᠢᠰᠲ᠋ᠧᠮ ᠦᠨ ᠲᠣᠭ᠎ᠠ ᠪᠠᠷᠢᠮᠲᠠ）",
  missing:
    "{year} ᠣᠨ ᠤ ᠠᠮᠠᠷᠠᠯᠲᠠ ᠶᠢᠨ ᠵᠣᠬᠢᠶᠠᠨ ᠪᠠᠢᠭᠤᠯᠤᠯᠲᠠ ᠶᠢ ᠣᠷᠣᠭᠤᠯᠠᠭᠠᠳᠤᠢ᠃ ᠲᠥᠷᠥ ᠶᠢᠨ ᠵᠥᠪᠯᠡᠯ ᠤᠨ ᠠᠯᠪᠠᠨ ᠲᠠᠰᠤᠭ ᠮᠡᠳᠡᠭᠳᠡᠯ ᠨᠡᠶᠢᠲᠡᠯᠡᠭᠰᠡᠨ ᠦ ᠳᠠᠷᠠᠭ᠎ᠠ ᠳᠠᠷᠤᠢ ᠣᠷᠣᠭᠤᠯᠤᠨ᠎ᠠ᠂ ᠲᠡᠷᠡ ᠬᠦᠷᠲᠡᠯ᠎ᠡ {year} ᠣᠨ ᠤ ᠠᠵᠢᠯ ᠤᠨ ᠡᠳᠦᠷ ᠢ ᠪᠣᠳᠣᠵᠤ ᠴᠢᠳᠠᠬᠤ ᠦᠭᠡᠢ᠃",
  provisional:
    "{year} ᠣᠨ ᠤ ᠠᠮᠠᠷᠠᠯᠲᠠ ᠶᠢᠨ ᠵᠣᠬᠢᠶᠠᠨ ᠪᠠᠢᠭᠤᠯᠤᠯᠲᠠ ᠨᠡᠶᠢᠲᠡᠯᠡᠭᠳᠡᠭᠡ ᠦᠭᠡᠢ᠄ ᠳᠣᠣᠷᠠᠬᠢ ᠬᠦᠰᠦᠨᠦᠭ ᠨᠢ 《ᠪᠦᠬᠦ ᠤᠯᠤᠰ ᠤᠨ ᠪᠠᠶᠢᠷ ᠤᠨ ᠪᠠ ᠳᠤᠷᠠᠰᠬᠠᠯ ᠤᠨ ᠡᠳᠦᠷ ᠦᠨ ᠠᠮᠠᠷᠠᠯᠲᠠ ᠶᠢᠨ ᠠᠷᠭ᠎ᠠ》 ᠶᠢᠨ ᠲᠣᠭᠲᠠᠭᠠᠭᠰᠠᠨ ᠪᠠᠶᠢᠷ ᠤᠨ ᠡᠳᠦᠷ ᠢᠶᠡᠷ ᠲᠦᠷ ᠲᠣᠭᠲᠠᠭᠠᠭᠰᠠᠨ᠂ ᠰᠣᠯᠢᠭᠰᠠᠨ ᠠᠵᠢᠯ ᠤᠨ ᠡᠳᠦᠷ ᠢ ᠪᠠᠭᠲᠠᠭᠠᠭᠠᠳᠤᠢ᠂ ᠡᠭᠦᠨ ᠢ ᠦᠨᠳᠦᠰᠦᠯᠡᠨ ᠪᠣᠳᠣᠭᠰᠠᠨ ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ ᠳᠤ “ᠲᠦᠷ ᠲᠣᠭᠲᠠᠭᠠᠭᠰᠠᠨ” ᠭᠡᠵᠦ ᠲᠡᠮᠳᠡᠭᠯᠡᠨ᠎ᠡ᠃ ᠲᠥᠷᠥ ᠶᠢᠨ ᠵᠥᠪᠯᠡᠯ ᠤᠨ ᠠᠯᠪᠠᠨ ᠲᠠᠰᠤᠭ ᠮᠡᠳᠡᠭᠳᠡᠯ ᠨᠡᠶᠢᠲᠡᠯᠡᠭᠰᠡᠨ ᠦ ᠳᠠᠷᠠᠭ᠎ᠠ ᠳᠠᠷᠤᠢ ᠣᠷᠣᠭᠤᠯᠵᠤ ᠠᠦ᠋ᠲ᠋ᠣ᠋ ᠪᠠᠷ ᠳᠠᠬᠢᠨ ᠪᠣᠳᠣᠨ᠎ᠠ᠃",
  covered: "ᠣᠷᠣᠭᠤᠯᠤᠭᠰᠠᠨ ᠣᠨ᠄",
  calc_intro:
    "ᠡᠬᠢᠯᠡᠬᠦ ᠡᠳᠦᠷ ᠪᠠ ᠠᠵᠢᠯ ᠤᠨ ᠡᠳᠦᠷ ᠦᠨ ᠲᠣᠭ᠎ᠠ ᠶᠢ ᠣᠷᠣᠭᠤᠯᠵᠤ᠂ ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ ᠳᠠᠭᠤᠰᠬᠤ ᠡᠳᠦᠷ ᠢ ᠪᠣᠳᠣᠨ᠎ᠠ（ᠡᠬᠢᠯᠡᠬᠦ ᠡᠳᠦᠷ ᠢ ᠲᠣᠭᠠᠯᠠᠬᠤ ᠦᠭᠡᠢ）᠃",
  calc_date: "ᠡᠬᠢᠯᠡᠬᠦ ᠡᠳᠦᠷ（ᠵᠢᠱᠢᠶᠡᠯᠡᠪᠡᠯ 2024-09-27）",
  calc_result: "{date} ᠡᠴᠡ ᠬᠣᠢᠰᠢᠬᠢ {n} ᠳᠦᠭᠡᠷ ᠠᠵᠢᠯ ᠤᠨ ᠡᠳᠦᠷ ᠨᠢ {result}",
  calc_how: "ᠪᠣᠳᠣᠭᠰᠠᠨ ᠶᠠᠪᠤᠴᠠ᠄",
  calc_bad_date: "ᠡᠬᠢᠯᠡᠬᠦ ᠡᠳᠦᠷ ᠪᠤᠷᠤᠭᠤ᠂ ᠣᠨ-ᠰᠠᠷ᠎ᠠ-ᠡᠳᠦᠷ ᠢᠶᠡᠷ ᠪᠢᠴᠢᠭᠡᠷᠡᠢ᠂ ᠵᠢᠱᠢᠶᠡᠯᠡᠪᠡᠯ 2024-09-27᠃",
  calc_bad_n: "ᠠᠵᠢᠯ ᠤᠨ ᠡᠳᠦᠷ ᠦᠨ ᠲᠣᠭ᠎ᠠ ᠨᠢ 0 ᠡᠴᠡ 3660 ᠬᠦᠷᠲᠡᠯᠡᠬᠢ ᠪᠦᠬᠦᠯᠢ ᠲᠣᠭ᠎ᠠ ᠪᠠᠢᠬᠤ ᠬᠡᠷᠡᠭᠲᠡᠢ᠃",
  weekdays: "ᠨᠢᠭᠡᠨ,ᠬᠣᠶᠠᠷ,ᠭᠤᠷᠪᠠᠨ,ᠳᠥᠷᠪᠡᠨ,ᠲᠠᠪᠤᠨ,ᠵᠢᠷᠭᠤᠭᠠᠨ,ᠡᠳᠦᠷ",
};

// Registered with the shared catalogs (src/web/i18n defineCatalog): the site's overrides apply, and a missing
// Mongolian text is shown in Chinese, marked and listed as untranslated, never silently.
const textFor = defineCatalog("calendar", ZH, MN);
type T = ReturnType<typeof textFor>;

const FULL_WEEKDAYS = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"];

function MonthTable(p: {
  t: T;
  year: number;
  month: number;
  days: CalendarDay[];
  today: IsoDate;
  summary: string;
}) {
  const { t } = p;
  // Weeks start on Monday, as Chinese calendars print them.
  const lead = (p.days[0]!.weekday + 6) % 7;
  const cells: Array<CalendarDay | undefined> = [...Array.from({ length: lead }, () => undefined), ...p.days];
  while (cells.length % 7) cells.push(undefined);
  const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
  const names = t("weekdays").split(",");
  const mark = (d: CalendarDay) =>
    d.kind === "holiday"
      ? { sign: t("mark_off"), label: t("label_off") }
      : d.kind === "makeup_workday"
        ? { sign: t("mark_makeup"), label: t("label_makeup") }
        : d.kind === "closure"
          ? { sign: t("mark_closure"), label: t("label_closure") }
          : undefined;
  const id = `m-${p.year}-${p.month}`;
  return (
    <section class="calendar-month" aria-labelledby={`${id}-caption`}>
      <table class="calendar-grid" aria-describedby={`${id}-summary`}>
        <caption id={`${id}-caption`} safe>
          {t("month_caption", { year: p.year, month: p.month })}
        </caption>
        <thead>
          <tr>
            {names.map((n, i) => (
              <th scope="col">
                <abbr title={FULL_WEEKDAYS[i]} safe>
                  {n}
                </abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr>
              {week.map((d) => {
                if (!d) return <td class="empty" />;
                const m = mark(d);
                const day = Number(d.date.slice(8));
                const cls = `day ${d.kind}${d.working ? " working" : " off"}`;
                return (
                  <td class={cls} aria-current={d.date === p.today ? "date" : undefined}>
                    <span class="num" safe>
                      {String(day)}
                    </span>
                    {m ? (
                      <>
                        {" "}
                        <span
                          class="mark"
                          aria-hidden="true"
                          title={`${m.label}${d.name ? `（${d.name}）` : ""}`}
                          safe
                        >
                          {m.sign}
                        </span>
                        <span class="visually-hidden" safe>
                          {`${m.label}${d.name ? `，${d.name}` : ""}`}
                        </span>
                      </>
                    ) : (
                      ""
                    )}
                    {d.date === p.today ? (
                      <span class="visually-hidden" safe>
                        {`（${t("label_today")}）`}
                      </span>
                    ) : (
                      ""
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="meta" id={`${id}-summary`} safe>
        {p.summary || t("month_none")}
      </p>
    </section>
  );
}

interface CalcState {
  date: string;
  n: string;
  result?: { date: string; explanation: string };
  error?: string;
}

function CalcForm(p: { t: T; prefix: string; year: number; calc: CalcState }) {
  const { t, calc } = p;
  return (
    <section aria-labelledby="calc-title" class="calendar-calc">
      <h2 id="calc-title" safe>
        {t("calc_title")}
      </h2>
      <p safe>{t("calc_intro")}</p>
      <form method="get" action={`${p.prefix}/calendar`} class="stack">
        <input type="hidden" name="year" value={String(p.year)} />
        <Field id="calc-date" name="date" label={t("calc_date")} type="date" value={calc.date} />
        <Field id="calc-n" name="n" label={t("calc_n")} inputmode="numeric" value={calc.n} maxlength={4} />
        <button type="submit" safe>
          {t("calc_submit")}
        </button>
      </form>
      <div aria-live="polite">
        {calc.error ? (
          <p class="notice warn" role="alert" safe>
            {calc.error}
          </p>
        ) : (
          ""
        )}
        {calc.result ? (
          <div class="notice ok">
            <p>
              <strong safe>
                {t("calc_result", { date: calc.date, n: calc.n, result: calc.result.date })}
              </strong>
            </p>
            <p safe>{t("calc_how")}</p>
            <p class="mono" safe>
              {calc.result.explanation}
            </p>
          </div>
        ) : (
          ""
        )}
      </div>
    </section>
  );
}

function compute(cal: WorkingDayCalendar, t: T, date?: string, n?: string): CalcState {
  const state: CalcState = { date: (date ?? "").trim(), n: (n ?? "").trim() };
  if (!state.date && !state.n) return state;
  if (!tryParseIsoDate(state.date)) return { ...state, error: t("calc_bad_date") };
  const count = Number(state.n);
  if (!/^\d{1,4}$/.test(state.n) || count > 3660) return { ...state, error: t("calc_bad_n") };
  try {
    return { ...state, result: explainWorkingDays(cal, state.date, count) };
  } catch (e) {
    if (e instanceof AppError && e.status < 500) return { ...state, error: e.message };
    throw e;
  }
}

/** Summary under a month: "国庆节 10月1日至7日 休息，10月12日 上班". */
function monthSummary(cal: WorkingDayCalendar, days: CalendarDay[]): string {
  // describeSpan covers (a, b] and reads only the days inside, so the day before the 1st may lie in a year
  // the calendar lacks.
  return formatSpan(cal.describeSpan(addDays(days[0]!.date, -1), days[days.length - 1]!.date));
}

export function registerCalendarPages(app: AppInstance, deps: Deps): void {
  publicPage(
    app,
    deps,
    "/calendar",
    async (c, req, reply) => {
      const q = req.query as { year?: number; date?: string; n?: string };
      const t = textFor(c.lang);
      const today = todayInShanghai(deps.clock.now());
      const year = q.year ?? Number(today.slice(0, 4));
      const cal = await loadCalendar(deps, c.site.id);
      const calc = compute(cal, t, q.date, q.n);
      const provisional = cal.isProvisional(year);
      const covered = cal.isCovered(year) || provisional;
      if (!covered) reply.status(404);
      const notice = cal.noticeFor(year);
      const years = cal.coveredYears();
      return (
        <PublicLayout lang={c.lang} t={c.t} site={c.site} title={t("title")} path={c.path}>
          <div lang={c.lang === "mn-Mong" ? "zh-CN" : undefined}>
            <h1 safe>{t("heading", { year })}</h1>
            <p safe>{t("intro")}</p>
            <nav aria-label={t("year_nav")} class="calendar-years">
              <ul>
                <li>
                  <a href={`${c.prefix}/calendar?year=${year - 1}`} rel="prev" safe>
                    {t("prev_year", { year: year - 1 })}
                  </a>
                </li>
                <li>
                  <a href={`${c.prefix}/calendar?year=${year + 1}`} rel="next" safe>
                    {t("next_year", { year: year + 1 })}
                  </a>
                </li>
              </ul>
            </nav>
            {provisional ? (
              <div class="notice warn" role="status">
                <p safe>{t("provisional", { year })}</p>
              </div>
            ) : covered ? (
              <p class="meta" safe>
                {notice?.document_number
                  ? t("source_notice", {
                      doc: notice.title
                        ? `${notice.title}（${notice.document_number}）`
                        : notice.document_number,
                    })
                  : t("source_package", { year })}
              </p>
            ) : (
              <div class="notice warn" role="status">
                <p safe>{t("missing", { year })}</p>
                <p>
                  <span safe>{t("covered")}</span>
                  {years.slice(-5).map((y) => (
                    <>
                      {" "}
                      <a href={`${c.prefix}/calendar?year=${y}`} safe>{`${y}年`}</a>
                    </>
                  ))}
                </p>
              </div>
            )}
            <CalcForm t={t} prefix={c.prefix} year={year} calc={calc} />
            {covered ? (
              <>
                <section aria-labelledby="legend-title" class="calendar-legend">
                  <h2 id="legend-title" safe>
                    {t("legend_title")}
                  </h2>
                  <dl>
                    <dt safe>{t("mark_off")}</dt>
                    <dd safe>{t("legend_off")}</dd>
                    <dt safe>{t("mark_makeup")}</dt>
                    <dd safe>{t("legend_makeup")}</dd>
                    <dt safe>{t("mark_closure")}</dt>
                    <dd safe>{t("legend_closure")}</dd>
                  </dl>
                  <p safe>{t("legend_weekend")}</p>
                </section>
                <div class="calendar-months">
                  {Array.from({ length: 12 }, (_, i) => {
                    const days = cal.monthGrid(year, i + 1);
                    return (
                      <MonthTable
                        t={t}
                        year={year}
                        month={i + 1}
                        days={days}
                        today={today}
                        summary={monthSummary(cal, days)}
                      />
                    );
                  })}
                </div>
              </>
            ) : (
              ""
            )}
          </div>
        </PublicLayout>
      );
    },
    {
      querystring: Type.Object({
        year: Type.Optional(Type.Integer({ minimum: 1949, maximum: 2200 })),
        date: Type.Optional(Type.String({ maxLength: 20 })),
        n: Type.Optional(Type.String({ maxLength: 10 })),
      }),
      // Cached like the other public pages, per day: the page marks today and defaults to this year. An entry
      // lives at most 5 minutes and never past midnight in Shanghai; a notice or closure clears it.
      cacheVary: () => todayInShanghai(deps.clock.now()),
      cacheTtlMs: () => Math.min(CALENDAR_TTL_MS, msToShanghaiMidnight(deps.clock.now())),
    },
  );
}

const CALENDAR_TTL_MS = 5 * 60_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Milliseconds from `now` to the next midnight in Asia/Shanghai (UTC+8, no daylight saving). */
export function msToShanghaiMidnight(now: Date): number {
  const local = now.getTime() + SHANGHAI_OFFSET_MS;
  return DAY_MS - (((local % DAY_MS) + DAY_MS) % DAY_MS);
}
