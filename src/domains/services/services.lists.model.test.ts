import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors";
import { checkEntries, diffEntries, emptyEntry, type ListEntry } from "./services.lists.model";

const resolve = async (ref: string) => (ref === "150222-MZJ-XK-005" ? "item-1" : undefined);
const e = (over: Partial<ListEntry>): ListEntry => ({ ...emptyEntry(), ...over });

describe("list entries", () => {
  it("keeps only the fields of the list's kind and resolves the linked service item", async () => {
    const [power] = await checkEntries(
      "power",
      [
        {
          code: "XK-1",
          name: "社会团体成立登记",
          type: "行政许可",
          basis: "《社会团体登记管理条例》",
          body: "民政局",
          duties: "受理",
          accountability: "追责",
          category: "不属于权责清单",
          item: "150222-MZJ-XK-005",
        },
      ],
      resolve,
    );
    expect(power).toMatchObject({ code: "XK-1", type: "行政许可", category: "", item_id: "item-1" });
  });

  it("names every problem with the entry's position, and a repeated code", async () => {
    const err = await checkEntries(
      "public_service",
      [
        { code: "GG-1", name: "a", category: "c", basis: "b", object: "o", provider: "p" },
        { code: "GG-1", name: "", category: "", basis: "b", object: "o", provider: "p", item: "x" },
      ],
      resolve,
    ).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).details).toEqual([
      { field: "entries[1].name", code: "name_required", message: "第 2 项：请填写事项名称。" },
      { field: "entries[1].category", code: "category_required", message: "第 2 项：请填写服务类别。" },
      {
        field: "entries[1].item",
        code: "linked_item_not_found",
        message: "第 2 项：找不到实施清单编码或编号为“x”的在用政务服务事项。",
      },
      {
        field: "entries[1].code",
        code: "entry_code_repeated",
        message: "第 2 项：事项编码“GG-1”与前面的事项重复。",
      },
    ]);
  });

  it("diffs two versions by code: added, removed, and changed field by field (the item by name)", () => {
    const older = [
      e({ code: "A", name: "甲", type: "行政许可" }),
      e({ code: "B", name: "乙", item_id: "i1" }),
    ];
    const newer = [
      e({ code: "B", name: "乙", item_id: "i2", duties: "1.受理\n2.审查" }),
      e({ code: "C", name: "丙", type: "行政检查" }),
    ];
    const names: Record<string, string> = { i1: "旧事项", i2: "新事项" };
    const d = diffEntries("power", older, newer, (id) => (id ? (names[id] ?? "") : ""));
    expect(d.added.map((x) => x.code)).toEqual(["C"]);
    expect(d.removed.map((x) => x.code)).toEqual(["A"]);
    expect(d.changed).toEqual([
      {
        code: "B",
        name: "乙",
        fields: [
          { field: "duties", label: "责任事项", before: "", after: "1.受理\n2.审查" },
          { field: "item", label: "对应政务服务事项", before: "旧事项", after: "新事项" },
        ],
      },
    ]);
    expect(diffEntries("power", newer, newer)).toEqual({ added: [], removed: [], changed: [], unchanged: 2 });
  });
});
