import type { ErrorDetail } from "../../../platform/errors";
import { formatShanghai } from "../../../platform/time";
import { Field } from "../../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../../web/views/layout";
import { formatSize, typeLabel } from "../../publishing/attachments/attachments.views";
import { type DocumentMeta, describeFindings, EDITABLE_STATUSES, MAX_DOCUMENTS } from "./documents.service";

const ACCEPT = ".docx,.pdf,.xlsx";

export const adminDocumentUrl = (applicationId: string, documentId: string) =>
  `/admin/applications/${applicationId}/documents/${documentId}`;

/** Back office: the upload form. The CSRF field comes before the file field, so it is read first. */
export function DocumentUploadForm(p: { id: string; csrf: string; problems: readonly ErrorDetail[] }) {
  // The file is the form's one field: every problem of the upload is the file's, linked from the summary.
  const problems = p.problems.map((x) => ({ ...x, field: "file" }));
  const hint = `支持 Word（.docx）、PDF（须可复制文字）和 Excel（.xlsx），每个文件不超过 20 MB，每件申请最多 ${MAX_DOCUMENTS} 份。上传后自动提取文字并去标识化（身份证号、手机号、银行卡号、电子邮箱、电话、证件号码、姓名和详细住址），申请人只能下载去标识化的文本，原件仅供工作人员查阅。`;
  return (
    <form
      method="post"
      action={`/admin/applications/${p.id}/documents`}
      enctype="multipart/form-data"
      class="stack document-upload"
    >
      <CsrfField token={p.csrf} />
      <ErrorSummary title="材料未上传：" problems={problems} />
      <Field
        name="file"
        type="file"
        label="上传答复提供的政府信息"
        hint={hint}
        required
        multiple
        accept={ACCEPT}
        problems={problems}
      />
      <button type="submit" id="documents-submit">
        上传
      </button>
    </form>
  );
}

/**
 * Back office, on the application's page: the released documents with what was masked; handlers download
 * originals, and add or delete documents until the reply.
 */
export function ReleasedDocuments(p: {
  id: string;
  status: string;
  csrf: string;
  handles: boolean;
  documents: DocumentMeta[];
}) {
  const canEdit = p.handles && EDITABLE_STATUSES.includes(p.status);
  if (!canEdit && p.documents.length === 0) return "";
  return (
    <section aria-labelledby="documents-title">
      <h2 id="documents-title">答复提供的政府信息</h2>
      {p.documents.length === 0 ? (
        <p>尚未上传。答复“予以公开”或“部分公开”时，申请人可在查询页下载去标识化的文本。</p>
      ) : (
        <div class="table-scroll" tabindex="0" role="region" aria-label="答复提供的政府信息">
          <table class="documents">
            <caption class="visually-hidden">答复提供的政府信息</caption>
            <thead>
              <tr>
                <th scope="col">文件名</th>
                <th scope="col">类型</th>
                <th scope="col">大小</th>
                <th scope="col">去标识化</th>
                <th scope="col">上传时间</th>
                {canEdit ? <th scope="col">操作</th> : ""}
              </tr>
            </thead>
            <tbody>
              {p.documents.map((d) => {
                const masked = describeFindings(d.findings);
                return (
                  <tr>
                    <td>
                      {p.handles ? (
                        <a href={adminDocumentUrl(p.id, d.id)} safe>
                          {d.filename}
                        </a>
                      ) : (
                        <span safe>{d.filename}</span>
                      )}
                      <br />
                      <span
                        class="meta mono"
                        title="SHA-256"
                        safe
                      >{`SHA-256 ${d.sha256.slice(0, 16)}…`}</span>
                    </td>
                    <td safe>{typeLabel(d.mime)}</td>
                    <td safe>{formatSize(d.size)}</td>
                    <td>{masked ? `已去标识化：${masked}` : "未发现需去标识化的个人信息"}</td>
                    <td safe>{formatShanghai(d.created_at)}</td>
                    {canEdit ? (
                      <td>
                        <form method="post" action={`${adminDocumentUrl(p.id, d.id)}/delete`} class="inline">
                          <CsrfField token={p.csrf} />
                          <button type="submit" class="danger" aria-label={`删除材料 ${d.filename}`}>
                            删除
                          </button>
                        </form>
                      </td>
                    ) : (
                      ""
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {canEdit ? <DocumentUploadForm id={p.id} csrf={p.csrf} problems={[]} /> : ""}
    </section>
  );
}

// Until the i18n catalogs carry these strings, Chinese is used in every language.
const APPLICANT_TEXT = {
  title: "提供的政府信息",
  intro: "以下文件已去除他人的个人信息（去标识化），以文本文件提供。",
};

/** The applicant's status page: a POST download form per released document (the secret stays out of URLs). */
export function ApplicantDocuments(p: {
  prefix: string;
  csrf: string;
  code: string;
  secret: string;
  documents: Array<{ id: string; filename: string }>;
}) {
  if (p.documents.length === 0) return "";
  return (
    <section aria-labelledby="documents-title">
      <h3 id="documents-title" safe>
        {APPLICANT_TEXT.title}
      </h3>
      <p safe>{APPLICANT_TEXT.intro}</p>
      <ul class="documents">
        {p.documents.map((d) => (
          <li>
            <form method="post" action={`${p.prefix}/hd/track/documents/${d.id}`} class="inline">
              <CsrfField token={p.csrf} />
              <input type="hidden" name="code" value={p.code} />
              <input type="hidden" name="secret" value={p.secret} />
              <button type="submit" class="button" aria-label={`下载 ${d.filename}`} safe>
                {d.filename}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}
