import type { ErrorDetail } from "../../platform/errors";
import { formatShanghai } from "../../platform/time";
import { Field } from "../../web/views/fields";
import { CsrfField, ErrorSummary } from "../../web/views/layout";
import type { CatalogChange } from "./catalog.history";
import { UPDATE_RULES } from "./catalog.schemas";
import { type CatalogNode, nest, type TreeBranch, UPDATE_RULE_NAMES, updateRuleLabel } from "./catalog.tree";

// Back-office views of the catalogue: the editable tree, the add form, the node page's forms and history.

export const KIND_LABELS: Record<string, string> = { group: "分组", column: "栏目" };

export const SOURCE_LABELS: Record<string, string> = {
  art20: "条例第二十条",
  art21: "条例第二十一条",
  standard: "基层政务公开标准目录",
  key_project: "重大建设项目",
  interpretation: "政策解读",
  response: "回应关切",
  participation: "公众参与",
  basic: "公开基本栏目",
  custom: "自定义",
};

const CN_NUMBERS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const cnNumber = (n: number) =>
  n <= 10 ? (CN_NUMBERS[n] ?? String(n)) : n < 20 ? `十${CN_NUMBERS[n - 10]}` : String(n);

/**
 * The node's legal basis in words, short for the tree (条例第二十条第（一）项) or full for the node page
 * (the standard catalogue's own basis where it has one). Staff read this, not the node's code.
 */
export function legalBasisOf(n: Pick<CatalogNode, "code" | "source" | "standard">, full = false): string {
  const law = full ? "《中华人民共和国政府信息公开条例》" : "条例";
  if (n.source === "art20") {
    const item = /^art20-(\d+)$/.exec(n.code);
    return item ? `${law}第二十条第（${cnNumber(Number(item[1]))}）项` : `${law}第二十条`;
  }
  if (n.source === "art21") return `${law}第二十一条`;
  if (full && n.standard?.basis) return n.standard.basis;
  return SOURCE_LABELS[n.source] ?? "自定义";
}

const CHANGE_LABELS: Record<string, string> = {
  create: "新建",
  rename: "重命名",
  update: "修改",
  move: "移动",
  reorder: "调整顺序",
  archive: "归档",
  restore: "恢复",
};

const FIELD_LABELS: Record<string, string> = {
  code: "编码",
  name: "名称",
  kind: "类型",
  parent_id: "上级节点",
  parent_name: "上级节点",
  update_rule: "更新要求",
  update_days: "工作日数",
  description: "说明",
  archived: "已归档",
  position: "同级位置",
  seeded: "初始目录",
};

type Values = Record<string, string | undefined>;

function TextField(p: {
  id: string;
  label: string;
  hint?: string;
  problems: ErrorDetail[];
  values: Values;
  type?: "text";
}) {
  return <Field name={p.id} label={p.label} hint={p.hint} value={p.values[p.id]} problems={p.problems} />;
}

function RuleFields(p: { problems: ErrorDetail[]; values: Values }) {
  return (
    <>
      <Field
        as="select"
        name="update_rule"
        label="更新要求"
        value={p.values.update_rule}
        choices={UPDATE_RULES.map((r) => ({ value: r, label: UPDATE_RULE_NAMES[r] }))}
        problems={p.problems}
      />
      <TextField
        id="update_days"
        label="工作日数（仅限期更新）"
        hint="信息形成或者变更后多少个工作日内更新；《条例》第二十六条为20个工作日。"
        problems={p.problems}
        values={p.values}
      />
    </>
  );
}

function DescriptionField(p: { problems: ErrorDetail[]; values: Values }) {
  return (
    <Field
      as="textarea"
      name="description"
      label="说明（可选）"
      rows={3}
      value={p.values.description}
      problems={p.problems}
    />
  );
}

function ParentSelect(p: {
  label: string;
  choices: CatalogNode[];
  problems: ErrorDetail[];
  selected: string;
}) {
  return (
    <Field
      as="select"
      name="parent_id"
      label={p.label}
      value={p.selected}
      blank="（顶层）"
      choices={p.choices.map((n) => ({ value: n.id, label: `${"　".repeat(n.depth + 1)}${n.name}` }))}
      problems={p.problems}
    />
  );
}

