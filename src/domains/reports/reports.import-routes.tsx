// Routes of the table 二 figures' Excel import (reports.import.ts): the template and the upload, in the back office
// (/admin/reports/annual/figures/import: the columns explained, the template to download, the upload form that
// lists every bad cell by row and column) and through the JSON API (multipart field `file`).
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../deps";
import { AppError, type ErrorDetail } from "../../platform/errors";
import { shanghaiDateOf } from "../../platform/time";
import { sendAdminPage } from "../../web/admin-page";
import { requireUser } from "../../web/auth";
import { problemsOf } from "../../web/form-problems";
import type { AppInstance } from "../../web/types";
import { takeFlash } from "../../web/views/admin-layout";
import { Field } from "../../web/views/fields";
import { type CurrentUser, canAny } from "../accounts";
import {
  drainUpload,
  openUpload,
  readMultipartFields,
} from "../publishing/attachments/attachments.multipart";
import { FiguresResult } from "./reports.api";
import {
  FIGURES_COLUMNS,
  FIGURES_IMPORT_MAX_BYTES,
  FIGURES_TEMPLATE_NOTES,
  figuresTemplate,
  importFigures,
} from "./reports.import";
import { parseYear } from "./reports.service";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const PAGE = "/admin/reports/annual/figures/import";
const YearQuery = Type.Object({ year: Type.Optional(Type.String({ maxLength: 20 })) });

