// Curated wording data, maintained by hand. Add entries here (with the source of the rule in a comment)
// rather than in code. Misspellings are literal strings, matched anywhere, so every entry must be a string
// that is wrong in every context.

export interface SeriousError {
  wrong: string;
  right: string;
}

/** Misspelled names and titles of state leaders, state bodies and fixed political formulations. */
export const SERIOUS_ERRORS: readonly SeriousError[] = [
  // Leaders' names and titles (the national website checks count these as 严重错误).
  { wrong: "习近乎", right: "习近平" },
  { wrong: "习进平", right: "习近平" },
  { wrong: "习近凭", right: "习近平" },
  { wrong: "习近萍", right: "习近平" },
  { wrong: "席近平", right: "习近平" },
  { wrong: "习近平总理", right: "习近平总书记" },
  { wrong: "总书计", right: "总书记" },
  { wrong: "总书纪", right: "总书记" },
  { wrong: "总数记", right: "总书记" },
  { wrong: "国家主习", right: "国家主席" },
  { wrong: "国家住席", right: "国家主席" },
  { wrong: "国务院总里", right: "国务院总理" },
  { wrong: "国务院副总里", right: "国务院副总理" },
  // State bodies.
  { wrong: "中华人民共合国", right: "中华人民共和国" },
  { wrong: "中华人名共和国", right: "中华人民共和国" },
  { wrong: "中化人民共和国", right: "中华人民共和国" },
  { wrong: "中华人民共和图", right: "中华人民共和国" },
  { wrong: "中国共产档", right: "中国共产党" },
  { wrong: "中国工产党", right: "中国共产党" },
  { wrong: "全国人民代表大汇", right: "全国人民代表大会" },
  { wrong: "全国人民代表大会常委委员会", right: "全国人民代表大会常务委员会" },
  { wrong: "政治协商会义", right: "政治协商会议" },
  { wrong: "国务院办工厅", right: "国务院办公厅" },
  { wrong: "中央记委", right: "中央纪委" },
  { wrong: "人民正府", right: "人民政府" },
  { wrong: "人民政付", right: "人民政府" },
  // Fixed formulations.
  { wrong: "中国特色社会主意", right: "中国特色社会主义" },
  { wrong: "社会主义核心价值关", right: "社会主义核心价值观" },
  { wrong: "牢记始命", right: "牢记使命" },
  { wrong: "牢记史命", right: "牢记使命" },
  { wrong: "不忘初衷、牢记使命", right: "不忘初心、牢记使命" },
  { wrong: "毛泽东思相", right: "毛泽东思想" },
  { wrong: "邓小平里论", right: "邓小平理论" },
  { wrong: "科学发展关", right: "科学发展观" },
  { wrong: "马克斯主义", right: "马克思主义" },
  { wrong: "马克斯列宁主义", right: "马克思列宁主义" },
];

export interface RenamedAgency {
  old: string;
  current: string;
  /** The reform that renamed it. */
  since: string;
  /** Characters that, right before `old`, show it is part of the new name (文化和旅游局 ⊃ 旅游局). */
  notAfter?: string;
  /** Characters that, right after `old`, make it another word (环境保护部门 is a generic phrase). */
  notBefore?: string;
}

const R2018 = "2018年机构改革";

/** Agency names changed by the 2018 institutional reform (and 2021 for poverty alleviation offices). */
export const RENAMED_AGENCIES: readonly RenamedAgency[] = [
  { old: "国土资源局", current: "自然资源局", since: R2018 },
  { old: "国土资源厅", current: "自然资源厅", since: R2018 },
  { old: "国土资源部", current: "自然资源部", since: R2018, notBefore: "门" },
  { old: "国土局", current: "自然资源局", since: R2018 },
  { old: "城乡规划局", current: "自然资源局", since: R2018 },
  { old: "环境保护局", current: "生态环境局", since: R2018, notAfter: "态" },
  { old: "环境保护厅", current: "生态环境厅", since: R2018, notAfter: "态" },
  { old: "环境保护部", current: "生态环境部", since: R2018, notAfter: "态", notBefore: "门" },
  { old: "环保局", current: "生态环境局", since: R2018 },
  { old: "卫生和计划生育委员会", current: "卫生健康委员会", since: R2018 },
  { old: "卫生计生委", current: "卫生健康委", since: R2018 },
  { old: "卫计委", current: "卫健委", since: R2018 },
  { old: "卫生计生局", current: "卫生健康局", since: R2018 },
  { old: "卫计局", current: "卫健局", since: R2018 },
  { old: "工商行政管理局", current: "市场监督管理局", since: R2018 },
  { old: "工商局", current: "市场监督管理局", since: R2018 },
  { old: "食品药品监督管理局", current: "市场监督管理局", since: R2018 },
  { old: "食药监局", current: "市场监督管理局", since: R2018 },
  { old: "质量技术监督局", current: "市场监督管理局", since: R2018 },
  { old: "质监局", current: "市场监督管理局", since: R2018 },
  { old: "安全生产监督管理局", current: "应急管理局", since: R2018 },
  { old: "安监局", current: "应急管理局", since: R2018 },
  { old: "地方税务局", current: "税务局", since: R2018 },
  { old: "地税局", current: "税务局", since: R2018 },
  { old: "国税局", current: "税务局", since: R2018 },
  { old: "公安消防支队", current: "消防救援支队", since: R2018 },
  { old: "公安消防大队", current: "消防救援大队", since: R2018 },
  { old: "监察局", current: "监察委员会", since: R2018 },
  { old: "法制办公室", current: "司法局", since: R2018 },
  { old: "旅游局", current: "文化和旅游局", since: R2018, notAfter: "和化" },
  { old: "文化广电新闻出版局", current: "文化和旅游局", since: R2018 },
  { old: "农业局", current: "农业农村局", since: R2018 },
  { old: "林业局", current: "林业和草原局", since: R2018 },
  { old: "粮食局", current: "粮食和物资储备局", since: R2018 },
  { old: "扶贫开发办公室", current: "乡村振兴局", since: "2021年机构改革" },
  { old: "扶贫办", current: "乡村振兴局", since: "2021年机构改革" },
];
