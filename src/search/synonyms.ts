import { normalize } from "./segmenter.js";

/**
 * Everyday words → the wording reports use. One table serves retrieval (a query is widened with the
 * report wording of the words it contains, so 行政官司输了几起 meets 行政诉讼…败诉) and answering (a
 * sentence saying 败诉 covers a question saying 输). Reports are formal; questions from chat are not.
 */
const WORDINGS: ReadonlyArray<{ say: readonly string[]; reports: readonly string[] }> = [
  { say: ["官司", "打官司", "告政府"], reports: ["行政诉讼", "诉讼", "应诉"] },
  { say: ["输", "输了", "输过", "打输", "输掉"], reports: ["败诉"] },
  { say: ["赢", "赢了", "打赢"], reports: ["胜诉"] },
  { say: ["上访", "投诉", "信访"], reports: ["信访", "上访"] },
  { say: ["罚款", "罚钱", "处罚"], reports: ["行政处罚", "立案查处", "罚没", "罚款"] },
  { say: ["不罚", "免罚"], reports: ["免罚", "轻微违法"] },
  { say: ["网办", "网上办", "网上能办", "在线办", "能办"], reports: ["网上可办", "全程网办", "网办", "可办"] },
  { say: ["开公司", "办企业", "新开企业", "新企业", "开办企业", "新开"], reports: ["新设企业", "企业登记", "新设"] },
  { say: ["律师"], reports: ["法律顾问", "律师"] },
  { say: ["服刑", "矫正"], reports: ["社区矫正", "矫正对象"] },
  { say: ["吵架", "纠纷", "闹矛盾"], reports: ["矛盾纠纷", "调解"] },
  { say: ["移交"], reports: ["移送"] },
  { say: ["公安", "警察"], reports: ["公安机关", "公安"] },
  { say: ["普法"], reports: ["法治宣传", "普法"] },
  { say: ["问题", "不足", "短板", "差距", "毛病"], reports: ["不足", "短板", "问题", "差距"] },
  { say: ["打算", "计划", "下一步", "明年", "今后", "安排"], reports: ["下一步", "工作计划", "工作打算", "工作安排"] },
  { say: ["述职"], reports: ["述法"] },
  { say: ["执法证", "持证"], reports: ["执法证", "持证", "执法证件"] },
  { say: ["换证"], reports: ["换发", "换领", "换证"] },
  { say: ["会前学"], reports: ["会前学法"] },
  { say: ["损失"], reports: ["挽回损失", "损失"] },
  { say: ["复议"], reports: ["行政复议"] },
  { say: ["收到"], reports: ["受理", "接收"] },
  { say: ["受理"], reports: ["收到"] },
  { say: ["申请"], reports: ["案件"] },
  { say: ["案子"], reports: ["案件", "案卷"] },
  { say: ["老百姓", "百姓", "市民"], reports: ["群众"] },
  { say: ["出庭率"], reports: ["出庭应诉率"] },
  { say: ["考试"], reports: ["考法", "考试"] },
  { say: ["备案"], reports: ["报备"] },
  { say: ["审核"], reports: ["审查"] },
  { say: ["审查"], reports: ["审核"] },
  { say: ["合法性审核"], reports: ["合法性审查"] },
  { say: ["合法性审查"], reports: ["合法性审核"] },
  { say: ["培育"], reports: ["培训", "培养"] },
  { say: ["比例", "比率"], reports: ["占比", "率"] },
  { say: ["法律援助"], reports: ["法援"] },
  { say: ["办事"], reports: ["政务服务", "办件"] },
  { say: ["奖项", "获奖", "荣誉", "表彰"], reports: ["奖", "荣获", "称号", "表彰"] },
  { say: ["获得"], reports: ["获", "荣获"] },
];

const BY_WORD = new Map<string, string[]>();
for (const { say, reports } of WORDINGS) {
  for (const word of say) BY_WORD.set(word, [...(BY_WORD.get(word) ?? []), ...reports.filter((r) => r !== word)]);
}

/** The report wordings of one word (a jieba token of a question); [] when it has none. */
export function reportWordings(word: string): string[] {
  return BY_WORD.get(word) ?? [];
}

/** The query with report wording appended for the everyday words it contains. */
export function expandQuery(query: string): string {
  const text = normalize(query);
  const extra = new Set<string>();
  for (const { say, reports } of WORDINGS) {
    if (!say.some((word) => text.includes(word))) continue;
    for (const r of reports) if (!text.includes(r)) extra.add(r);
  }
  return extra.size ? `${query} ${[...extra].join(" ")}` : query;
}
