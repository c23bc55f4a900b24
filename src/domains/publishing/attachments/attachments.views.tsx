import type { ErrorDetail } from "../../../platform/errors";
import { ACCEPTED_EXTENSIONS, FILE_TYPES, typeOfMime } from "../../../platform/files";
import { formatShanghai } from "../../../platform/time";
import type { Translate } from "../../../web/i18n";
import { Field } from "../../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../../web/views/layout";
import type { ItemRow } from "../publishing.repo";
import { filenameSegment } from "./attachments.filename";
import type { AttachmentMeta } from "./attachments.repo";
import { attachmentsArePublic, MAX_FILE_BYTES, MAX_FILES_PER_ITEM } from "./attachments.service";

export const publicAttachmentUrl = (a: Pick<AttachmentMeta, "id" | "item_id" | "filename">) =>
  `/gk/items/${a.item_id}/attachments/${a.id}/${filenameSegment(a.filename)}`;
export const adminAttachmentUrl = (a: Pick<AttachmentMeta, "id" | "item_id">) =>
  `/admin/items/${a.item_id}/attachments/${a.id}`;

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const typeLabel = (mime: string) => {
  const t = typeOfMime(mime);
  return t ? FILE_TYPES[t].label : mime;
};

/** Back office: the upload form. The CSRF field comes before the file field, so it is read first. */
export function AttachmentUploadForm(p: { itemId: string; csrf: string; problems: readonly ErrorDetail[] }) {
  // The file is the form's one field: every problem of the upload is the file's, linked from the summary.
  const problems = p.problems.map((x) => ({ ...x, field: "file" }));
  const hint = `可一次选择多个文件。支持 ${ACCEPTED_EXTENSIONS.join("、")}；每个文件不超过 ${
    MAX_FILE_BYTES / 1024 / 1024
  } MB，每条信息最多 ${MAX_FILES_PER_ITEM} 个附件。文件类型按内容判断，扩展名须与内容一致。`;
  return (
    <form
      method="post"
      action={`/admin/items/${p.itemId}/attachments`}
      enctype="multipart/form-data"
      class="stack attachment-upload"
    >
      <CsrfField token={p.csrf} />
      <ErrorSummary title="附件未上传：" problems={problems} />
      <Field
        name="file"
        type="file"
        label="上传附件"
        hint={hint}
        required
        multiple
        accept={ACCEPTED_EXTENSIONS.map((e) => `.${e}`).join(",")}
        problems={problems}
      />
      <button type="submit">上传</button>
    </form>
  );
}

function extractStatus(a: AttachmentMeta): string {
  const t = typeOfMime(a.mime);
  if (a.extract_error) return a.extract_error;
  if (t && FILE_TYPES[t].text) return "已提取";
  return "图片，无文本";
}

/** Back office: the attachments of an item, with downloads and (when allowed now) delete buttons. */
export function AttachmentTable(p: {
  itemId: string;
  attachments: AttachmentMeta[];
  csrf: string;
  canEdit: boolean;
}) {
  if (p.attachments.length === 0) return <p>暂无附件。</p>;
  return (
    <div class="table-scroll" tabindex="0" role="region" aria-label="附件">
      <table class="attachments">
        <caption class="visually-hidden">附件</caption>
        <thead>
          <tr>
            <th scope="col">文件名</th>
            <th scope="col">类型</th>
            <th scope="col">大小</th>
            <th scope="col">文本提取</th>
            <th scope="col">上传时间</th>
            {p.canEdit ? <th scope="col">操作</th> : ""}
          </tr>
        </thead>
        <tbody>
          {p.attachments.map((a) => (
            <tr>
              <td>
                <a href={adminAttachmentUrl(a)} safe>
                  {a.filename}
                </a>
                <br />
                <span class="meta mono" title="SHA-256" safe>{`SHA-256 ${a.sha256.slice(0, 16)}…`}</span>
              </td>
              <td safe>{typeLabel(a.mime)}</td>
              <td safe>{formatSize(a.size)}</td>
              <td>
                {a.extract_error ? (
                  <span class="tag warn" safe>
                    {extractStatus(a)}
                  </span>
                ) : (
                  <span safe>{extractStatus(a)}</span>
                )}
              </td>
              <td safe>{formatShanghai(a.created_at)}</td>
              {p.canEdit ? (
                <td>
                  <form
                    method="post"
                    action={`/admin/items/${p.itemId}/attachments/${a.id}/delete`}
                    class="inline"
                  >
                    <CsrfField token={p.csrf} />
                    <button type="submit" class="danger" aria-label={`删除附件 ${a.filename}`}>
                      删除
                    </button>
                  </form>
                </td>
              ) : (
                ""
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// Until the i18n catalogs carry these keys, Chinese is used in every language.

/** Public item page: the downloadable attachments; nothing when the item serves none (withdrawn). */
export function PublicAttachmentList(p: {
  item: Pick<ItemRow, "status">;
  attachments: AttachmentMeta[];
  t: Translate;
}) {
  if (!attachmentsArePublic(p.item) || p.attachments.length === 0) return "";
  return (
    <section class="attachments" aria-labelledby="attachments-title">
      <h2 id="attachments-title" safe>
        {p.t("item.attachments")}
      </h2>
      <ul>
        {p.attachments.map((a) => (
          <li>
            <a href={publicAttachmentUrl(a)} safe>
              {a.filename}
            </a>
            <span class="meta" safe>
              {p.t("item.attachment_meta", { type: typeLabel(a.mime), size: formatSize(a.size) })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
