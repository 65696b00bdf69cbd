/**
 * How reports name their parts. A top-level heading saying 存在的问题 or 下一步工作计划 makes every
 * section under it a problems or plans section; questions use the same words to ask for those parts.
 */

export const PROBLEMS_HEADING =
  /存在的?(?:主要)?问题|问题(?:和|与|及)不足|不足|短板|差距|薄弱环节|^\S{1,4}[、.．)）](?:主要)?问题/;
export const PLANS_HEADING =
  /下一步|工作计划|工作打算|工作安排|工作思路|工作重点|工作展望|(?:\d{4}年|明年|今后)(?:的)?(?:工作)?(?:计划|打算|安排|思路|重点|展望)/;

/** A question about next year's plans (2025年工作安排 stands in the report about 2024). */
export const PLANS_QUESTION = /计划|打算|安排|下一步|明年|今后|来年|下一年|第二年|次年/;

/** Words a search adds for a section of each kind, so 存在什么问题 finds that part whatever its heading says. */
export const KIND_SEARCH_LABEL = {
  intro: "",
  measures: "",
  problems: "存在的问题 不足 ",
  plans: "下一步 工作计划 ",
  other: "",
} as const;
