// The remedies paragraph of a letter (救济途径告知) under the 行政复议法 as revised in 2023 (in force 2024-01-01)
// and the 行政诉讼法, and the articles a reply cites. Pure functions: the caller finds the replying organ and
// the site's settings (applications.letters.ts); docs/decisions/0007-reply-letter-remedies.md gives the law.
import { AppError } from "../../../platform/errors";
import type { LetterKind, WithholdGround } from "./letter.outcomes";

/** Organs whose review body does not follow from their kind (stored on the org, migration 0019). */
export const REVIEW_ROUTES = ["vertical", "branch"] as const;
export type ReviewRoute = (typeof REVIEW_ROUTES)[number];
export const REVIEW_ROUTE_LABELS: Readonly<Record<ReviewRoute, string>> = {
  vertical: "实行垂直领导的机关（海关、金融、外汇管理、税务、国家安全等，《行政复议法》第二十七条）",
  branch:
    "上级人民政府工作部门按行政区划设立的派出机构（如某市某局某县分局，《行政复议法》第二十四条第四款）",
};
export const isReviewRoute = (s: string): s is ReviewRoute =>
  (REVIEW_ROUTES as readonly string[]).includes(s);

/** The organ that replies, as far as the review body depends on it. */
export interface ReplyingOrgan {
  name: string;
  /** orgs.kind: government, department, town (communities and institutions reply through their organ). */
  kind: string;
  /** The site's own people's government (the root organisation): its replies are reviewed a level up. */
  isSiteGovernment: boolean;
  reviewRoute: ReviewRoute | null;
  /** vertical: the next-higher competent department; branch: the government of its department's level. */
  reviewBody: string | null;
}

export interface ReviewContext {
  organ: ReplyingOrgan;
  /** The site's people's government, e.g. 固阳县人民政府 (the root organisation's name). */
  siteGovernment: string;
  /** The next-higher people's government (site setting), e.g. 包头市人民政府; null or "" when not set. */
  parentGovernment: string | null;
}

export const parentGovernmentMissing = () =>
  new AppError(
    "parent_government_missing",
    409,
    "本站点尚未设置“上一级人民政府名称”，县人民政府作出的答复无法写明行政复议机关（《行政复议法》第二十四条）。请系统管理员在“答复书设置”（/admin/letter-settings）中填写，例如“包头市人民政府”。",
    [
      {
        field: "parent_government",
        code: "parent_government_missing",
        message: "请填写上一级人民政府名称。",
      },
    ],
  );

const reviewBodyMissing = (organ: ReplyingOrgan) =>
  new AppError(
    "review_body_missing",
    409,
    `${organ.name}是实行垂直领导的机关，答复书须写明其上一级主管部门（《行政复议法》第二十七条），但尚未设置。请系统管理员在“答复书设置”（/admin/letter-settings）中填写。`,
    [{ field: "review_body", code: "review_body_missing", message: "请填写上一级主管部门名称。" }],
  );

/**
 * The review bodies (行政复议机关) for a reply, first the one the law names, then any alternative it allows:
 * - the site's government → the next-higher people's government (Art. 24(1)(二)), from the site setting;
 * - a town/苏木乡镇 government → the county people's government (Art. 24(1)(二));
 * - a vertically led organ → its next-higher competent department (Art. 27), from the org;
 * - a branch of a city department set up for the county → the city's people's government, or the people's
 *   government of where it sits, the county's (Art. 24 fourth paragraph);
 * - any other organ (a working department of the county government) → the county people's government
 *   (Art. 24(1)(一)); no longer "本级人民政府或者上一级主管部门".
 * Throws 409 when the name the law requires is not configured: a letter never invents a review body.
 */
export function reviewBodies(ctx: ReviewContext): string[] {
  const { organ, siteGovernment } = ctx;
  const parent = ctx.parentGovernment?.trim() ?? "";
  if (organ.reviewRoute === "vertical") {
    if (!organ.reviewBody?.trim()) throw reviewBodyMissing(organ);
    return [organ.reviewBody.trim()];
  }
  if (organ.reviewRoute === "branch") {
    const city = organ.reviewBody?.trim() || parent;
    if (!city) throw parentGovernmentMissing();
    return city === siteGovernment ? [city] : [city, siteGovernment];
  }
  if (organ.isSiteGovernment) {
    if (!parent) throw parentGovernmentMissing();
    return [parent];
  }
  return [siteGovernment];
}

