/**
 * The words that tell what kind of answer a question wants, and the words that carry no topic.
 * Cues are matched on the question's shape (做法, 提纲, 哪个…最多 …), never on whole questions.
 */

export const KIND_CUES = {
  /** 哪个区最多 / 排个序 / 谁的最多 / 前三名 */
  ranking:
    /(?:哪个|哪一个|哪家|哪里|谁).{0,16}(?:最多|最少|最高|最低|最大|最小|最快|最好|第一)|排名|排序|排个序|排一下|排一排|排行|排第几|前[三五十几]名?|(?:最多|最少|最高|最低)的?(?:是)?(?:哪|谁)/,
  /** 对比 / 比较 / 有什么不同 / 和…相比 */
  comparison: /对比|比较|比一比|比一下|异同|不一样|不同之处|有何不同|有什么不同|区别|差异|相比|横向/,
  /** 多少 / 几件 / 比例 / 率 — 几个区 and 几个方面 are scope, not a figure. */
  figure:
    /多少|几[件个项次名人家起宗场期份条批所户张位]|几起|几次|数量|[^效]率(?:是|为|达|有|多|\?|？|$)|比例|比率|占比|百分之|几成|金额|多大|总数|人数|件数|(?:具体|有|什么|哪些)(?:数据|数字)|(?:数据|数字)(?:吗|呢|是|\?|？)/,
  /** 存在哪些问题 / 有啥问题 / 不足 / 差在哪 — not 查出问题后怎么办. */
  problems:
    /(?:存在|有|暴露|面临|反映|提到|讲到|说到)[^，,。？?]{0,6}(?:问题|不足)|(?:哪些|什么|啥|主要|突出|共性|这类|那些|的)问题|问题(?:有哪些|是什么|在哪|多)|不足|短板|差距|薄弱|困难|欠缺|不到位|不够|压力|毛病|差在哪|教训/,
  plans: /下一步|计划|打算|安排|明年|今后|未来|将要|将会|准备|规划|来年|下一年|第二年|次年|展望/,
  /** A meeting outline or speaking notes. */
  outline: /提纲|发言|讲话|讲稿|汇报材料|会议材料|材料|要点|汇报|大纲/,
  /** A report's overall picture. */
  overview:
    /成效|成绩|成果|总体情况|整体情况|主要工作|干了(?:哪些|什么|啥)|做了(?:哪些|什么|啥)事|介绍一下|介绍|概况|概要|讲了什么|说了什么|写了什么|主要内容|总结|怎么样/,
  /** Practices: how something was done. */
  practices:
    /做法|经验|举措|措施|怎么做|怎样做|如何做|怎么搞|怎么抓|怎么推进|怎么开展|亮点|创新|特色|借鉴|是怎么|如何|怎样|怎么|咋|机制|办法|手段|方式/,
} as const;

/** How two things differ, said loosely (差在哪 is a problem of one place, a difference between two). */
export const DIFFERENCE = /差在哪|差别|哪里不同|有何不同|不同|区别/;

/** The parts of a report a request may name together (成绩、问题、打算三块): several make an outline. */
export const PART_CUES = {
  achievements: /成效|成绩|成果|亮点|做法/,
  problems: /问题|不足|短板|差距/,
  plans: /计划|打算|安排|下一步|明年/,
};

/** Scope words that are not figures: 几个区 / 几个方面 (checked before the figure cue). */
export const SCOPE_NOT_FIGURE = /几个(?:区|县|地区|地方|报告|单位|方面)|几方面|(?:列|说|写|讲|谈|提|这|那)几[条点个句段]/g;

/** The question spans several reports: 各区 / 几个区 / 汇总 / 所有报告 … */
export const ACROSS_CUE =
  /各区|各地|各县|各个区|各个地方|各报告|各份报告|哪些区|哪些地区|哪些地方|哪个区|哪几个|几个区|这几个|所有报告|所有地区|全部报告|资料库|库里|汇总|分别|都有|横向|[两三四五六七八九十]个区|几份报告|各家/;

/** A follow-up's opening: 那水磨沟区呢？ / 其中… / 他们… */
export const FOLLOW_UP_OPENER =
  /^(?:那|那么|还有|另外|其中|再说说|再问|它|它们|他们|该区|这个区|这个地方|这些|那些|同样|同一|换成|接着|然后|那个)/;

