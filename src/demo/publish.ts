// One demo item on the timeline, through the real publishing workflow with four eyes: drafted on the day it was
// formed, submitted (保密审查 scans it), approved the same afternoon, signed and published on the next working day.
import type { Deps } from "../deps";
import { type CurrentUser, findCurrentUser } from "../domains/accounts";
import { createItem, type ItemKind, performAction } from "../domains/publishing";
import { recordDemoReview } from "./normative";
import { type DemoCalendar, shanghaiAt, type Timeline } from "./timeline";

export interface DemoInterpretation {
  title: string;
  body: string;
  interpreter: string;
  form: "text" | "graphic" | "video" | "press_conference";
}

export interface DemoItemSpec {
  org: string;
  kind: ItemKind;
  title: string;
  body: string;
  /** Catalogue column codes of the issuing organisation (the kind's default column when absent). */
  nodes?: string[];
  doc?: string;
  /** 成文日期 (YYYY-MM-DD); published one or two working days later. */
  formed: string;
  topic?: string;
  keywords?: string;
  summary?: string;
  interpretation?: DemoInterpretation;
}

export interface DemoStaff {
  office: CurrentUser;
  clerk: CurrentUser;
  reviewer: CurrentUser;
  signer: CurrentUser;
  countyReviewer: CurrentUser;
  countySigner: CurrentUser;
}

export async function loadDemoStaff(deps: Deps): Promise<DemoStaff> {
  const names = {
    office: "demo-office",
    clerk: "demo-clerk",
    reviewer: "demo-reviewer",
    signer: "demo-signer",
    countyReviewer: "demo-county-reviewer",
    countySigner: "demo-county-signer",
  } as const;
  const out: Partial<DemoStaff> = {};
  for (const [key, username] of Object.entries(names)) {
    const user = await findCurrentUser(deps, username);
    if (!user) throw new Error(`demo user ${username} missing`);
    out[key as keyof DemoStaff] = user;
  }
  return out as DemoStaff;
}

/** The county government's office drafts with its own clerk; the office drafts for every other organisation. */
function crewFor(staff: DemoStaff, org: string) {
  return org === "gyx-zfb"
    ? { drafter: staff.clerk, reviewer: staff.reviewer, signer: staff.signer }
    : { drafter: staff.office, reviewer: staff.countyReviewer, signer: staff.countySigner };
}

/** Schedules the item's steps on the timeline; returns the publication date. */
export function scheduleItem(
  timeline: Timeline,
  cal: DemoCalendar,
  staff: DemoStaff,
  spec: DemoItemSpec,
  onPublished?: (id: string) => void,
): string {
  const crew = crewFor(staff, spec.org);
  const drafted = cal.onOrAfter(spec.formed);
  const publishedOn = cal.addWorkingDays(drafted, 1);
  let id = "";
  timeline.add(shanghaiAt(drafted, "09:20"), async (deps) => {
    const item = await createItem(deps, crew.drafter, {
      org: spec.org,
      kind: spec.kind,
      title: spec.title,
      body: spec.body,
      doc_number: spec.doc,
      formed_on: spec.formed,
      topic: spec.topic,
      keywords: spec.keywords,
      summary: spec.summary,
      ...(spec.nodes ? { catalog_nodes: spec.nodes } : {}),
    });
    id = item.id;
    // A 规范性文件 is released only after its legality review (规范性文件台账, src/demo/normative.ts).
    if (spec.kind === "normative") await recordDemoReview(deps, crew.drafter, item.id, drafted);
    if (spec.interpretation)
      await createItem(deps, crew.drafter, {
        org: spec.org,
        kind: "interpretation",
        interprets: item.id,
        formed_on: spec.formed,
        ...spec.interpretation,
      });
  });
  const step = (
    date: string,
    hhmm: string,
    who: CurrentUser,
    action: "submit" | "approve" | "sign" | "publish",
  ) =>
    timeline.add(shanghaiAt(date, hhmm), async (deps) => {
      await performAction(deps, who, id, { action });
      if (action === "publish") onPublished?.(id);
    });
  step(drafted, "10:05", crew.drafter, "submit");
  step(drafted, "15:30", crew.reviewer, "approve");
  step(publishedOn, "09:10", crew.signer, "sign");
  step(publishedOn, "09:40", crew.signer, "publish");
  return publishedOn;
}
