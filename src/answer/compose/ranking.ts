import { CitationList } from "../citations.js";
import { authorOf, listOf, reportLabel } from "../frame.js";
import { answered, type ComposeInput, type Draft } from "./draft.js";
import { measureAcross } from "./measure.js";
import { refusal } from "./refusal.js";

/**
 * 哪个区最多: the answer in the first sentence, then the others in order, each cited. Only figures of one
 * measure are ranked; a report whose figure is of another measure is named as not comparable, and the
 * reports without the measure are named too.
 */
export function composeRanking(input: ComposeInput): Draft {
  const { figures, comparable, silent } = measureAcross(input);
  const fewest = /最少|最低|最小|最慢|倒数/.test(input.understanding.question);
  const ranked = figures.filter(comparable).sort((a, b) => (fewest ? a.value - b.value : b.value - a.value));
  const others = figures.filter((e) => !comparable(e));
  if (ranked.length === 0) return refusal(input, { why: "silent" });

  const citations = new CitationList();
  const [winner, ...rest] = ranked;
  const lines = [
    `${authorOf(winner!.report)}${fewest ? "最少" : "最多"}：${reportLabel(winner!.report)}报告${citations.quote(winner!.ev, winner!.quote)}。`,
  ];
  if (rest.length)
    lines.push(
      `其后依次为${rest.map((e) => `${reportLabel(e.report)}${shown(e.figure)}[${citations.add(e.ev, e.quote)}]`).join("、")}。`,
    );
  for (const e of others) {
    lines.push(`${reportLabel(e.report)}报告给出的是另一口径的数字（${citations.quote(e.ev, e.quote)}），未列入排名。`);
  }
  if (silent.length) lines.push(`${listOf(silent.map(reportLabel))}报告未提及。`);
  if (rest.length === 0) lines.push("只有这一份报告给出了可比的数字，无从排序。");
  return answered("ranking", lines.join("\n"), citations);
}

/** 0 said in words (未收到) is shown as 0. */
function shown(figure: string): string {
  return figure === "0" ? "0（未发生）" : figure;
}
