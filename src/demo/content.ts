import { readFileSync } from "node:fs";
import type { Deps } from "../deps";
import { scheduleHistory } from "./history";
import { currentItemSpecs } from "./items/current";
import { type DemoItemSpec, loadDemoStaff, scheduleItem } from "./publish";
import { demoCalendar, Timeline } from "./timeline";

// Demo content of 固阳县: the 2020 work plan as a published normative document with its interpretation, the
// recent items of every kind, and (with `history`) the years since 2020, all moved through the real workflow
// at their own dates.

const PLAN = readFileSync(new URL("./work-plan-2020.txt", import.meta.url), "utf8");

const WORK_PLAN: DemoItemSpec = {
  org: "gyx-zfb",
  kind: "normative",
  title: "固阳县人民政府办公室关于印发《固阳县2020年政务公开工作要点》的通知",
  doc: "固政办发〔2020〕12号",
  formed: "2020-05-06",
  topic: "政务公开",
  keywords: "政务公开 工作要点",
  body: `各镇人民政府，县直各部门、各单位：\n现将《固阳县2020年政务公开工作要点》印发给你们，请结合实际，认真贯彻落实。\n固阳县人民政府办公室\n2020年5月6日\n固阳县2020年政务公开工作要点\n${PLAN}`,
  nodes: ["art20-01"],
  interpretation: {
    title: "《固阳县2020年政务公开工作要点》政策解读",
    interpreter: "县政府办公室主任",
    form: "text",
    body: "一、制定背景\n为深入贯彻落实国务院办公厅和自治区、包头市关于全面推进政务公开工作的部署，结合我县实际，制定本要点。\n二、主要内容\n要点从加强公开解读回应、提升政务服务实效、推进政务公开平台建设、推进政务公开制度化规范化四个方面部署了年度任务。\n三、工作要求\n按照“谁起草谁解读”的原则，政策性文件与解读材料同步组织、同步审签、同步部署；县政府督查室将政务公开工作纳入督查内容。",
  },
};

/** Seeds the content on a timeline; returns the number of steps played. */
export async function seedDemoContent(deps: Deps, opts: { history?: boolean } = {}): Promise<number> {
  const staff = await loadDemoStaff(deps);
  const cal = await demoCalendar(deps, staff.office.siteId);
  const timeline = new Timeline(deps.clock.now());
  const scheduled: Array<[DemoItemSpec, string]> = [];
  for (const spec of [WORK_PLAN, ...currentItemSpecs(timeline.today)])
    scheduled.push([spec, scheduleItem(timeline, cal, staff, spec)]);
  if (opts.history) await scheduleHistory(deps, timeline, cal, staff, scheduled);
  return timeline.play(deps);
}
