import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, countRows, tokenFor } from "../../../../test/helpers/app";
import { describeEachDialect } from "../../../../test/helpers/db";
import { Session } from "../../../../test/helpers/forms";
import { DEMO_PASSWORD } from "../../../demo/seed";
import type { AppInstance } from "../../../web/types";
import {
  fakeExe,
  minimalPdf,
  minimalPng,
  multipartBody,
  type Part,
} from "../../publishing/attachments/attachments.test-helpers";

const ID = "110101199003074514";
const NUM: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** A JPEG-shaped file whose bytes carry the ID number in clear, as a photo's text layer or EXIF might. */
const idPhoto = () =>
  Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from(`JFIF ${ID} 王小明`, "utf8"),
    Buffer.alloc(2000, 0x20),
    Buffer.from([0xff, 0xd9]),
  ]);

function formFields(html: string) {
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
  const token = /name="check_token" value="([^"]+)"/.exec(html)![1]!;
  const m = /(.)加(.)等于几？/.exec(html)!;
  return { csrf, token, sum: String(NUM[m[1]!]! + NUM[m[2]!]!) };
}

/** The form in document order: CSRF first, the fields, the files, then the check and the declaration. */
function applyParts(html: string, files: Part[], over: Record<string, string> = {}): Part[] {
  const f = formFields(html);
  const before: Record<string, string> = {
    check_token: f.token,
    kind: "natural",
    name: "王小明",
    id_type: "resident_id",
    id_number: ID,
    phone: "13812345678",
    description: "申请公开固阳县2025年城乡低保资金发放情况。",
    delivery: "online",
    carrier: "electronic",
    ...over,
  };
  return [
    { name: "_csrf", value: f.csrf },
    ...Object.entries(before).map(([name, value]) => ({ name, value })),
    ...files,
    { name: "website", value: "" },
    { name: "check_answer", value: over.check_answer ?? f.sum },
    ...(over.declaration === "" ? [] : [{ name: "declaration", value: "yes" }]),
  ];
}

/** Every stored blob of the applicant-file store, read raw. */
async function allBlobs(root: string): Promise<Buffer[]> {
  const out: Buffer[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (e.name === "tmp") continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(await readFile(p));
    }
  };
  await walk(root);
  return out;
}

