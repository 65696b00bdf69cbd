import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import type { Answer } from "../answer/answer.js";
import { citationPlace } from "./markdown.js";

/**
 * An Answer as a Word document for meetings: the question as title, the answer with its [n] markers,
 * then a numbered 出处 list with each quote — the same content as the Markdown download.
 */

const FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体", cs: "Times New Roman" };

function lines(text: string): Paragraph[] {
  return text
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => new Paragraph({ children: [new TextRun(line)], spacing: { after: 120 } }));
}

export async function answerDocx(answer: Answer, generatedAt = new Date()): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({ text: answer.question, heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER }),
    new Paragraph({
      children: [
        new TextRun({ text: `法治报告问答助手 · ${generatedAt.toISOString().slice(0, 10)}`, color: "666666", size: 20 }),
      ],
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
    }),
  ];
  if (answer.notice) children.push(new Paragraph({ children: [new TextRun({ text: answer.notice, italics: true })] }));
  children.push(...lines(answer.answer));
  if (answer.citations.length) {
    children.push(new Paragraph({ text: "出处", heading: HeadingLevel.HEADING_2, spacing: { before: 240 } }));
    for (const c of answer.citations) {
      children.push(
        new Paragraph({
          children: [
            new TextRun({ text: `[${c.n}] `, bold: true }),
            new TextRun(citationPlace(c)),
            ...(c.title ? [new TextRun({ text: `（${c.title}）`, color: "666666" })] : []),
          ],
        }),
        new Paragraph({
          children: [new TextRun({ text: `“${c.quote}”`, italics: true })],
          indent: { left: 420 },
          spacing: { after: 120 },
        }),
      );
    }
  }
  const document = new Document({
    creator: "法治报告问答助手",
    title: answer.question,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
