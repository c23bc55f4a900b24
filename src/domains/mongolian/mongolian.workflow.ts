import { defineMachine, type Guard } from "../../platform/workflow/state-machine";
import type { MnAction } from "./mongolian.schemas";
import type { MnStatus } from "./mongolian.tables";

/** What the guards read, known once the subject and its revisions are loaded and locked. */
export interface MnContext {
  /** The revision has the text its subject needs (a title; an item also a body). */
  complete: boolean;
  /** The person acting drafted or submitted the revision, and the site keeps the four-eyes rule. */
  ownWork: boolean;
  /** The Chinese has changed since the revision was last saved. */
  sourceChanged: boolean;
}

const complete: Guard<MnContext> = {
  code: "mn_incomplete",
  holds: (c) => c.complete,
  message: () => "蒙古文译文缺少标题或正文，请补全后再提交。",
};

const fourEyes: Guard<MnContext> = {
  code: "mn_four_eyes",
  holds: (c) => !c.ownWork,
  message: () => "四眼原则：蒙古文译文须由起草和提交人以外的审核人审核。",
};

const sourceCurrent: Guard<MnContext> = {
  code: "mn_source_changed",
  holds: (c) => !c.sourceChanged,
  message: () => "中文内容在翻译后已修改：请退回译者按最新中文更新蒙古文后重新提交。",
};

/**
 * The review of a Mongolian version (its own, apart from the Chinese item's): a clerk of the subject's
 * organisation drafts and submits, a reviewer approves or sends back with a reason. `who` is the step, each
 * subject naming its own policy's action for it (mongolian.access.ts: item.draft, service.manage …). The service enforces this
 * table on the locked rows; the back-office page reads it to offer the buttons.
 */
export const MN_WORKFLOW = defineMachine<MnAction, MnStatus, "draft" | "review", MnContext>({
  submit: { from: ["draft"], to: "submitted", label: "提交审核", who: "draft", guards: [complete] },
  approve: {
    from: ["submitted"],
    to: "approved",
    label: "审核通过",
    who: "review",
    guards: [fourEyes, sourceCurrent],
  },
  reject: { from: ["submitted"], to: "draft", label: "退回修改", who: "review" },
});
