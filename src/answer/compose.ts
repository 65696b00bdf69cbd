import { composeComparison } from "./compose/comparison.js";
import type { ComposeInput, Draft } from "./compose/draft.js";
import { composeFigure } from "./compose/figure.js";
import { composeOutline } from "./compose/outline.js";
import { composePartItems } from "./compose/part-items.js";
import { composePractices } from "./compose/practices.js";
import { composeRanking } from "./compose/ranking.js";
import { refusal } from "./compose/refusal.js";

/** The offline answer: one composer per kind of question, each quoting the reports with citations. */
export function composeAnswer(input: ComposeInput): Draft {
  if (input.understanding.outOfLibrary || input.scope.length === 0) return refusal(input, { why: "silent" });
  switch (input.understanding.kind) {
    case "figure":
      return composeFigure(input);
    case "ranking":
      return composeRanking(input);
    case "comparison":
      return composeComparison(input);
    case "problems":
    case "plans":
      return composePartItems(input);
    case "outline":
      return composeOutline(input);
    case "overview":
      return composePractices(input);
    case "practices":
      return composePractices(input);
  }
}
