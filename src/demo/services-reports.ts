// The demo county's 互联网+政务服务 implementation report for the third quarter (published, its figures frozen
// from the statistics of the demo's items) and the newborn 一件事's set: the 出生医学证明 the first item
// issues is shared inside the bundle, so the parents do not hand it in again (减材料).
import type { Deps } from "../deps";
import type { CurrentUser } from "../domains/accounts";
import * as hrepo from "../domains/services/services.halls.repo";
import { updateBundleWithSet } from "../domains/services/services.halls-admin.service";
import { parseJson } from "../domains/services/services.model";
import * as repo from "../domains/services/services.repo";
import { createReport, publishReport } from "../domains/services/services.reports";

const BODY = `一、总体情况

今年第三季度，县政务服务中心和各镇便民服务中心围绕“只进一扇门”“最多跑一次”，持续推进政务服务事项标准化和网上办理。全县在用政务服务事项的实施清单、办事指南全部在本网站公开，办事材料实行目录化管理，同一材料只定义一次、多个事项共用。

二、网上办理情况

全程网办、“零跑动”和“最多跑一次”事项的数量和比例见文后数据，按实施部门和层级分列。民政、人社、卫健等部门的高频事项已实现网上申报，结果通过双向速递送达。

三、“一件事一次办”

新生儿出生、开办餐饮店、退休、农村村民建房、困难群众救助五个“一件事”实行一次告知、一表申请、一套材料、一窗受理，并联审批的事项同时办理。新生儿出生“一件事”中，出生医学证明在内部共享，申请人无需重复提交。

四、便民服务模式

县政务服务中心各窗口单位推行延时服务、预约服务、帮办代办、容缺受理等便民服务模式。个别窗口单位特色服务模式不足 8 种，已列入整改。

五、下一步工作

扩大全程网办事项范围，推动更多事项“零跑动”；完善村（社区）便民服务站代办服务。`;

export async function seedDemoServiceReports(deps: Deps, office: CurrentUser): Promise<void> {
  const newborn = await hrepo.findBundle(deps.db.kysely, office.siteId, "newborn");
  const certificate = (await repo.listMaterials(deps.db.kysely, office.siteId)).find(
    (m) => m.name === "出生医学证明",
  );
  if (newborn && certificate)
    await updateBundleWithSet(deps, office, newborn.id, {
      name: newborn.name,
      life_event: newborn.life_event,
      notice: newborn.notice,
      window: newborn.window,
      promised_days: newborn.promised_days,
      items: parseJson<Array<{ item_id: string; parallel: boolean }>>(newborn.items_json, []),
      form_material_id: null,
      dropped: [certificate.id],
    });
  const year = deps.clock.now().getUTCFullYear();
  const report = await createReport(deps, office, {
    year,
    quarter: 3,
    title: `固阳县${year}年第三季度“互联网+政务服务”实施情况报告`,
    body: BODY,
  });
  await publishReport(deps, office, report.id);
}
