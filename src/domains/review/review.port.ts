import type { Deps, Executor } from "../../deps";
import type { CurrentUser } from "../accounts";

// What review needs of the items it checks, as a port: publishing owns items, their attachments, their policy
// and the public page cache, and hands review an implementation (src/domains/publishing/review-items.ts), so
// the dependency runs one way, publishing → review. review.imports.test.ts fails if review imports
// publishing again.

/** The fields of an item review reads and rewrites. */
export interface ReviewedItem {
  id: string;
  site_id: string;
  org_id: string;
  status: string;
  title: string;
  body_html: string;
  body_text: string;
}

/** The fields of an attachment review scans and masks. */
export interface ReviewedAttachment {
  id: string;
  filename: string;
  mime: string;
  sha256: string;
  masked_sha256: string | null;
  extracted_text: string | null;
  masked_text: string | null;
}

export interface MaskedFile {
  text: string | null;
  sha256: string | null;
  size: number | null;
}

export interface ReviewItems {
  find(db: Executor, id: string): Promise<ReviewedItem | undefined>;
  /** The item after the item policy: 404 when missing or not visible to the user, 403 when `action` is not theirs. */
  load(
    deps: Pick<Deps, "db">,
    user: CurrentUser,
    action: "item.view" | "item.review",
    id: string,
  ): Promise<ReviewedItem>;
  attachments(db: Executor, itemId: string): Promise<ReviewedAttachment[]>;
  /** Saves the de-identified title and body (HTML); the item's plain text is derived from it. */
  saveMaskedText(
    trx: Executor,
    itemId: string,
    masked: { title: string; bodyHtml: string },
    now: string,
  ): Promise<void>;
  saveMaskedAttachment(trx: Executor, attachmentId: string, masked: MaskedFile): Promise<void>;
  /** After a committed change to items' text: their cached public pages are dropped. */
  changed(deps: Pick<Deps, "db">, itemIds: string[]): void;
}

// One port per app instance, set when publishing registers its routes (before review's); a WeakMap rather
// than a module variable so test apps built side by side never see each other's.
const provided = new WeakMap<object, ReviewItems>();

export function provideReviewItems(app: object, items: ReviewItems): void {
  provided.set(app, items);
}

export function reviewItemsOf(app: object): ReviewItems {
  const items = provided.get(app);
  // A wiring mistake at start-up, never a request's fault.
  if (!items) throw new Error("review: no items port provided (register publishing's routes first)");
  return items;
}
