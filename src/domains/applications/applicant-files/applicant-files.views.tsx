import type { ErrorDetail } from "../../../platform/errors";
import { formatShanghai } from "../../../platform/time";
import { Field } from "../../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../../web/views/layout";
import { formatSize, typeLabel } from "../../publishing/attachments/attachments.views";
import {
  ACCEPT_APPLICANT_FILES,
  type ApplicantFileMeta,
  MAX_APPLICANT_FILE_BYTES,
  MAX_FILES_PER_APPLICATION,
} from "./applicant-files.service";

export const adminFileUrl = (applicationId: string, fileId: string) =>
  `/admin/applications/${applicationId}/files/${fileId}`;

const sourceLabel = (f: ApplicantFileMeta): string =>
  f.source === "office" ? `工作人员登记（${f.created_by}）` : "申请人提交";

/** Back office: the office adds scans of a paper application. The CSRF field precedes the file field. */
export function OfficeFileForm(p: { id: string; csrf: string; problems: readonly ErrorDetail[] }) {
  // The file is the form's one field (id applicant-file: the page also has the reply documents' #file).
  const problems = p.problems.map((x) => ({ ...x, field: "applicant-file" }));
  return (
    <form
      method="post"
      action={`/admin/applications/${p.id}/files`}
      enctype="multipart/form-data"
      class="stack file-upload"
    >
      <CsrfField token={p.csrf} />
      <ErrorSummary title="材料未上传：" problems={problems} />
      <Field
        name="file"
        id="applicant-file"
        field="applicant-file"
        type="file"
        label="添加申请材料（扫描件或照片）"
        hint={`JPG、PNG 或 PDF，每个不超过 ${MAX_APPLICANT_FILE_BYTES / 1024 / 1024} MB，每件申请最多 ${MAX_FILES_PER_APPLICATION} 个。加密保存，仅办理人员可以查看，每次查看都记入审计日志。`}
        required
        multiple
        accept={ACCEPT_APPLICANT_FILES}
        problems={problems}
      />
      <button type="submit" id="applicant-files-submit">
        上传材料
      </button>
    </form>
  );
}

/**
 * Back office, on the application's page, for handlers only: the applicant's supporting files (an ID image),
 * opened one by one (each opening is audited), and the form to add scans while the application is open.
 */
export function ApplicantFiles(p: { id: string; status: string; csrf: string; files: ApplicantFileMeta[] }) {
  const open = p.status !== "replied" && p.status !== "merged";
  if (!open && p.files.length === 0) return "";
  return (
    <section aria-labelledby="applicant-files-title">
      <h2 id="applicant-files-title">申请人提交的材料</h2>
      {p.files.length === 0 ? (
        <p>没有材料。</p>
      ) : (
        <div class="table-scroll" tabindex="0" role="region" aria-label="申请人提交的材料">
          <table class="applicant-files">
            <caption class="visually-hidden">申请人提交的材料（加密保存，查看记入审计日志）</caption>
            <thead>
              <tr>
                <th scope="col">文件名</th>
                <th scope="col">类型</th>
                <th scope="col">大小</th>
                <th scope="col">来源</th>
                <th scope="col">时间</th>
              </tr>
            </thead>
            <tbody>
              {p.files.map((f) => (
                <tr>
                  <td>
                    <a href={adminFileUrl(p.id, f.id)} target="_blank" rel="noopener" safe>
                      {f.filename}
                    </a>
                  </td>
                  <td safe>{typeLabel(f.mime)}</td>
                  <td safe>{formatSize(f.size)}</td>
                  <td safe>{sourceLabel(f)}</td>
                  <td safe>{formatShanghai(f.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open ? <OfficeFileForm id={p.id} csrf={p.csrf} problems={[]} /> : ""}
    </section>
  );
}
