import { describe, expect, it } from "vitest";
import { translator } from "../../../web/i18n";
import type { AttachmentMeta } from "./attachments.repo";
import { attachmentsArePublic } from "./attachments.service";
import { AttachmentTable, AttachmentUploadForm, formatSize, PublicAttachmentList } from "./attachments.views";

const att = (over: Partial<AttachmentMeta> = {}): AttachmentMeta => ({
  id: "a1",
  item_id: "i1",
  position: 1,
  filename: "2026年预算 <草案>.pdf",
  mime: "application/pdf",
  size: 1_500_000,
  sha256: "ab".repeat(32),
  extract_error: null,
  masked_sha256: null,
  masked_size: null,
  created_by: "u1",
  created_at: "2026-03-02T02:00:00.000Z",
  ...over,
});

describe("attachment views", () => {
  it("puts the CSRF field before the file field in a multipart form", async () => {
    const html = await (
      <AttachmentUploadForm itemId="i1" csrf="tok" problems={[{ code: "bad_file", message: "坏<文件>" }]} />
    );
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('action="/admin/items/i1/attachments"');
    expect(html.indexOf('name="_csrf"')).toBeLessThan(html.indexOf('name="file"'));
    expect(html).toContain("坏&lt;文件>");
    // The upload's problem is the file field's: shown with it, linked from the summary.
    expect(html).toContain('href="#file"');
    expect(html).toMatch(/<input id="file" name="file" type="file"[^>]*multiple[^>]*aria-invalid="true"/);
  });

  it("lists attachments for staff, escaping names, with delete buttons only when editable", async () => {
    const rows = [
      att(),
      att({ id: "a2", mime: "application/msword", filename: "旧.doc", extract_error: "旧版" }),
    ];
    const editable = await (<AttachmentTable itemId="i1" attachments={rows} csrf="tok" canEdit />);
    expect(editable).toContain("2026年预算 &lt;草案>.pdf");
    expect(editable).toContain('action="/admin/items/i1/attachments/a2/delete"');
    expect(editable).toContain("1.4 MB");
    const readOnly = await (<AttachmentTable itemId="i1" attachments={rows} csrf="tok" canEdit={false} />);
    expect(readOnly).not.toContain("/delete");
    expect(await (<AttachmentTable itemId="i1" attachments={[]} csrf="tok" canEdit />)).toContain("暂无附件");
  });

  it("shows public downloads for published and superseded items, nothing once withdrawn", async () => {
    const t = translator("zh-CN");
    const html = await (<PublicAttachmentList item={{ status: "published" }} attachments={[att()]} t={t} />);
    expect(html).toContain(
      `href="/gk/items/i1/attachments/a1/${encodeURIComponent("2026年预算 <草案>.pdf")}"`,
    );
    expect(html).toContain("（PDF，1.4 MB）");
    expect(html).toContain("附件");
    const mn = await (
      <PublicAttachmentList item={{ status: "superseded" }} attachments={[att()]} t={translator("mn-Mong")} />
    );
    expect(mn).toContain("/gk/items/i1/attachments/a1/");
    expect(await (<PublicAttachmentList item={{ status: "withdrawn" }} attachments={[att()]} t={t} />)).toBe(
      "",
    );
    expect(attachmentsArePublic({ status: "draft" })).toBe(false);
  });

  it("formats sizes", () => {
    expect([formatSize(10), formatSize(2048), formatSize(20 * 1024 * 1024)]).toEqual([
      "10 B",
      "2 KB",
      "20.0 MB",
    ]);
  });
});
