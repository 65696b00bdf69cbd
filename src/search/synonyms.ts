import { normalize } from "./tokenizer.js";

/**
 * Everyday words → the wording reports use, added to a query so that 行政官司输了几起 meets
 * 行政诉讼…败诉. Reports are formal; questions from chat are not.
 */
const REPORT_WORDING: ReadonlyArray<readonly [RegExp, string]> = [
  [/官司|打官司|告政府|被告/, "行政诉讼 应诉 案件"],
  [/输了|输过|打输|输/, "败诉 败诉率"],
  [/赢了|打赢|赢/, "胜诉"],
  [/上访|投诉|信访/, "信访 上访群众"],
  [/罚款|罚钱|罚了|处罚/, "行政处罚 立案查处 罚没 罚款金额"],
  [/败诉|胜诉/, "行政诉讼 应诉 案件"],
  [/不罚|免罚|轻微违法/, "免罚 轻微违法行为 免罚清单"],
  [/网上办|网上能办|网办|在线办/, "网上可办率 全程网办 网办"],
  [/开公司|办企业|新开企业|新企业/, "新设企业 企业登记 市场主体"],
  [/律师|法律顾问/, "法律顾问 律师 法律援助"],
  [/服刑|矫正/, "社区矫正 在册 矫正对象"],
  [/吵架|纠纷|闹矛盾|调解/, "矛盾纠纷 人民调解 化解"],
  [/移交|移送/, "移送 移送涉嫌犯罪案件"],
  [/公安|警察/, "公安机关 立案侦查"],
  [/普法|法治宣传|宣传法律/, "普法 法治宣传"],
  [/问题|不足|短板|差距|毛病/, "存在的问题 不足 短板 差距"],
  [/打算|计划|下一步|明年|今后|安排/, "下一步 工作计划 工作打算 工作安排"],
  [/领导.{0,4}(?:讲|汇报)法|述职.{0,2}法/, "述法"],
  [/执法证|持证/, "执法证 持证 执法人员"],
  [/开会学法|会前学/, "会前学法 学法"],
  [/挽回.{0,4}损失|损失/, "挽回损失"],
];

/** The query with report wording appended for the everyday words it contains. */
export function expandQuery(query: string): string {
  const text = normalize(query);
  const extra = REPORT_WORDING.filter(([pattern]) => pattern.test(text)).map(([, wording]) => wording);
  return extra.length ? `${query} ${extra.join(" ")}` : query;
}
