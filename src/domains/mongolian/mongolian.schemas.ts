import { type Static, Type } from "@sinclair/typebox";
import type { MnStatus } from "./mongolian.tables";

export const MN_STATUS_LABELS: Record<MnStatus, string> = {
  draft: "草稿",
  submitted: "待审核",
  approved: "已审核",
  superseded: "已被新译文替换",
};

export const MAX_TITLE = 400;
export const MAX_SUMMARY = 2_000;
export const MAX_BODY = 400_000;

/** PUT /api/v1/items/{id}/mn: the Mongolian draft (created, or the open draft changed). */
export const SaveMnBody = Type.Object(
  {
    title: Type.String({ maxLength: MAX_TITLE }),
    body: Type.Optional(Type.String({ maxLength: MAX_BODY })),
    summary: Type.Optional(Type.String({ maxLength: MAX_SUMMARY })),
  },
  { additionalProperties: false },
);
export type SaveMnInput = Static<typeof SaveMnBody>;

export const MN_ACTIONS = ["submit", "approve", "reject"] as const;
export type MnAction = (typeof MN_ACTIONS)[number];

export const MnActionBody = Type.Object(
  {
    action: Type.Union(MN_ACTIONS.map((a) => Type.Literal(a))),
    note: Type.Optional(Type.String({ maxLength: 2_000 })),
  },
  { additionalProperties: false },
);
export type MnActionInput = Static<typeof MnActionBody>;