/** Small POST forms, one per action, so every action works without JavaScript. */
export function ActionButton(p: {
  csrf: string;
  action: string;
  label: string;
  target: string;
  fields?: Record<string, string>;
}) {
  return (
    <form method="post" action={p.action} class="inline">
      <CsrfField token={p.csrf} />
      {Object.entries(p.fields ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class="link-button">
        <span safe>{p.label}</span>
        <span class="visually-hidden" safe>{`：${p.target}`}</span>
      </button>
    </form>
  );
}

function AdminBranch(p: {
  branch: TreeBranch;
  csrf: string;
  manage: boolean;
  first: boolean;
  last: boolean;
}) {
  const n = p.branch.node;
  const base = `/admin/catalog/nodes/${n.id}`;
  const active = p.branch.children.filter((c) => !c.node.archived);
  return (
    <li id={`node-${n.id}`}>
      <a href={base} safe>
        {n.name}
      </a>{" "}
      <span class="meta" safe>
        {`${KIND_LABELS[n.kind] ?? "栏目"} · 依据${legalBasisOf(n)} · ${updateRuleLabel(n.update_rule, n.update_days)}`}
      </span>
      {n.archived ? <strong> 已归档</strong> : ""}
      {p.manage ? (
        <span class="node-actions">
          {" "}
          {!n.archived && !p.first ? (
            <ActionButton
              csrf={p.csrf}
              action={`${base}/reorder`}
              label="上移"
              target={n.name}
              fields={{ direction: "up" }}
            />
          ) : (
            ""
          )}{" "}
          {!n.archived && !p.last ? (
            <ActionButton
              csrf={p.csrf}
              action={`${base}/reorder`}
              label="下移"
              target={n.name}
              fields={{ direction: "down" }}
            />
          ) : (
            ""
          )}{" "}
          <ActionButton
            csrf={p.csrf}
            action={`${base}/${n.archived ? "restore" : "archive"}`}
            label={n.archived ? "恢复" : "归档"}
            target={n.name}
          />
        </span>
      ) : (
        ""
      )}
      {p.branch.children.length ? (
        <AdminBranches branches={p.branch.children} csrf={p.csrf} manage={p.manage} active={active} />
      ) : (
        ""
      )}
    </li>
  );
}

function AdminBranches(p: { branches: TreeBranch[]; csrf: string; manage: boolean; active?: TreeBranch[] }) {
  const active = p.active ?? p.branches.filter((b) => !b.node.archived);
  return (
    <ul>
      {p.branches.map((b) => (
        <AdminBranch
          branch={b}
          csrf={p.csrf}
          manage={p.manage}
          first={active[0] === b}
          last={active[active.length - 1] === b}
        />
      ))}
    </ul>
  );
}

export function AdminCatalogTree(p: { nodes: CatalogNode[]; csrf: string; manage: boolean }) {
  if (p.nodes.length === 0) return <p>本机构尚无公开目录。</p>;
  return (
    <nav aria-label="公开目录" class="catalog-tree">
      <AdminBranches branches={nest(p.nodes)} csrf={p.csrf} manage={p.manage} />
    </nav>
  );
}

export function AddNodeForm(p: {
  csrf: string;
  orgCode: string;
  nodes: CatalogNode[];
  problems: ErrorDetail[];
  values: Values;
}) {
  const groups = p.nodes.filter((n) => n.kind === "group" && !n.inactive);
  return (
    <section aria-labelledby="add-node-title">
      <h2 id="add-node-title">添加目录节点</h2>
      <ErrorSummary title="目录节点未添加，请修改以下问题：" problems={p.problems} />
      <form method="post" action="/admin/catalog/nodes" class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="org" value={p.orgCode} />
        <ParentSelect
          label="上级分组"
          choices={groups}
          problems={p.problems}
          selected={p.values.parent_id ?? ""}
        />
        <TextField
          id="code"
          label="节点编码"
          hint="小写字母、数字或连字符，在本机构目录中唯一，例如 local-news。"
          problems={p.problems}
          values={p.values}
        />
        <TextField id="name" label="名称" problems={p.problems} values={p.values} />
        <Field
          as="select"
          name="kind"
          label="类型"
          value={p.values.kind === "group" ? "group" : "column"}
          choices={[
            { value: "column", label: "栏目（信息发布在栏目下）" },
            { value: "group", label: "分组（包含下级节点）" },
          ]}
          problems={p.problems}
        />
        <RuleFields problems={p.problems} values={p.values} />
        <DescriptionField problems={p.problems} values={p.values} />
        <button type="submit">添加节点</button>
      </form>
    </section>
  );
}

export function UpdateNodeForm(p: {
  csrf: string;
  node: CatalogNode;
  problems: ErrorDetail[];
  values: Values;
}) {
  return (
    <section aria-labelledby="update-node-title">
      <h2 id="update-node-title">修改名称和更新要求</h2>
      <ErrorSummary title="目录节点未修改，请修改以下问题：" problems={p.problems} />
      <form method="post" action={`/admin/catalog/nodes/${p.node.id}/update`} class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <TextField id="name" label="名称" problems={p.problems} values={p.values} />
        <RuleFields problems={p.problems} values={p.values} />
        <DescriptionField problems={p.problems} values={p.values} />
        <button type="submit">保存修改</button>
      </form>
    </section>
  );
}

export function MoveNodeForm(p: {
  csrf: string;
  node: CatalogNode;
  nodes: CatalogNode[];
  problems: ErrorDetail[];
  selected: string;
}) {
  // Offer every active group except the node and what lies beneath it (the service refuses those too).
  const below = new Set<string>([p.node.id]);
  for (const n of p.nodes) if (n.parent_id && below.has(n.parent_id)) below.add(n.id);
  const choices = p.nodes.filter((n) => n.kind === "group" && !n.inactive && !below.has(n.id));
  return (
    <section aria-labelledby="move-node-title">
      <h2 id="move-node-title">移动到其他分组</h2>
      <ErrorSummary title="目录节点未移动，请修改以下问题：" problems={p.problems} />
      <form method="post" action={`/admin/catalog/nodes/${p.node.id}/move`} class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <ParentSelect label="新的上级分组" choices={choices} problems={p.problems} selected={p.selected} />
        <button type="submit">移动</button>
      </form>
    </section>
  );
}

const describeValue = (k: string, v: unknown): string => {
  if (v === null || v === undefined) return "（无）";
  if (k === "kind") return KIND_LABELS[String(v)] ?? "栏目";
  if (k === "update_rule") return UPDATE_RULE_NAMES[v as keyof typeof UPDATE_RULE_NAMES] ?? String(v);
  if (typeof v === "boolean") return v ? "是" : "否";
  return String(v);
};

const describeSide = (side: Record<string, unknown> | null) =>
  side
    ? Object.entries(side)
        .filter(([k]) => k !== "parent_id" || !("parent_name" in side))
        .map(([k, v]) => `${FIELD_LABELS[k] ?? "其他"}：${describeValue(k, v)}`)
        .join("；")
    : "";

export function HistoryTable(p: { changes: CatalogChange[] }) {
  if (p.changes.length === 0) return <p>尚无变更记录。</p>;
  return (
    <div class="table-scroll" tabindex="0" role="region" aria-label="变更记录">
      <table>
        <caption class="visually-hidden">变更记录（最新的在前）</caption>
        <thead>
          <tr>
            <th scope="col">时间</th>
            <th scope="col">操作</th>
            <th scope="col">操作人</th>
            <th scope="col">变更前</th>
            <th scope="col">变更后</th>
          </tr>
        </thead>
        <tbody>
          {p.changes.map((c) => (
            <tr>
              <td class="mono" safe>
                {formatShanghai(c.at)}
              </td>
              <td safe>{CHANGE_LABELS[c.change] ?? "修改"}</td>
              <td safe>{c.actor_label}</td>
              <td safe>{describeSide(c.before)}</td>
              <td safe>{describeSide(c.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function NodeFacts(p: { node: CatalogNode; path: CatalogNode[] }) {
  const n = p.node;
  const s = n.standard;
  const rows: Array<[string, string]> = [
    ["位置", p.path.map((x) => x.name).join(" › ")],
    ["类型", KIND_LABELS[n.kind] ?? "栏目"],
    ["来源", SOURCE_LABELS[n.source] ?? "自定义"],
    ...(s ? [] : ([["公开依据", legalBasisOf(n, true)]] as Array<[string, string]>)),
    ["更新要求", updateRuleLabel(n.update_rule, n.update_days)],
    ["状态", n.archived ? "已归档" : n.inactive ? "上级已归档" : "使用中"],
    ...(n.description ? ([["说明", n.description]] as Array<[string, string]>) : []),
    ...(s
      ? ([
          ["公开事项", `${s.item_l1} / ${s.item_l2}`],
          ["公开内容", s.content],
          ["公开依据", s.basis],
          ["公开时限", s.time_limit],
          ["公开主体", s.subject],
          ["公开渠道和载体", s.channels],
          ["公开对象", s.audience],
          ["公开方式", s.mode],
          ["公开层级", s.level],
        ] as Array<[string, string]>)
      : []),
    // Staff need the code for the API and imports: last, and labelled.
    ["编码", n.code],
  ];
  return (
    <dl class="facts">
      {rows.map(([k, v]) => (
        <>
          <dt safe>{k}</dt>
          <dd safe>{v}</dd>
        </>
      ))}
    </dl>
  );
}
