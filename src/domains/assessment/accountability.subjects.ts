// What an accountability record may point at, and where each lies in the back office. Domains that hold other
// cases (opinion cases, new-media accounts) register their type so the record links to them.

export interface SubjectKind {
  /** Chinese name of the kind of case, e.g. 依申请公开. */
  label: string;
  /** The back-office page of one case. */
  url(id: string): string;
}

const kinds = new Map<string, SubjectKind>([
  ["application", { label: "依申请公开", url: (id) => `/admin/applications/${encodeURIComponent(id)}` }],
  ["message", { label: "互动交流留言", url: (id) => `/admin/messages/${encodeURIComponent(id)}` }],
  ["item", { label: "政府信息", url: (id) => `/admin/items/${encodeURIComponent(id)}` }],
  ["assessment_run", { label: "考核", url: (id) => `/admin/assessment/runs/${encodeURIComponent(id)}` }],
  [
    "assessment_score",
    {
      label: "考核得分",
      // id: RUN/ORG/INDICATOR
      url: (id) => {
        const [run, org, indicator] = id.split("/");
        return `/admin/assessment/runs/${encodeURIComponent(run ?? "")}/orgs/${encodeURIComponent(org ?? "")}#ind-${encodeURIComponent(indicator ?? "")}`;
      },
    },
  ],
]);

export const SUBJECT_TYPE = /^[a-z][a-z0-9_]{0,39}$/;
export const SUBJECT_ID = /^[A-Za-z0-9_./:-]{1,120}$/;

/** Registers a kind of case (e.g. opinion_case) so records link to its page. */
export function registerAccountabilitySubject(type: string, kind: SubjectKind): void {
  if (!SUBJECT_TYPE.test(type)) throw new Error(`subject type must be snake_case: ${type}`);
  kinds.set(type, kind);
}

export const subjectKind = (type: string): SubjectKind | undefined => kinds.get(type);

/** A case as shown: its kind's label and its page; an unregistered type is shown without a link. */
export function presentSubject(s: { type: string; id: string }): {
  type: string;
  id: string;
  label: string;
  url: string | null;
} {
  const k = kinds.get(s.type);
  return { type: s.type, id: s.id, label: k?.label ?? s.type, url: k ? k.url(s.id) : null };
}

/** An assessment score as a subject id. */
export const scoreSubjectId = (runId: string, orgId: string, indicatorId: string) =>
  `${runId}/${orgId}/${indicatorId}`;
