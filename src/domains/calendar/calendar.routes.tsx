import { Type } from "@sinclair/typebox";
import type { Deps } from "../../deps";
import { AppError } from "../../platform/errors";
import { authorizeAny, requireUser } from "../../web/auth";
import type { AppInstance } from "../../web/types";
import { actorOf } from "../accounts";
import { getSite, resolveSite, type SiteRequest } from "../orgs";
import { registerCalendarAdmin } from "./calendar.admin-routes";
import { registerCalendarPages } from "./calendar.pages";
import { authoriseCalendarChange } from "./calendar.policy";
import {
  AddWorkingDaysQuery,
  AddWorkingDaysView,
  ClockChangeView,
  ClosureBody,
  ClosureChangedView,
  ClosureView,
  DayView,
  IsWorkingDayQuery,
  NoticeBody,
  NoticeImportedView,
  YearParams,
  YearSourceView,
  YearView,
} from "./calendar.schemas";
import {
  addClosure,
  deleteClosure,
  explainWorkingDays,
  importNotice,
  listClockChanges,
  listClosures,
  listCoveredYears,
  loadCalendar,
  provisionalYearSource,
} from "./index";

const tags = ["calendar"];

/** The request's site calendar (its closures too), or the platform-wide one before any site exists. */
async function siteCalendar(deps: Deps, req: SiteRequest) {
  const site = await resolveSite(deps, req).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "site_not_found") return undefined;
    throw e;
  });
  return loadCalendar(deps, site?.id ?? null);
}

/** The calendar's JSON API, back-office page and public page. */
export function registerCalendarRoutes(app: AppInstance, deps: Deps): void {
  app.get(
    "/api/v1/calendar/working-days/add",
    {
      schema: {
        tags,
        summary: "The nth working day after a date (the date itself not counted), with how it was counted",
        querystring: AddWorkingDaysQuery,
        response: { 200: AddWorkingDaysView },
      },
    },
    async (req) => explainWorkingDays(await siteCalendar(deps, req), req.query.date, req.query.n),
  );

  app.get(
    "/api/v1/calendar/is-working-day",
    {
      schema: {
        tags,
        summary: "Whether a date is a working day, and what kind of day it is",
        querystring: IsWorkingDayQuery,
        response: { 200: DayView },
      },
    },
    async (req) => {
      const day = (await siteCalendar(deps, req)).dayInfo(req.query.date);
      return {
        date: day.date,
        working: day.working,
        kind: day.kind,
        ...(day.name ? { name: day.name } : {}),
      };
    },
  );

  app.get(
    "/api/v1/calendar/years/:year",
    {
      schema: {
        tags,
        summary: "A year's month grids and where its holiday data comes from",
        params: YearParams,
        response: { 200: YearView },
      },
    },
    async (req) => {
      const { year } = req.params;
      const cal = await siteCalendar(deps, req);
      const source =
        (await listCoveredYears(deps)).find((y) => y.year === year) ?? provisionalYearSource(cal, year);
      if (!source) {
        throw new AppError(
          "calendar_year_missing",
          404,
          `尚未录入${year}年的节假日安排（国务院办公厅通知）。`,
        );
      }
      const months = Array.from({ length: 12 }, (_, i) => ({
        month: i + 1,
        days: cal.monthGrid(year, i + 1),
      }));
      return { year, source, months };
    },
  );

  app.get(
    "/api/v1/calendar/notices",
    {
      schema: {
        tags,
        summary: "Years covered by the calendar and their source (bundled package data or an entered notice)",
        response: { 200: Type.Object({ items: Type.Array(YearSourceView) }) },
      },
    },
    async () => ({ items: await listCoveredYears(deps) }),
  );

  app.post(
    "/api/v1/calendar/notices",
    {
      schema: {
        tags,
        summary: "Enter (or replace) a year's State Council holiday notice; recomputes every open deadline",
        security: [{ bearer: [] }],
        body: NoticeBody,
        response: { 201: NoticeImportedView },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      await authoriseCalendarChange(deps, user, null);
      const r = await importNotice(deps, actorOf(user), req.body);
      return reply.status(201).send({ ...r.notice, replaced: r.replaced, recomputed: r.recomputed });
    },
  );

  app.get(
    "/api/v1/calendar/closures",
    {
      schema: {
        tags,
        summary: "Local closures (停止办公) of the site and platform-wide ones",
        response: { 200: Type.Object({ items: Type.Array(ClosureView) }) },
      },
    },
    async (req) => {
      const site = await resolveSite(deps, req);
      return { items: await listClosures(deps, site.id) };
    },
  );

  app.post(
    "/api/v1/calendar/closures",
    {
      schema: {
        tags,
        summary: "Declare a local closure (one date, dates, or from/to); recomputes every open deadline",
        security: [{ bearer: [] }],
        body: ClosureBody,
        response: { 201: ClosureChangedView },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const { site_code, ...closure } = req.body;
      const siteId = site_code ? (await getSite(deps, site_code)).id : null;
      await authoriseCalendarChange(deps, user, siteId);
      return reply.status(201).send(await addClosure(deps, actorOf(user), closure, siteId));
    },
  );

  app.delete(
    "/api/v1/calendar/closures/:id",
    {
      schema: {
        tags,
        summary: "Withdraw a local closure; recomputes every open deadline",
        security: [{ bearer: [] }],
        params: Type.Object({ id: Type.String({ maxLength: 60 }) }),
        response: { 200: ClosureChangedView },
      },
    },
    async (req) => {
      const user = requireUser(req);
      authorizeAny(user, "calendar.manage");
      return deleteClosure(deps, actorOf(user), req.params.id, (row) =>
        authoriseCalendarChange(deps, user, row.site_id),
      );
    },
  );

  app.get(
    "/api/v1/calendar/changes",
    {
      schema: {
        tags,
        summary: "Recent due-date changes of statutory clocks, newest first",
        security: [{ bearer: [] }],
        querystring: Type.Object({
          cause: Type.Optional(Type.Union([Type.Literal("calendar"), Type.Literal("event")])),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(ClockChangeView) }) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      authorizeAny(user, "calendar.manage");
      const { cause, limit } = req.query;
      return { items: await listClockChanges(deps, { cause, limit, siteId: user.siteId }) };
    },
  );

  registerCalendarAdmin(app, deps);
  registerCalendarPages(app, deps);
}
