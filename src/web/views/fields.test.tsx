import { describe, expect, it } from "vitest";
import { Field } from "./fields";
import { FilterSelect } from "./filters";

const render = (el: JSX.Element) => String(el);

describe("the one form field", () => {
  it("links the hint and each error to the control, once, and marks a required field", () => {
    const html = render(
      <Field
        name="phone"
        label="联系电话"
        hint="手机或固定电话"
        required
        type="tel"
        value="12"
        problems={[
          { field: "phone", code: "invalid_phone", message: "电话号码格式不正确。" },
          { field: "phone", code: "invalid_phone", message: "电话号码格式不正确。" },
          { field: "email", code: "invalid_email", message: "别的字段。" },
        ]}
      />,
    );
    expect(html).toContain('<label for="phone">');
    expect(html).toContain("（必填）");
    expect(html).toContain('id="phone-hint"');
    expect(html).toContain('id="phone-error"');
    expect(html.split("电话号码格式不正确。").length - 1).toBe(1);
    expect(html).not.toContain("别的字段");
    expect(html).toMatch(/<input[^>]*aria-invalid="true"[^>]*aria-describedby="phone-hint phone-error"/);
    expect(html).toMatch(/<input[^>]*type="tel"[^>]*value="12"/);
  });

  it("never sends a password back, and escapes values", () => {
    expect(render(<Field name="password" label="密码" type="password" value="secret" />)).not.toContain(
      "secret",
    );
    expect(render(<Field name="t" label="标题" value={'"><script>'} />)).not.toContain('"><script>');
  });

  it("renders selects, radios and checkboxes with the current choice", () => {
    const choices = [
      { value: "a", label: "甲" },
      { value: "b", label: "乙" },
    ];
    expect(
      render(<Field as="select" name="s" label="选择" value="b" choices={choices} blank="（无）" />),
    ).toMatch(
      /<option value="">（无）<\/option><option value="a">甲<\/option><option value="b" selected>乙<\/option>/,
    );
    const boxes = render(
      <Field as="checkboxes" name="roles" label="角色" values={["a"]} choices={choices} />,
    );
    expect(render(<Field as="select" name="s" label="选择" value="a" choices={choices} disabled />)).toMatch(
      /<select id="s" name="s" disabled>/,
    );
    expect(boxes).toContain("<legend>");
    expect(boxes).toMatch(/id="roles-0"[^>]*value="a"[^>]*checked/);
    expect(boxes).not.toMatch(/id="roles-1"[^>]*checked/);
    const radios = render(<Field as="radios" name="r" label="类型" value="b" choices={choices} />);
    expect(radios).toMatch(/type="radio"[^>]*value="b"[^>]*checked/);
  });

  it("renders a file input with the types it accepts and no value; a date input with its value", () => {
    const file = render(
      <Field
        name="file"
        id="notice_file"
        field="notice"
        type="file"
        accept=".txt,text/plain"
        value="ignored"
        label="通知文件"
        problems={[{ field: "notice", code: "invalid_utf8", message: "不是有效的 UTF-8 编码。" }]}
      />,
    );
    expect(file).toContain('<label for="notice_file">');
    expect(file).toMatch(/<input id="notice_file" name="file" type="file"[^>]*accept=".txt,text\/plain"/);
    expect(file).not.toContain("ignored");
    expect(file).toMatch(/aria-describedby="notice_file-error"/);
    expect(render(<Field name="from" label="开始日期" type="date" value="2027-01-04" />)).toMatch(
      /<input id="from" name="from" type="date" value="2027-01-04"/,
    );
  });

  it("hides a label visually but keeps it for screen readers; bounds a date; groups choices", () => {
    const hidden = render(<Field name="route" id="route-a" label="甲局的复议途径" labelHidden value="x" />);
    expect(hidden).toContain('<label for="route-a" class="visually-hidden"><span>甲局的复议途径</span>');
    expect(render(<Field name="n" label="名称" />)).toContain('<label for="n"><span>');
    expect(render(<Field name="on" label="日期" type="date" min="2027-01-01" max="2027-12-31" />)).toMatch(
      /<input[^>]*type="date"[^>]*min="2027-01-01" max="2027-12-31"/,
    );
    const grouped = render(
      <Field
        as="select"
        name="h"
        label="承办人"
        value="b"
        blank="不变"
        choices={[]}
        groups={[{ label: "甲局", choices: [{ value: "b", label: "乙" }] }]}
      />,
    );
    expect(grouped).toMatch(
      /<option value="">不变<\/option><optgroup label="甲局"><option value="b" selected>乙<\/option><\/optgroup>/,
    );
  });

  it("takes several files when asked", () => {
    expect(render(<Field name="file" label="材料" type="file" multiple accept=".pdf" />)).toMatch(
      /<input id="file" name="file" type="file" accept=".pdf" multiple/,
    );
    expect(render(<Field name="file" label="材料" type="file" />)).not.toContain("multiple");
  });

  it("renders one checkbox labelled by its statement, with its error linked to it", () => {
    const box = render(
      <Field
        as="checkbox"
        name="declaration"
        label="本人承诺所提供的信息真实"
        checked
        problems={[{ field: "declaration", code: "declaration_required", message: "请确认承诺。" }]}
      />,
    );
    expect(box).toContain('<p class="field-error" id="declaration-error">请确认承诺。</p>');
    expect(box).toMatch(
      /<label class="checkbox" for="declaration"><input id="declaration" type="checkbox" name="declaration" value="yes" checked aria-invalid="true" aria-describedby="declaration-error"\/>/,
    );
    expect(box).toContain("<span>本人承诺所提供的信息真实</span>");
    expect(render(<Field as="checkbox" name="d" label="同意" />)).not.toMatch(/checked|aria-invalid/);
  });
});

describe("the list filter", () => {
  it("is the shared select whose first option means any", () => {
    const html = render(
      <FilterSelect
        name="kind"
        label="类别"
        all="全部"
        selected="b"
        options={[
          ["a", "甲"],
          ["b", "乙"],
        ]}
      />,
    );
    expect(html).toContain('<label for="f-kind"><span>类别</span>');
    expect(html).toMatch(
      /<select id="f-kind" name="kind"><option value="">全部<\/option><option value="a">甲<\/option><option value="b" selected>乙<\/option><\/select>/,
    );
  });
});
