import { describe, expect, it } from "vitest";
import { isCanonicalDocNumber, normaliseDocNumber } from "./doc-number";

describe("发文字号 normalisation (GB/T 9704-2012)", () => {
  it.each([
    ["固政发〔2020〕1号", "固政发〔2020〕1号"],
    ["固政发[2020]1号", "固政发〔2020〕1号"],
    ["固政发【2020】1号", "固政发〔2020〕1号"],
    ["固政发(2020)1号", "固政发〔2020〕1号"],
    ["固政发（2020）1号", "固政发〔2020〕1号"],
    ["固政办发〔2020〕第015号", "固政办发〔2020〕15号"],
    [" 固政发 〔２０２０〕 ３ 号 ", "固政发〔2020〕3号"],
    ["国办发〔2019〕54号", "国办发〔2019〕54号"],
    ["固政发[2021]7", "固政发〔2021〕7号"],
  ])("%s → %s", (raw, expected) => {
    expect(normaliseDocNumber(raw)).toEqual({ ok: true, value: expected });
    expect(isCanonicalDocNumber(expected)).toBe(true);
  });

  it.each(["2020年1号", "固政发〔20〕1号", "固政发〔2020〕0号", "固政发2020-1", "", "〔2020〕1号"])(
    "refuses %s",
    (raw) => {
      expect(normaliseDocNumber(raw).ok).toBe(false);
    },
  );
});
