import { describe, expect, it } from "vitest";
import { addressKeepLength } from "./address-detector";
import { isNameToken } from "./name-detector";
import { scanPii } from "./scan";

const of = (kind: string, text: string) =>
  scanPii(text)
    .filter((f) => f.kind === kind)
    .map((f) => f.text);

describe("home addresses", () => {
  it("finds addresses down to the house after a residence cue or with unit and room", () => {
    expect(of("address", "当事人：张三，住址：固阳县金山镇阿拉塔路12号。")).toEqual([
      "固阳县金山镇阿拉塔路12号",
    ]);
    expect(of("address", "家住内蒙古自治区包头市固阳县金山镇兴固路阳光小区3号楼2单元501室")).toEqual([
      "内蒙古自治区包头市固阳县金山镇兴固路阳光小区3号楼2单元501室",
    ]);
    expect(of("address", "现住固阳县下湿壕镇大英图村3组15号，务农")).toEqual([
      "固阳县下湿壕镇大英图村3组15号",
    ]);
    expect(of("address", "邮寄地址：金山镇科技路8号2单元301室")).toEqual(["金山镇科技路8号2单元301室"]);
  });

  it("leaves office addresses, statute numbers and de-identified places alone", () => {
    expect(of("address", "地址：固阳县金山镇兴固路18号（县政府大楼）")).toEqual([]);
    expect(of("address", "办公地址：固阳县人民政府办公室，金山镇兴固路18号")).toEqual([]);
    expect(of("address", "住所：固阳县金山镇兴固路18号")).toEqual([]);
    expect(of("address", "国务院令第711号；固政发〔2020〕1号")).toEqual([]);
    expect(of("address", "被执行人位于某区某村23号的房屋")).toEqual([]);
    expect(of("address", "金山镇阳光小区5号楼供暖不达标")).toEqual([]);
    expect(of("address", "截至2023年底，全县共有低保对象12345户23456人")).toEqual([]);
  });

  it("cuts after the street, town or county when masking", () => {
    const a = "固阳县金山镇阿拉塔路12号3单元501室";
    expect(a.slice(0, addressKeepLength(a, "street"))).toBe("固阳县金山镇阿拉塔路");
    expect(a.slice(0, addressKeepLength(a, "town"))).toBe("固阳县金山镇");
    expect(a.slice(0, addressKeepLength(a, "county"))).toBe("固阳县");
    const v = "固阳县下湿壕镇大英图村3组15号";
    expect(v.slice(0, addressKeepLength(v, "street"))).toBe("固阳县下湿壕镇大英图村");
  });
});

describe("names in lists of people", () => {
  it("tells name-shaped words from others", () => {
    expect(["张三", "王建国", "欧阳娜娜", "李秀英"].every(isNameToken)).toBe(true);
    expect(["合计", "高中", "金山镇", "王某某", "张某", "张", "王建国家"].some(isNameToken)).toBe(false);
  });

  it("finds names in 姓名 columns, also names without a Han surname", () => {
    const table =
      "序号\t姓名\t性别\t金额\n1\t王建国\t男\t1200.00\n2\t巴特尔\t男\t900\n合计\t\t\t2100\n\n备注：张三丰无";
    expect(of("name", table)).toEqual(["王建国", "巴特尔"]);
    const md = "| 序号 | 户主姓名 | 人口 |\n|---|---|---|\n| 1 | 李秀英 | 3 |";
    expect(of("name", md)).toEqual(["李秀英"]);
  });

  it("finds names in fields, before IDs and phones, in salutations and under 名单 headings", () => {
    expect(of("name", "被处罚人：赵刚，男")).toEqual(["赵刚"]);
    expect(of("name", "申请人周丽 13812345678")).toEqual(["周丽"]);
    expect(of("name", "刘洋（身份证号：150222199001011231）")).toEqual(["刘洋"]);
    expect(of("name", "孙志强：\n  您好，您的申请已收悉。")).toEqual(["孙志强"]);
    const list =
      "2023年度优秀护林员名单\n（按姓氏笔画排序）\n一等奖：马超、何静、其其格\n二等奖：胡杰 林芳\n\n希望再接再厉。";
    expect(of("name", list)).toEqual(["马超", "何静", "其其格", "胡杰", "林芳"]);
  });

  it("finds a listed name again where it recurs in running text", () => {
    expect(of("name", "当事人：杨帆\n经查，当事人杨帆于2023年5月销售过期食品。")).toEqual(["杨帆", "杨帆"]);
  });

  it("does not read prose, contacts of offices or de-identified names as lists", () => {
    expect(of("name", "当事人的姓名、性别、年龄、职业等应当记明。")).toEqual([]);
    expect(of("name", "联系人：县政府办公室，电话0472-8121234")).toEqual([]);
    expect(of("name", "诉求人：刘某某（已作匿名处理）")).toEqual([]);
    expect(of("name", "群众王先生（电话：15847212345）反映路灯不亮")).toEqual([]);
    expect(of("name", "各镇、各部门报送名单\n请于5月前报送，逾期不候。")).toEqual([]);
  });
});
