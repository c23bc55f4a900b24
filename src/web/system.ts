import { Type } from "@sinclair/typebox";
import { sql } from "kysely";
import type { Deps } from "../deps";
import { AppError } from "../platform/errors";
import type { AppInstance } from "./types";

export function registerSystemRoutes(app: AppInstance, deps: Deps): void {
  app.get(
    "/healthz",
    {
      config: { clientLimit: "none" },
      schema: { hide: true },
    },
    async (_req, reply) => {
      try {
        await sql`select 1`.execute(deps.db.kysely);
      } catch {
        throw new AppError("database_unavailable", 503, "数据库暂时无法访问。");
      }
      return reply.type("application/json; charset=utf-8").send({ status: "ok" });
    },
  );

  app.get("/api/v1/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  app.get(
    "/api/v1",
    { schema: { hide: true, response: { 200: Type.Object({ openapi: Type.String() }) } } },
    async () => ({
      openapi: "/api/v1/openapi.json",
    }),
  );
}