/** Words that carry no topic: question words, fillers, request verbs, colloquial padding. */
export const FILLERS = new Set(
  (
    "请问 请 帮我 帮忙 麻烦 一下 告诉 我 我们 我要 你 说说 讲讲 讲 说 谈谈 聊聊 介绍 介绍一下 有 有哪些 哪些 哪个 哪 哪里 哪儿 谁 " +
    "做法 措施 举措 经验 方面 这方面 那方面 这块 那块 这一块 一块 具体 主要 工作 开展 好 好的 较好 值得 学习 借鉴 参考 " +
    "那么 那 呢 吗 嘛 吧 啊 呀 哈 情况 怎么样 如何 怎样 怎么 咋 咋样 咋弄 咋办 啥 什么 多少 几 是否 有没有 有无 没有 " +
    "是 了 共 总共 一共 合计 累计 全年 当年 年度 年 里 中 在 上 关于 用于 用 会议 开会 发言 提纲 汇报 材料 要点 汇总 整理 " +
    "对比 比较 各区 各地 分别 又 还 也 都 和 与 及 以及 跟 同 报告 报告里 的 地 得 着 过 期间 作为 能 可以 把 给 打 被 向 对 让 从 到 为 以 " +
    "有关 相关 进行 其中 目前 现在 还有 已经 数量 数目 总数 多高 多大 多长 多久 多远 多少次 一年 今年 去年 前年 " +
    "来 下 一步 下一步 完成 了吗 干 干了 做 做了 搞 搞了 弄 办 办了 列 列个 列一下 一份 份 写 写个 写一份 写进 要 用 用的 " +
    "一些 些 这些 那些 他们 它们 它 该区 这个 那个 区里 地方 东西 事 事情 事儿 内容 部分 点 个 啥样 样 咋样 " +
    "成效 成绩 成果 亮点 创新 特色 经验做法 好做法 典型 主要成效 总体 整体 总结 概况 问题 不足 短板 差距 计划 打算 安排 " +
    "明年 今后 未来 准备 想 打算怎么 最多 最少 最高 最低 排名 排序 排 序 排个序 名 第几 对比一下 比一比 区别 差异 不一样 不同 异同 相比 " +
    "暴露 暴露出 存在 存在的 提到 提及 说了 讲了 写了 报告中 里面 出来 起来 一下子 具体数据 分别是 各是 各 是多少 为什么 原因 " +
    "共性 普遍 突出 到位 不到位 不够 不足 讲 要讲 讲讲 实招 高招 妙招 招数 新招 一段 几条 场次 人次 批次 次数 件数 人数 " +
    "呢？ 吗？ 得怎么样 重点 主要是 第二年 下一年 来年 次年 推进 落实 加强 抓 抓好 强化 机制 办法 手段 方式 怎么做 如何做"
  ).split(" "),
);

/** 几件 / 几起 / 几个 …: a question word fused with its measure word. */
export const HOW_MANY_WORD = /^几[\u4e00-\u9fa5]?$/;
/** 多少份文件 → jieba keeps 份文件: the measure word belongs to the question, not the topic. */
export const MEASURE_PREFIX = /^[件个份名人家项次条宗场期张户所批位](?=[\u4e00-\u9fa5]{2})/;

/**
 * Request phrases removed from a question before its topic is read, so that jieba cannot fuse them with
 * a topic word (汇报提纲, 经验做法, 有啥好做法).
 */
export const REQUEST_PHRASES =
  /提纲|发言|讲话|讲稿|汇报材料|会议材料|汇报|大纲|要点|材料|成效|成绩|成果|总体情况|整体情况|主要工作|介绍一下|介绍|概况|概要|主要内容|总结|经验做法|好做法|做法|经验|举措|措施|亮点|创新|特色|借鉴|怎么做|怎样做|如何做|怎么搞|怎么抓|怎么|如何|怎样|咋样|咋|最多|最少|最高|最低|最大|最小|排名|排序|排个序|排一下|排一排|排行|第几|对比一下|对比|比较|比一比|比一下|异同|不一样|区别|差异|多少钱|多少|数量|总数|人数|件数|比例|比率|占比|百分比|具体数据|开会要讲|开会要用|要讲|讲讲|实招|高招|妙招|开会用|(?:推进|进展|发展|做)?到(?:了)?什么程度|会上要用|会上用|在会上|会上|写进|列一下|列个|整理一份|整理|梳理一下|梳理|归纳|归拢|拎一下|(?:给|供)领导(?:参考|看)?|帮我|请问|一下/g;

/** Words that join two facets of a topic: 规范性文件和重大决策. */
export const CONJUNCTION = /^(?:和|及|与|以及|、|跟|或|或者|并|还有)$/;

/** Generic action words that say nothing about which measure is meant (改进 / 加强 / 推进). */
export const ACTION_WORDS = new Set(
  "改进 改善 改 整改 统筹 培养 压实 提升 提高 完善 健全 加强 推进 推动 落实 强化 深化 优化 做好 抓好 开展 实施 建设 规范 组织 管 管理 搞好 做 弄 进一步 全面 持续 不断 积极 认真 扎实 深入".split(
    " ",
  ),
);

/** A follow-up that points back at the previous answer (针对这几条 / 这些问题 / 上述): it keeps that topic. */
export const ANAPHORA = /这几条|这几点|这几个|这些|那些|上述|以上|针对|这方面|这个问题|这块/;
