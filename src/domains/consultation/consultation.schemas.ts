import { type Static, Type } from "@sinclair/typebox";
import { STEP_ACTIONS } from "./consultation.steps";

// Request and answer shapes of /api/v1/consultations. Fields are read as text and checked by the service, so
// every problem is named at once (a 400 listing them) rather than the first one the schema meets.

const Text = (maxLength: number, description?: string) =>
  Type.String({ maxLength, ...(description ? { description } : {}) });

export const CreateConsultationBody = Type.Object(
  {
    title: Text(200, "Title of the draft, 1-200 characters."),
    draft: Text(500_000, "The draft's text: rich text (sanitised HTML) or plain paragraphs."),
    major: Type.Optional(Type.Boolean({ description: "A major administrative decision (重大行政决策)." })),
    start_on: Text(10, "First day of the period, YYYY-MM-DD, not before today."),
    end_on: Text(
      10,
      "Last day of the period, YYYY-MM-DD; at least 30 days after start_on for a major decision.",
    ),
    short_reason: Type.Optional(
      Text(1000, "Why a major decision's period is shorter than 30 days (shown publicly)."),
    ),
    org: Type.Optional(Text(50, "Drafting organisation code (default: the user's).")),
  },
  {
    additionalProperties: false,
    examples: [
      {
        title: "固阳县城乡生活垃圾分类管理办法（征求意见稿）",
        draft: "<p>第一条 为了加强城乡生活垃圾分类管理……</p>",
        major: true,
        start_on: "2026-12-07",
        end_on: "2027-01-06",
      },
    ],
  },
);
export type CreateConsultationInput = Static<typeof CreateConsultationBody>;

export const UpdateConsultationBody = Type.Object(
  {
    title: Type.Optional(CreateConsultationBody.properties.title),
    draft: Type.Optional(CreateConsultationBody.properties.draft),
    major: CreateConsultationBody.properties.major,
    start_on: Type.Optional(CreateConsultationBody.properties.start_on),
    end_on: Type.Optional(CreateConsultationBody.properties.end_on),
    short_reason: CreateConsultationBody.properties.short_reason,
  },
  {
    additionalProperties: false,
    description: "The fields to change; one left out keeps its value. Checked as when the draft was created.",
    examples: [{ end_on: "2027-01-20", title: "固阳县城乡生活垃圾分类管理办法（征求意见稿·修改）" }],
  },
);
export type UpdateConsultationInput = Static<typeof UpdateConsultationBody>;

export const ConsultationActionBody = Type.Object(
  {
    action: Type.String({ enum: STEP_ACTIONS, description: STEP_ACTIONS.join(" ") }),
    note: Type.Optional(Text(1000, "Reason: required to reject, or to close before the last day.")),
    item_id: Type.Optional(Text(40, "link_policy: the published item of the final policy.")),
  },
  { additionalProperties: false, examples: [{ action: "approve" }] },
);
export type ConsultationActionInput = Static<typeof ConsultationActionBody>;

export const CommentBody = Type.Object(
  {
    body: Text(5000, "The comment, 5-5000 characters."),
    name: Type.Optional(Text(40, "Optional; shown masked (surname only).")),
    phone: Type.Optional(Text(30, "Optional; encrypted, never shown.")),
    email: Type.Optional(Text(120, "Optional; encrypted, never shown.")),
  },
  {
    additionalProperties: false,
    examples: [{ body: "建议在小区增设厨余垃圾投放点，并公布收运时间。", name: "张三" }],
  },
);
export type CommentInput = Static<typeof CommentBody>;

export const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });

export const ListQuerystring = Type.Object({
  page: Type.Optional(Text(6, "Page number from 1.")),
});

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const PublicCommentJson = Type.Object({
  number: Type.Integer(),
  name: Nullable(Type.String({ description: "Masked, or null when anonymous." })),
  text: Type.String({ description: "De-identified text." }),
  created_at: Type.String(),
  decision: Nullable(
    Type.String({ description: "adopted partly not_adopted, once the report is published." }),
  ),
  decision_reason: Nullable(Type.String()),
});

export const ConsultationJson = Type.Object({
  id: Type.String(),
  title: Type.String(),
  status: Type.String({ description: "draft submitted open closed report_submitted reported" }),
  org: Type.Object({ code: Type.String(), name: Type.String() }),
  major: Type.Boolean(),
  start_on: Type.String(),
  end_on: Type.String(),
  days: Type.Integer({ description: "Length of the period in days (the first day not counted)." }),
  short_reason: Nullable(Type.String()),
  accepting_comments: Type.Boolean(),
  close_note: Nullable(Type.String()),
  draft_html: Type.String(),
  documents: Type.Array(
    Type.Object({ id: Type.String(), filename: Type.String(), size: Type.Integer(), url: Type.String() }),
  ),
  comments: Type.Array(PublicCommentJson, { description: "Approved comments only." }),
  report: Type.Union([
    Type.Object({
      summary: Type.String(),
      published_at: Type.String(),
      counts: Type.Object(
        { adopted: Type.Integer(), partly: Type.Integer(), not_adopted: Type.Integer() },
        { description: "How many approved comments were adopted, partly adopted and not adopted." },
      ),
    }),
    Type.Null(),
  ]),
  final_policy: Type.Union([
    Type.Object({ id: Type.String(), title: Type.String(), url: Type.String() }),
    Type.Null(),
  ]),
  url: Type.String(),
  staff: Type.Optional(
    Type.Object(
      {
        admin_url: Type.String({ description: "The back-office page." }),
        actions: Type.Array(Type.String(), { description: "The workflow steps this user may take now." }),
        editable: Type.Boolean({ description: "A draft this user may change (PATCH)." }),
        pending_comments: Type.Integer({ description: "Comments waiting for moderation." }),
        report_summary: Nullable(
          Type.String({ description: "The feedback report as saved, before approval." }),
        ),
      },
      {
        description:
          "Only for a signed-in user or token who may see the consultation (drafts included); absent for the public.",
      },
    ),
  ),
});

export const ConsultationListJson = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      status: Type.String(),
      org: Type.Object({ code: Type.String(), name: Type.String() }),
      start_on: Type.String(),
      end_on: Type.String(),
      accepting_comments: Type.Boolean(),
      url: Type.String(),
    }),
  ),
});

export const CommentCreatedJson = Type.Object({
  number: Type.Integer(),
  status: Type.String({ description: "pending: shown once the department approves it." }),
});