describeEachDialect(
  "applicants' supporting files (ID images): form, API, encryption, handlers only",
  (ctx) => {
    let app: AppInstance;
    let office: string;
    let clerk: string;
    beforeAll(async () => {
      app = await buildTestApp(ctx);
      office = await tokenFor(ctx, "demo-office");
      clerk = await tokenFor(ctx, "demo-clerk");
    });
    afterAll(async () => app?.close());

    const fileCount = async () =>
      Number(
        (
          await ctx.deps.db.kysely
            .selectFrom("application_files")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const idOf = async (code: string) =>
      (
        await app.inject({ url: `/api/v1/applications?tracking_code=${code}`, headers: bearer(office) })
      ).json().items[0].id as string;

    it("refuses bad files together with every other problem, storing nothing", async () => {
      const s = new Session(app);
      const page = await s.get("/hd/apply");
      expect(page.body).toContain('enctype="multipart/form-data"');
      expect(page.body).toContain('accept=".jpg,.jpeg,.png,.pdf"');
      const [rows, audit, blobs] = [
        await fileCount(),
        await countRows(ctx, "audit_log"),
        await allBlobs(root()),
      ];
      const bad = await s.postMultipart(
        "/hd/apply",
        applyParts(
          page.body,
          [
            { name: "file", filename: "身份证.jpg", data: fakeExe() },
            { name: "file", filename: "证明.docx", data: minimalPdf("证明") },
            {
              name: "file",
              filename: "大图.png",
              data: Buffer.concat([minimalPng(), Buffer.alloc(5 * 1024 * 1024)]),
            },
            { name: "file", filename: "第四个.png", data: minimalPng() },
          ],
          { name: "" },
        ),
      );
      expect(bad.statusCode).toBe(400);
      for (const m of [
        "“身份证.jpg”：只接受",
        "扩展名 .docx 与文件内容（PDF）不符",
        "“大图.png”超过 5 MB",
        "最多上传 3 个材料文件，本次选择了 4 个",
        "请填写申请人姓名或名称",
        "已选择的文件不会保留，请重新选择",
      ])
        expect(bad.body).toContain(m);
      expect(await fileCount()).toBe(rows);
      expect(await countRows(ctx, "audit_log")).toBe(audit);
      expect((await allBlobs(root())).length).toBe(blobs.length);
    });

    const root = () => join(ctx.deps.config.dataDir, "applicant-files");

    it("takes an ID image and a PDF with the online form; stores them encrypted, names included", async () => {
      const s = new Session(app);
      const page = await s.get("/hd/apply");
      const before = (await allBlobs(root())).length;
      const ok = await s.postMultipart(
        "/hd/apply",
        applyParts(page.body, [
          { name: "file", filename: "王小明身份证.jpg", contentType: "image/jpeg", data: idPhoto() },
          {
            name: "file",
            filename: "授权书.pdf",
            contentType: "application/pdf",
            data: minimalPdf(`授权 ${ID}`),
          },
        ]),
      );
      expect(ok.statusCode, ok.body.slice(0, 2000)).toBe(201);
      const code = /id="tracking-code">([^<]+)</.exec(ok.body)![1]!;
      const id = await idOf(code);
      const rows = await ctx.deps.db.kysely
        .selectFrom("application_files")
        .selectAll()
        .where("application_id", "=", id)
        .orderBy("position")
        .execute();
      expect(rows.map((r) => [r.position, r.mime, r.source])).toEqual([
        [1, "image/jpeg", "applicant"],
        [2, "application/pdf", "applicant"],
      ]);
      expect(JSON.stringify(rows)).not.toContain("王小明");
      const blobs = await allBlobs(root());
      expect(blobs.length).toBe(before + 2);
      for (const b of blobs) {
        expect(b.includes(Buffer.from(ID))).toBe(false);
        expect(b.subarray(0, 4).toString("latin1")).toBe("GKE1");
      }
      const audit = await ctx.deps.db.kysely.selectFrom("audit_log").select("summary").execute();
      expect(JSON.stringify(audit)).not.toContain("王小明身份证");
      expect(JSON.stringify(audit)).not.toContain(ID);

      // Handlers see the names and open the files (each opening audited); other roles are refused.
      const list = await app.inject({ url: `/api/v1/applications/${id}/files`, headers: bearer(office) });
      expect(list.json().files.map((f: { filename: string }) => f.filename)).toEqual([
        "王小明身份证.jpg",
        "授权书.pdf",
      ]);
      expect(
        (await app.inject({ url: `/api/v1/applications/${id}/files`, headers: bearer(clerk) })).statusCode,
      ).toBe(403);
      const fileId = list.json().files[0].id as string;
      const audits = await countRows(ctx, "audit_log");
      const got = await app.inject({
        url: `/api/v1/applications/${id}/files/${fileId}`,
        headers: bearer(office),
      });
      expect(got.statusCode).toBe(200);
      expect(got.headers["content-type"]).toBe("image/jpeg");
      expect(got.headers["cache-control"]).toBe("private, no-store");
      expect(got.rawPayload.equals(idPhoto())).toBe(true);
      expect(await countRows(ctx, "audit_log")).toBe(audits + 1);
      const last = await ctx.deps.db.kysely
        .selectFrom("audit_log")
        .select(["action", "actor_label"])
        .orderBy("seq", "desc")
        .executeTakeFirstOrThrow();
      expect(last).toEqual({
        action: "application.file.view",
        actor_label: expect.stringContaining("张公开"),
      });
      const denied = await app.inject({
        url: `/api/v1/applications/${id}/files/${fileId}`,
        headers: bearer(clerk),
      });
      expect(denied.statusCode).toBe(403);
      expect(
        (await app.inject({ url: `/api/v1/applications/${id}/files/nope`, headers: bearer(office) }))
          .statusCode,
      ).toBe(404);
      // Not on the public status page, not in the tracking API.
      const track = await app.inject(`/api/v1/applications/track?code=${code}&secret=x`);
      expect(track.body).not.toContain("身份证.jpg");
    });

    it("keeps a 5,000-character description whole next to a file, and refuses too many parts with the form", async () => {
      const s = new Session(app);
      const page = await s.get("/hd/apply");
      const long = `${"申请公开固阳县低保资金发放情况".repeat(400).slice(0, 4990)}（分镇统计表）。`;
      const ok = await s.postMultipart(
        "/hd/apply",
        applyParts(page.body, [{ name: "file", filename: "id.png", data: minimalPng() }], {
          description: long,
        }),
      );
      expect(ok.statusCode, ok.body.slice(0, 500)).toBe(201);
      const code = /id="tracking-code">([^<]+)</.exec(ok.body)![1]!;
      const row = await ctx.deps.db.kysely
        .selectFrom("applications")
        .select("description")
        .where("tracking_code", "=", code)
        .executeTakeFirstOrThrow();
      expect(row.description).toBe(long);

      const again = await s.get("/hd/apply");
      const many = Array.from({ length: 21 }, (_, i) => ({
        name: "file",
        filename: `p${i}.png`,
        data: minimalPng(),
      }));
      const refused = await s.postMultipart("/hd/apply", applyParts(again.body, many, { name: "赵多图" }));
      expect(refused.statusCode).toBe(413);
      expect(refused.body).toContain("一次最多上传");
      expect(refused.body).toContain('value="赵多图"'); // what was typed is kept
    });

    it("takes base64 attachments through the API and names a bad one", async () => {
      const body = {
        applicant: { type: "natural", name: "李四", id_number: ID, phone: "13812345678" },
        description: "申请公开金山镇2025年危房改造补助名单。",
        delivery: "online",
      };
      const rows = await fileCount();
      const bad = await app.inject({
        method: "POST",
        url: "/api/v1/applications",
        payload: {
          ...body,
          attachments: [
            { filename: "a.png", content_base64: "@@not base64@@" },
            { filename: "b.exe", content_base64: fakeExe().toString("base64") },
          ],
        },
      });
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json()
          .error.details.map((d: { code: string }) => d.code)
          .sort(),
      ).toEqual(["invalid_base64", "unsupported_type"]);
      expect(await fileCount()).toBe(rows);
      const ok = await app.inject({
        method: "POST",
        url: "/api/v1/applications",
        payload: {
          ...body,
          attachments: [{ filename: "licence.png", content_base64: minimalPng().toString("base64") }],
        },
      });
      expect(ok.statusCode, ok.body).toBe(201);
      const id = await idOf(ok.json().tracking_code);
      const list = (
        await app.inject({ url: `/api/v1/applications/${id}/files`, headers: bearer(office) })
      ).json();
      expect(list.files).toMatchObject([
        { filename: "licence.png", mime: "image/png", size: minimalPng().length },
      ]);
    });

    it("lets the office add scans in the back office until the reply, and shows them only to handlers", async () => {
      const intake = await app.inject({
        method: "POST",
        url: "/api/v1/applications/intake",
        headers: bearer(office),
        payload: {
          applicant: { type: "natural", name: "赵六", id_number: ID, address: "固阳县金山镇团结路1号" },
          description: "申请公开县城供热价格成本监审报告。",
          delivery: "post",
          channel: "letter",
          on: "2025-03-03",
        },
      });
      expect(intake.statusCode, intake.body).toBe(201);
      const id = intake.json().id as string;
      const s = new Session(app);
      await s.login("demo-office", DEMO_PASSWORD);
      const detail = await s.get(`/admin/applications/${id}`);
      expect(detail.body).toContain("申请人提交的材料");
      const csrf = /name="_csrf" value="([^"]+)"/.exec(detail.body)![1]!;
      const refused = await s.postMultipart(`/admin/applications/${id}/files`, [
        { name: "_csrf", value: csrf },
        { name: "file", filename: "letter.exe", data: fakeExe() },
      ]);
      expect(refused.statusCode).toBe(415);
      expect(refused.body).toContain("只接受");
      const up = await s.postMultipart(`/admin/applications/${id}/files`, [
        { name: "_csrf", value: csrf },
        { name: "file", filename: "来信扫描.pdf", data: minimalPdf("来信") },
      ]);
      expect(up.statusCode).toBe(303);
      const after = await s.get(`/admin/applications/${id}`);
      expect(after.body).toContain("来信扫描.pdf");
      expect(after.body).toContain("工作人员登记");
      const clerkSession = new Session(app);
      await clerkSession.login("demo-inspector", DEMO_PASSWORD);
      const inspector = await clerkSession.get(`/admin/applications/${id}`);
      expect(inspector.body).not.toContain("来信扫描.pdf");

      // Two uploads at once cannot pass the limit together, and positions stay unique.
      const six = () =>
        multipartBody(
          Array.from({ length: 6 }, (_, i) => ({ name: "file", filename: `s${i}.png`, data: minimalPng() })),
        );
      const [a, b] = await Promise.all(
        [six(), six()].map(({ payload, headers }) =>
          app.inject({
            method: "POST",
            url: `/api/v1/applications/${id}/files`,
            headers: { ...bearer(office), ...headers },
            payload,
          }),
        ),
      );
      expect([a!.statusCode, b!.statusCode].sort()).toEqual([201, 409]);
      const positions = (
        await ctx.deps.db.kysely
          .selectFrom("application_files")
          .select("position")
          .where("application_id", "=", id)
          .execute()
      ).map((r) => r.position);
      expect(positions.length).toBe(7);
      expect(new Set(positions).size).toBe(7);

      const replied = await app.inject({
        method: "POST",
        url: `/api/v1/applications/${id}/actions`,
        headers: bearer(office),
        payload: { action: "reply", on: "2025-03-10", outcome: "unable.not_held" },
      });
      expect(replied.statusCode, replied.body).toBe(200);
      const { payload, headers } = multipartBody([
        { name: "file", filename: "late.png", data: minimalPng() },
      ]);
      const locked = await app.inject({
        method: "POST",
        url: `/api/v1/applications/${id}/files`,
        headers: { ...bearer(office), ...headers },
        payload,
      });
      expect(locked.statusCode).toBe(409);
      expect(locked.json().error.code).toBe("files_locked");
    });
  },
);
