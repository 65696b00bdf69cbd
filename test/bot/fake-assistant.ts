import type { Answer, Conversation, SectionView } from "../../src/answer/answer.js";
import type { AnswerEvent, Assistant, LibraryStats } from "../../src/answer/assistant.js";
import type { ReportSummary } from "../../src/corpus/report.js";

/**
 * A small, honest stand-in for the real Assistant: a two-report library, and answers that
 * quote the sentence of the best-matching section (by shared Chinese character pairs) with a
 * real citation; questions the library cannot answer get not_found.
 */

const LONG_PARAGRAPH = "坚持把矛盾纠纷化解在基层、化解在萌芽状态，推动行政调解、人民调解、司法调解衔接联动。".repeat(30);

export const SECTIONS: SectionView[] = [
  {
    id: "yufeng-2023-4",
    reportId: "yufeng-2023",
    region: "鱼峰区",
    year: 2023,
    title: "柳州市鱼峰区人民政府关于2023年法治政府建设工作情况的报告",
    issuer: "鱼峰区人民政府",
    path: ["一、2023年法治政府建设主要举措和成效", "(四)发挥行政复议化解行政争议主渠道作用"],
    kind: "measures",
    text: "(四)发挥行政复议化解行政争议主渠道作用。2023年，全区共收到行政复议申请70件，受理65件，审结60件。坚持复议为民，推动行政争议实质性化解。",
  },
  {
    id: "donghu-2022-7",
    reportId: "donghu-2022",
    region: "东湖区",
    year: 2022,
    title: null,
    issuer: "东湖区人民政府",
    path: ["二、多元化解矛盾纠纷", "(二)创新基层调解"],
    kind: "measures",
    text: "(二)创新基层调解。成立“佬倌俚”工作室，由辖区内德高望重的老同志参与矛盾纠纷调解，全年调解纠纷120余起。",
  },
  {
    id: "donghu-2022-9",
    reportId: "donghu-2022",
    region: "东湖区",
    year: 2022,
    title: null,
    issuer: "东湖区人民政府",
    path: ["二、多元化解矛盾纠纷", "(四)健全调解衔接机制"],
    kind: "measures",
    text: Array.from({ length: 4 }, () => LONG_PARAGRAPH).join("\n\n"),
  },
];

function pairs(text: string): Set<string> {
  const han = text.replace(/[^\u4e00-\u9fff\d]/g, "");
  const out = new Set<string>();
  for (let i = 0; i + 1 < han.length; i++) out.add(han.slice(i, i + 2));
  return out;
}

function overlap(a: Set<string>, text: string): number {
  let n = 0;
  for (const p of pairs(text)) if (a.has(p)) n += 1;
  return n;
}

export class FakeAssistant implements Assistant {
  readonly asked: { question: string; turnsBefore: number }[] = [];
  reindexed = 0;

  async ask(question: string, conversation?: Conversation): Promise<Answer> {
    const started = Date.now();
    this.asked.push({ question, turnsBefore: conversation?.turns.length ?? 0 });
    conversation?.turns.push({
      question,
      resolved: question,
      kind: "practices",
      across: false,
      regions: [],
      years: [],
      issuers: [],
      topic: question,
    });
    const wanted = pairs(question);
    const best = SECTIONS.map((s) => ({ s, score: overlap(wanted, s.text) })).sort((a, b) => b.score - a.score)[0];
    if (!best || best.score < 3) {
      return {
        question,
        status: "not_found",
        kind: "refusal",
        answer: "报告库中的报告没有提到这个问题。",
        citations: [],
        mode: "extractive",
        ms: Date.now() - started,
      };
    }
    const sentences = best.s.text.split(/(?<=。)/).filter((x) => x.trim());
    const quote = sentences.map((x) => ({ x, score: overlap(wanted, x) })).sort((a, b) => b.score - a.score)[0]?.x ?? best.s.text;
    return {
      question,
      status: "answered",
      kind: "practices",
      answer: `${quote}[1]`,
      citations: [
        {
          n: 1,
          reportId: best.s.reportId,
          sectionId: best.s.id,
          region: best.s.region,
          year: best.s.year,
          title: best.s.title,
          path: best.s.path,
          quote,
        },
      ],
      mode: "extractive",
      ms: Date.now() - started,
    };
  }

  async *askStream(question: string, conversation?: Conversation): AsyncIterable<AnswerEvent> {
    const answer = await this.ask(question, conversation);
    const chars = Array.from(answer.answer);
    const third = Math.ceil(chars.length / 3);
    for (let i = 0; i < chars.length; i += third) yield { type: "delta", text: chars.slice(i, i + third).join("") };
    yield { type: "answer", answer: { ...answer, mode: "llm" } };
  }

  conversationFrom(questions: string[]): Conversation {
    return {
      turns: questions.map((q) => ({
        question: q,
        resolved: q,
        kind: "practices",
        across: false,
        regions: [],
        years: [],
        issuers: [],
        topic: q,
      })),
    };
  }

  reports(): ReportSummary[] {
    const byReport = new Map<string, SectionView[]>();
    for (const s of SECTIONS) byReport.set(s.reportId, [...(byReport.get(s.reportId) ?? []), s]);
    return [...byReport.values()].map((sections) => {
      const first = sections[0]!;
      return {
        id: first.reportId,
        title: first.title,
        region: first.region,
        level: null,
        divisionCode: null,
        parent: null,
        issuer: first.issuer,
        issuerKind: null,
        year: first.year,
        publishedAt: null,
        source: `corpus/${first.reportId}.txt`,
        sections: sections.length,
        chars: sections.reduce((n, s) => n + s.text.length, 0),
        warnings: [],
      };
    });
  }

  section(sectionId: string): SectionView | null {
    return SECTIONS.find((s) => s.id === sectionId) ?? null;
  }

  async reindex(): Promise<LibraryStats> {
    this.reindexed += 1;
    return this.stats();
  }

  stats(): LibraryStats {
    return {
      reports: this.reports().length,
      sections: SECTIONS.length,
      chunks: SECTIONS.length * 2,
      embedder: "local-hash-v1/512",
      mode: "extractive",
      indexDir: "embeddings",
      corpusDir: "corpus",
      indexedAt: "2026-01-01T00:00:00.000Z",
    };
  }
}
