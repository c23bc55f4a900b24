import { describe, expect, it } from "vitest";
import { Problems } from "../../platform/errors";
import { checkApplicant } from "./applicant-checks";

const apply = (email: string) => ({
  applicant: { type: "natural" as const, name: "王小明", id_number: "110101199003074514", email },
  description: "申请公开低保资金发放情况。",
  delivery: "email" as const,
});

describe("the applicant's e-mail address", () => {
  it("takes one address, and refuses lists and bracketed forms the reply could be split across", () => {
    for (const ok of ["wxm@example.com", "a.b+c@mail.gyx.gov.cn", "张三@example.cn"]) {
      const p = new Problems();
      checkApplicant(apply(ok), p);
      expect(p.list, ok).toEqual([]);
    }
    for (const bad of ["a@x.com,b.cn", "a@x.com;b@y.cn", "王 <a@x.cn>", "a@-x.cn", "a@x", "a@x..cn"]) {
      const p = new Problems();
      checkApplicant(apply(bad), p);
      expect(
        p.list.map((x) => x.code),
        bad,
      ).toEqual(["invalid_email"]);
    }
  });
});
