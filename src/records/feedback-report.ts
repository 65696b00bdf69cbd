import type { FeedbackStats } from "./records.js";

/** Feedback statistics as plain lines (the `feedback` command prints them; the bot's /feedback escapes them). */
export function feedbackLines(stats: FeedbackStats): string[] {
  const votes = stats.up + stats.down;
  const share = (n: number, of: number) => (of === 0 ? "—" : `${Math.round((n / of) * 100)}%`);
  const lines = [
    `已回答：${stats.answers} 次（其中“资料库中没有”${stats.notFound} 次，占 ${share(stats.notFound, stats.answers)}）`,
    `收到评价：${votes} 条，涉及 ${stats.votedAnswers} 条回答（每人每条回答只计一次，改评以最后一次为准）`,
    `👍 ${stats.up}　👎 ${stats.down}　满意率 ${share(stats.up, votes)}`,
  ];
  if (stats.recentDown.length > 0) {
    lines.push("", "最近的 👎：");
    for (const down of stats.recentDown) {
      lines.push(`· ${down.at.slice(0, 16).replace("T", " ")}　问：${clip(down.question, 60)}`, `　答：${clip(down.answer, 80)}`);
    }
  }
  return lines;
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return Array.from(flat).length > max
    ? `${Array.from(flat)
        .slice(0, max - 1)
        .join("")}…`
    : flat;
}
