// The demo county's materials catalogue (办事材料目录): each material once; items name them. `issuer` is the
// department that issues a government-issued material (the 减材料 report lists them); `blank`/`sample` are
// the titles of the blank form and filled sample generated as Word files.
import type { MaterialInput } from "../domains/services/services.materials";

export interface DemoMaterial extends MaterialInput {
  name: string;
  blank?: string;
  sample?: string;
}

const own = (name: string, standard: string, extra: Partial<DemoMaterial> = {}): DemoMaterial => ({
  name,
  necessity: "required",
  form: "paper",
  kind: "original",
  copies: 1,
  source: "applicant",
  standard,
  notes: "",
  basis: "",
  ...extra,
});
const issued = (name: string, issuer: string, standard: string, extra: Partial<DemoMaterial> = {}) =>
  own(name, standard, { source: "government", issuer, ...extra });
const form = (name: string, standard: string, extra: Partial<DemoMaterial> = {}) =>
  own(name, standard, {
    blank: `${name}（空白）`,
    sample: `${name}（填写示范）`,
    notes: "用黑色签字笔填写，不得涂改。",
    ...extra,
  });

export const DEMO_MATERIALS: DemoMaterial[] = [
  own("居民身份证", "在有效期内，与申请人本人一致。", { basis: "《中华人民共和国居民身份证法》" }),
  own("居民户口簿", "户口簿首页和本人页齐全，信息与身份证一致。"),
  own("近期免冠证件照片", "近 6 个月内 2 寸白底彩色照片。", { copies: 2 }),
  own("授权委托书", "委托人签字，写明委托事项和期限。", { necessity: "conditional", kind: "original" }),
  own("法定代表人身份证明", "加盖单位公章。"),
  own("经营场所使用证明", "房屋产权证明或租赁合同，租期不少于 1 年。", { kind: "copy" }),
  own("银行账户信息", "申请人本人名下的社会保障卡或银行卡。", { kind: "copy" }),
  own("家庭收入情况说明", "写明家庭成员及近 6 个月收入，由申请人签字。"),
  own("残疾人证", "第二代残疾人证，在有效期内。", { source: "third_party" }),
  own("施工合同", "发包方和承包方签章齐全。", { kind: "copy" }),
  own("环境影响报告表", "由具备能力的单位编制，附编制人员签字。", { source: "third_party" }),
  own("村民小组会议讨论意见", "到会人数过半，附会议记录和签名。"),
  own("学历证书", "国家承认的学历证书。", { kind: "original_and_copy" }),
  own("体检合格证明", "县级以上医院 6 个月内出具。", { source: "third_party" }),
  issued("出生医学证明", "gyx-wjw", "新生儿姓名已填写，与户口登记一致。", { kind: "original_and_copy" }),
  issued("结婚证", "gyx-mzj", "本人的结婚证，与身份证信息一致。", { kind: "original_and_copy" }),
  issued("营业执照", "gyx-scjgj", "在有效期内，经营范围与申请事项相符。", { kind: "copy" }),
  issued("不动产权证书", "gyx-zrzyj", "权利人与申请人一致，无查封抵押。", { kind: "copy" }),
  issued("健康证明", "gyx-wjw", "从业人员健康证明在有效期内。", { kind: "copy" }),
  issued("建设工程规划许可证", "gyx-zrzyj", "与施工图一致。", { kind: "copy" }),
  issued("企业投资项目备案证明", "gyx-fgw", "项目名称、规模与申请一致。", { kind: "copy" }),
  issued("社会保障卡", "gyx-rsj", "已激活金融功能。", { kind: "copy", necessity: "optional" }),
  form("出生医学证明首次签发申请表", "父母签名，新生儿信息完整。"),
  form("生育登记表", "夫妻双方签名，子女信息与出生医学证明一致。"),
  form("城乡居民基本医疗保险参保登记表", "参保人信息完整，监护人签名。"),
  form("社会保障卡申领登记表", "照片清晰，监护人代办的写明关系。"),
  form("个体工商户登记申请书", "经营者签名，经营范围按规范表述填写。"),
  form("食品经营许可申请书", "经营项目与场所布局图一致。"),
  form("公共场所卫生许可申请书", "卫生管理制度和从业人员名单齐全。"),
  form("最低生活保障申请书", "写明家庭困难原因，申请人签名。"),
  form("宅基地和建房（规划许可）申请表", "户主签名，四邻签字确认。"),
  form("城乡居民基本养老保险参保登记表", "参保人签名，缴费档次已勾选。"),
  form("失业保险金申领登记表", "原单位已出具解除劳动合同证明。"),
  form("企业设立登记申请书", "全体股东签字，住所信息真实。"),
  form("建筑工程施工许可申请表", "建设单位盖章，项目信息与规划许可一致。"),
  form("结婚登记声明书", "双方当场签名，不得代签。"),
  form("义务教育入学登记表", "监护人签名，住址与户口或居住证一致。"),
  form("老年人优待证申请表", "本人或家属签名。"),
];
