import type { Answer, Turn } from "../../src/answer/answer.js";

/** An answer as the surfaces record it, for the records stores' tests. */
export const ANSWER: Answer = {
  question: "鱼峰区2023年共收到多少件行政复议申请？",
  status: "answered",
  kind: "figure",
  answer: "鱼峰区（2023年）：全年共收到行政复议申请70件[1]",
  citations: [
    {
      n: 1,
      reportId: "495aa795",
      sectionId: "495aa795-4",
      region: "鱼峰区",
      year: 2023,
      title: "t",
      path: ["一、", "(三)"],
      quote: "70件",
    },
  ],
  mode: "extractive",
  ms: 1,
};

/** A conversation turn as the bot keeps it between messages. */
export const TURN: Turn = {
  question: "q",
  resolved: "q",
  kind: "figure",
  across: false,
  regions: ["鱼峰区"],
  years: [2023],
  issuers: [],
  topic: "行政复议",
};
