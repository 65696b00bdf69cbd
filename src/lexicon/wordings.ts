import { normalize } from "../search/segmenter.js";

/**
 * Everyday words → the wording reports use. One table serves retrieval (a query is widened with the
 * report wording of the words it contains, so 行政官司输了几起 meets 行政诉讼…败诉) and answering (a
 * sentence saying 败诉 covers a question saying 输). Reports are formal; questions from chat are not.
 */
const WORDINGS: ReadonlyArray<{ say: readonly string[]; reports: readonly string[] }> = [
  // Lawsuits against the government and who appears in court.
  { say: ["官司", "打官司", "告政府", "当被告", "被告", "被起诉", "民告官"], reports: ["行政诉讼", "诉讼", "应诉", "被告"] },
  { say: ["起诉", "上诉"], reports: ["提起诉讼", "诉讼"] },
  { say: ["告", "起诉政府"], reports: ["被告"] },
  { say: ["行政诉讼"], reports: ["应诉", "被告"] },
  { say: ["出庭", "领导出庭", "一把手出庭"], reports: ["出庭应诉", "负责人出庭"] },
  { say: ["输", "输了", "输过", "打输", "输掉"], reports: ["败诉"] },
  { say: ["赢", "赢了", "打赢"], reports: ["胜诉"] },
  { say: ["复议"], reports: ["行政复议"] },
  { say: ["收到"], reports: ["受理", "接收"] },
  { say: ["受理"], reports: ["收到"] },
  { say: ["申请"], reports: ["案件"] },
  { say: ["案件"], reports: ["申请"] },
  { say: ["案子"], reports: ["案件", "案卷"] },
  { say: ["上访", "投诉", "信访"], reports: ["信访", "上访"] },
  // Documents and decisions.
  { say: ["红头文件", "政府文件", "文件制定"], reports: ["规范性文件", "行政规范性文件"] },
  { say: ["备案"], reports: ["报备"] },
  { say: ["审", "审了"], reports: ["审查", "审核", "审理"] },
  { say: ["审核"], reports: ["审查"] },
  { say: ["审查"], reports: ["审核"] },
  { say: ["合法性审核"], reports: ["合法性审查"] },
  { say: ["合法性审查"], reports: ["合法性审核"] },
  { say: ["法律审查", "法制审查"], reports: ["合法性审查", "合法性审核", "法制审核"] },
  { say: ["大事", "重大决策", "决策"], reports: ["重大行政决策", "决策"] },
  // Enforcement.
  { say: ["罚款", "罚钱", "处罚"], reports: ["行政处罚", "立案查处", "罚没", "罚款"] },
  { say: ["罚", "罚了", "被罚"], reports: ["罚款", "处罚", "罚没"] },
  { say: ["不罚", "免罚"], reports: ["免罚", "轻微违法"] },
  { say: ["移交"], reports: ["移送"] },
  { say: ["查出", "查出来", "查到", "找出"], reports: ["发现", "查处", "查出"] },
  { say: ["履职"], reports: ["履行职责", "履行法定职责", "履职"] },
  { say: ["执法证", "持证"], reports: ["执法证", "持证", "执法证件"] },
  { say: ["换证"], reports: ["换发", "换领", "换证"] },
  { say: ["执法人员", "执法队伍"], reports: ["执法人员", "执法队伍", "执法证"] },
  { say: ["抽查", "随机检查", "双随机"], reports: ["双随机、一公开", "抽查"] },
  { say: ["联合检查", "一起查", "联合执法"], reports: ["联合检查", "联合抽查"] },
  { say: ["案卷", "卷宗"], reports: ["案卷评查", "案卷", "卷"] },
  { say: ["纠错", "改错", "纠偏"], reports: ["纠正", "撤销", "纠错"] },
  { say: ["领证", "发证", "办证"], reports: ["申领", "换领", "执法证", "办证"] },
  { say: ["公安", "警察"], reports: ["公安机关", "公安"] },
  { say: ["犯罪", "刑事"], reports: ["犯罪", "刑事", "涉嫌"] },
  { say: ["损失"], reports: ["挽回损失", "损失"] },
  // Services to the public.
  {
    say: ["网上", "网办", "网上办", "网上办事", "网上能办", "在线办", "能办", "线上办"],
    reports: ["网上可办", "全程网办", "网办", "可办"],
  },
  { say: ["办事大厅", "大厅", "服务大厅", "办事窗口", "窗口"], reports: ["政务服务中心", "政务服务", "窗口"] },
  { say: ["办事", "审批"], reports: ["政务服务", "办件", "审批"] },
  { say: ["提速", "加快", "变快"], reports: ["提速", "压缩", "时限"] },
  { say: ["放权", "下放"], reports: ["简政放权", "下放", "放管服"] },
  { say: ["开公司", "办企业", "新开企业", "新企业", "开办企业", "新开"], reports: ["新设企业", "企业登记", "新设"] },
  { say: ["公司", "商户"], reports: ["企业", "市场主体"] },
  { say: ["营商"], reports: ["营商环境"] },
  { say: ["老百姓", "百姓", "市民"], reports: ["群众"] },
  { say: ["公职人员", "公务人员", "机关干部", "工作人员"], reports: ["国家工作人员", "工作人员", "干部"] },
  { say: ["免费", "白送", "不要钱"], reports: ["免费", "赠送", "免收"] },
  { say: ["省钱", "省了", "节省", "省下"], reports: ["节约", "节省"] },
  { say: ["满意度"], reports: ["满意率", "满意度"] },
  { say: ["透明", "信息公开"], reports: ["政务公开", "信息公开", "公开"] },
  { say: ["数字化", "信息化", "智慧", "网上平台", "线上"], reports: ["数字", "信息化", "平台"] },
  // Legal services, mediation, education.
  { say: ["律师"], reports: ["法律顾问", "律师"] },
  { say: ["村律师", "驻村律师", "村居律师", "驻村", "村居"], reports: ["法律顾问", "村(社区)", "村居"] },
  { say: ["法律援助"], reports: ["法援"] },
  { say: ["服刑", "矫正"], reports: ["社区矫正", "矫正对象"] },
  { say: ["吵架", "纠纷", "闹矛盾", "矛盾"], reports: ["矛盾纠纷", "调解", "纠纷"] },
  { say: ["调解", "调处", "化解"], reports: ["调解", "调处", "化解"] },
  { say: ["普法", "法治宣传", "宣传"], reports: ["法治宣传", "普法", "宣传"] },
  { say: ["考试"], reports: ["考法", "考试"] },
  { say: ["会前学"], reports: ["会前学法"] },
  { say: ["学法", "学习法律"], reports: ["学法", "学习"] },
  { say: ["培育", "培养"], reports: ["培训", "培养", "培育"] },
  { say: ["述职"], reports: ["述法"] },
  // Leadership, organisation, people.
  { say: ["一把手", "主要领导", "党政一把手", "主要负责人"], reports: ["主要负责人", "第一责任人", "主要负责同志"] },
  { say: ["领导干部", "干部"], reports: ["领导干部", "关键少数", "干部"] },
  { say: ["人手", "编制", "人少", "力量不够", "力量不足"], reports: ["人员", "力量", "专人专编", "配备"] },
  { say: ["考核", "考评"], reports: ["考核", "考评"] },
  { say: ["人大建议", "代表建议", "建议"], reports: ["人大代表建议", "建议"] },
  { say: ["提案", "政协提案"], reports: ["政协委员提案", "提案"] },
  // Words of parts and measures.
  { say: ["问题", "不足", "短板", "差距", "毛病"], reports: ["不足", "短板", "问题", "差距"] },
  { say: ["打算", "计划", "下一步", "明年", "今后", "安排"], reports: ["下一步", "工作计划", "工作打算", "工作安排"] },
  { say: ["出庭率"], reports: ["出庭应诉率"] },
  { say: ["比例", "比率"], reports: ["占比", "率"] },
  { say: ["奖项", "获奖", "荣誉", "表彰", "评上", "评为"], reports: ["奖", "荣获", "称号", "表彰", "获评"] },
  { say: ["获得"], reports: ["获", "荣获"] },
  { say: ["疫情"], reports: ["疫情防控", "疫情"] },
];

const BY_WORD = new Map<string, string[]>();
for (const { say, reports } of WORDINGS) {
  for (const word of say) BY_WORD.set(word, [...new Set([...(BY_WORD.get(word) ?? []), ...reports.filter((r) => r !== word)])]);
}

/** Every word of the table, both sides: words of the domain, even where no report uses them. */
export const WORDING_WORDS: ReadonlySet<string> = new Set(WORDINGS.flatMap(({ say, reports }) => [...say, ...reports]));

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