const templateName = (year: number) =>
  `attachment; filename="annual-report-figures-${year}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${year}年度报告表二数据模板.xlsx`)}`;

/** The uploaded file (one, at most the cap), or a 400 naming what is missing. */
async function uploadedFile(req: FastifyRequest) {
  const { files } = await (await openUpload(req)).bufferFiles({
    maxBytes: FIGURES_IMPORT_MAX_BYTES,
    maxFiles: 1,
  });
  const file = files[0];
  if (!file)
    throw new AppError("validation_failed", 400, "请选择文件。", [
      { field: "file", code: "file_missing", message: "请选择按模板填写的 Excel 或 CSV 文件。" },
    ]);
  return file;
}

function importPage(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  user: CurrentUser,
  year: number,
  p: { problems?: ErrorDetail[]; status?: number } = {},
) {
  const problems = p.problems ?? [];
  return sendAdminPage(
    deps,
    reply,
    {
      user,
      title: "导入表二数据",
      path: "/admin/reports/annual",
      status: p.status,
      flash: takeFlash(req),
    },
    <>
      <p class="meta" safe>
        {`${year} 年度政府信息公开工作年度报告表二中系统无法统计的数据：行政许可、行政处罚、行政强制的本年处理决定数量，行政事业性收费的本年收费金额，以及规章件数。可以在年度报告页面逐个机构录入，也可以按模板填写后一次导入多个机构。`}
      </p>
      {problems.length ? (
        <div class="error-summary" role="alert" tabindex="-1">
          <h2 safe>{`文件中有 ${problems.length} 处问题，未导入任何数据。请在原文件中修改后重新上传：`}</h2>
          <ul>
            {problems.map((x) => (
              <li safe>{x.message}</li>
            ))}
          </ul>
        </div>
      ) : (
        ""
      )}
      <section aria-labelledby="template-heading">
        <h2 id="template-heading">模板</h2>
        <p>
          <a href={`/admin/reports/annual/figures/template.xlsx?year=${year}`} safe>
            {`下载 ${year} 年度表二数据模板（Excel）`}
          </a>
        </p>
        <p safe>{`模板的列：${FIGURES_COLUMNS.map(([, label]) => label).join("、")}。`}</p>
        <ul>
          {FIGURES_TEMPLATE_NOTES.map((n) => (
            <li safe>{n}</li>
          ))}
        </ul>
      </section>
      <form
        method="post"
        action={`${PAGE}?year=${year}`}
        enctype="multipart/form-data"
        class="stack"
        aria-labelledby="upload-heading"
      >
        <input type="hidden" name="_csrf" value={reply.generateCsrf()} />
        <h2 id="upload-heading">上传</h2>
        <Field
          name="file"
          type="file"
          label="填写好的表二数据文件"
          required
          accept=".xlsx,.csv"
          hint={`Excel（.xlsx，第一个工作表）或 CSV（UTF-8 编码），不超过 ${FIGURES_IMPORT_MAX_BYTES / 1024 / 1024} MB。`}
          problems={problems.filter((x) => x.field === "file")}
        />
        <p>
          <button type="submit">导入</button>
        </p>
      </form>
      <p>
        <a href={`/admin/reports/annual?year=${year}`}>返回年度报告</a>
      </p>
    </>,
  );
}

export function registerFiguresImportRoutes(app: AppInstance, deps: Deps): void {
  const onResponse = async (req: FastifyRequest) => drainUpload(req);

  app.get(
    "/api/v1/reports/annual/:year/figures/template",
    {
      schema: {
        tags: ["reports"],
        operationId: "getAnnualReportFiguresTemplate",
        summary:
          "The Excel template of a year's table 二 figures: one row per organisation the user enters figures for, prefilled with what is entered, and a sheet explaining the columns",
        security: [{ bearerAuth: [] }],
        params: Type.Object({ year: Type.String({ maxLength: 20 }) }),
        produces: [XLSX],
      },
    },
    async (req, reply) => {
      const year = parseYear(deps, req.params.year);
      const data = await figuresTemplate(deps, requireUser(req), year);
      return reply
        .header("content-type", XLSX)
        .header("content-disposition", templateName(year))
        .header("cache-control", "no-store")
        .send(data);
    },
  );

  app.post(
    "/api/v1/reports/annual/:year/figures/import",
    {
      schema: {
        tags: ["reports"],
        operationId: "importAnnualReportFigures",
        summary:
          "Import table 二 figures of many organisations from the filled template (multipart field `file`, .xlsx or UTF-8 CSV, at most 2 MB): all or nothing, every bad cell in the 400 with field rows[N].column",
        security: [{ bearerAuth: [] }],
        consumes: ["multipart/form-data"],
        params: Type.Object({ year: Type.String({ maxLength: 20 }) }),
        response: {
          200: Type.Object({ year: Type.Integer(), imported: Type.Array(FiguresResult) }),
        },
      },
      onResponse,
    },
    async (req) => {
      try {
        const user = requireUser(req);
        parseYear(deps, req.params.year);
        if (!req.isMultipart())
          throw new AppError("validation_failed", 400, "请以 multipart/form-data 上传文件（字段 file）。", [
            { field: "file", code: "file_missing", message: "请上传按模板填写的 Excel 或 CSV 文件。" },
          ]);
        return await importFigures(deps, user, req.params.year, await uploadedFile(req));
      } finally {
        await drainUpload(req);
      }
    },
  );

  app.get(
    "/admin/reports/annual/figures/template.xlsx",
    { schema: { hide: true, querystring: YearQuery } },
    async (req, reply) => {
      const year = parseYear(deps, req.query.year ?? shanghaiDateOf(deps.clock.now()).slice(0, 4));
      const data = await figuresTemplate(deps, requireUser(req), year);
      return reply
        .header("content-type", XLSX)
        .header("content-disposition", templateName(year))
        .header("cache-control", "no-store")
        .send(data);
    },
  );

  app.get(PAGE, { schema: { hide: true, querystring: YearQuery } }, async (req, reply) => {
    const user = requireUser(req);
    if (!canAny(user, "report.figures"))
      throw new AppError(
        "role_not_allowed",
        403,
        "只有政务公开办（或本单位信息员）可以录入年度报告表二数据。",
      );
    const year = parseYear(
      deps,
      req.query.year ?? String(Number(shanghaiDateOf(deps.clock.now()).slice(0, 4)) - 1),
    );
    return importPage(deps, req, reply, user, year);
  });

  app.post(
    PAGE,
    {
      preValidation: readMultipartFields,
      onResponse,
      schema: { hide: true, querystring: YearQuery },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const year = parseYear(deps, req.query.year);
      try {
        const r = await importFigures(deps, user, year, await uploadedFile(req));
        req.session.set(
          "flash",
          `已导入 ${r.imported.length} 个机构的 ${year} 年度表二数据：${r.imported.map((x) => x.org_name).join("、")}。`,
        );
        return reply.redirect(`/admin/reports/annual?year=${year}`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500 || e.status === 403) throw e;
        return importPage(deps, req, reply, user, year, { problems: problemsOf(e), status: e.status });
      } finally {
        await drainUpload(req);
      }
    },
  );
}
