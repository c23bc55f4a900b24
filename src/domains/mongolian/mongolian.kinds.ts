// The later domains' public content that can carry a Mongolian version (issue 18 part 1): government-service
// items (办事指南), gazette issues (政府公报), consultations (意见征集) and meetings (政务会议). Each domain
// describes its subject here when its routes are registered (its own `<d>.mn.ts`): how the row is found and
// locked, which of its own policy's actions draft, review and view the translation, and where the Chinese is
// shown. The Mongolian domain never imports those domains, so they may import it for their pages.
import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Executor } from "../../deps";
import type { AppError } from "../../platform/errors";
import type { Engine } from "../../platform/workflow/locked-step";
import type { Action, CurrentUser } from "../accounts";
import type { OrgTree } from "../orgs";
import type { MnSubjectType } from "./mongolian.tables";

/** The Chinese of a subject as the Mongolian version follows it. */
export interface MnSource {
  id: string;
  siteId: string;
  orgId: string;
  title: string;
  /** Every Chinese text the translation renders (its fingerprint is taken over these). */
  texts: readonly string[];
  /** The version number of the Chinese, where the subject has one. */
  version: number | null;
  /** Where the public reads the Chinese (without /mn), or null while it is not public. */
  publicPath: string | null;
  /**
   * Whether the site search finds the Chinese now (default: while it is public). A cancelled service item keeps
   * its page but leaves the search, and so does its Mongolian version.
   */
  searchable?: boolean;
  publishedAt: string | null;
}

export type MnStep = "view" | "draft" | "review";

export interface MnKind {
  type: Exclude<MnSubjectType, "item" | "catalog_node">;
  /** What it is, in the back office (服务事项, 公报期次 …). */
  label: string;
  /** What it is, in English, for the API's documentation. */
  what: string;
  /** The subject's own policy actions for each step of its translation. */
  actions: Record<MnStep, Action>;
  /** The subject's own policy: 404 for one the user may not see, 403 for one they may not act on. */
  authorise(user: CurrentUser, action: Action, row: { site_id: string; org_id: string }, tree: OrgTree): void;
  missing(): AppError;
  find(db: Executor, id: string): Promise<MnSource | undefined>;
  /** The row with its lock (every step on the subject serialises on it). */
  lock(trx: Transaction<Database>, engine: Engine, id: string): Promise<MnSource | undefined>;
  /** The subject's back-office page. */
  adminPath(id: string): string;
  /** The subject's Mongolian editor (under the subject's own back-office path). */
  editorPath(id: string): string;
  /** The staff API path of its Mongolian version (Fastify pattern, `:id`). */
  apiPath: string;
}

const kinds = new Map<string, MnKind>();

/** Called by each later domain when its routes are registered. */
export function registerMnKind(kind: MnKind): void {
  kinds.set(kind.type, kind);
}

export const mnKind = (type: MnSubjectType): MnKind | undefined => kinds.get(type);
export const mnKinds = (): MnKind[] => [...kinds.values()];