/** How a letter's remedies read: review first (复议前置), or either review or litigation, or both (partial). */
export type RemedyKind = "review_first" | "either" | "partial";

/**
 * 行政复议法 Art. 23(1)(四): "申请政府信息公开，行政机关不予公开" must go to review before litigation. Every
 * withhold.* outcome is a decision not to disclose (the annual report counts all eight under 不予公开, the
 * administrative query included); a partial disclosure withholds a part. Other outcomes keep the choice.
 */
export function remedyKindOf(kind: LetterKind): RemedyKind {
  if (kind.startsWith("withhold.")) return "review_first";
  if (kind === "partial") return "partial";
  return "either";
}

const LAW_REVIEW = "《中华人民共和国行政复议法》";

/**
 * The remedies sentence(s). `documentName` is how the letter calls itself (本答复, 本通知). The litigation
 * limits: 6 months from receipt (行政诉讼法 Art. 46); after review, 15 days from the review decision or from
 * the end of the review period when none is made (行政诉讼法 Art. 45).
 */
export function remediesText(kind: RemedyKind, bodies: readonly string[], documentName = "本答复"): string {
  const body = bodies.join("或者");
  const either = `可以自收到${documentName}之日起60日内向${body}申请行政复议，也可以自收到${documentName}之日起6个月内依法向人民法院提起行政诉讼。`;
  const first = `应当自收到${documentName}之日起60日内先向${body}申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起15日内依法向人民法院提起行政诉讼，行政复议机关逾期不作决定的，可以自行政复议期限届满之日起15日内依法向人民法院提起行政诉讼。`;
  if (kind === "either") return `如对${documentName}不服，${either}`;
  if (kind === "review_first")
    return `如对${documentName}不服，根据${LAW_REVIEW}第二十三条第一款第（四）项的规定，${first}`;
  return `如对${documentName}中不予公开的部分不服，根据${LAW_REVIEW}第二十三条第一款第（四）项的规定，${first}如对${documentName}的其他内容不服，${either}`;
}

const R = "《条例》";

/**
 * The articles of the Regulation each withhold ground rests on, as the partial letter's 不予公开的依据
 * paragraph cites them (the withhold.* letters quote the same article in full).
 */
export const WITHHOLD_GROUND_ARTICLES: Readonly<Record<WithholdGround, string>> = {
  "withhold.state_secret": "第十四条（依法确定为国家秘密的政府信息）",
  "withhold.prohibited_by_law": "第十四条（法律、行政法规禁止公开的政府信息）",
  "withhold.security_stability": "第十四条（公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息）",
  "withhold.third_party": "第十五条（涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息）",
  "withhold.internal_affairs": "第十六条第一款（行政机关的内部事务信息）",
  "withhold.process_info": "第十六条第二款（过程性信息）",
  "withhold.enforcement_file": "第十六条第二款（行政执法案卷信息）",
  "withhold.administrative_query":
    "第三十六条第（七）项（工商、不动产登记资料等有关法律、行政法规对信息的获取有特别规定的信息）",
};

/**
 * The partial letter's 不予公开的依据: Art. 37 plus the withheld part's article, and Art. 32 when a third
 * party was consulted. "" when no ground was recorded (the letter then leaves the paragraph out rather than
 * cite articles that may not apply).
 */
export function partialLegalBasis(ground: WithholdGround | null, consulted: boolean): string {
  if (!ground) return "";
  const consultation =
    ground === "withhold.third_party" && consulted
      ? "，本机关已依照《条例》第三十二条的规定书面征求第三方意见"
      : "";
  return `${R}第三十七条及${WITHHOLD_GROUND_ARTICLES[ground]}${consultation}。`;
}

/** Kept for edited templates and callers that only need the standard sentence. */
export function reviewRightsText(reviewBody: string, documentName = "本答复"): string {
  return remediesText("either", [reviewBody], documentName);
}
