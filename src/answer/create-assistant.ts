import type { Config } from "../config.js";
import type { Report } from "../corpus/report.js";
import { summarizeReport } from "../corpus/report.js";
import { logger } from "../logger.js";
import { openLibrary, type Library } from "../search/library.js";
import type { Answer, Conversation, SectionView, Turn } from "./answer.js";
import type { AnswerEvent, Assistant, LibraryStats } from "./assistant.js";
import type { Evidence } from "./evidence.js";
import { answerExtractively, type Draft, notFound } from "./extractive.js";
import { LlmAnswerer, validateLlmReply } from "./llm.js";
import { queryTerms, Rarity } from "./query-terms.js";
import { LibraryFacts, understand, type Understanding } from "./understand.js";

/** How many past turns a conversation keeps for follow-ups. */
const HISTORY = 10;
/** Sections handed to the LLM as numbered sources. */
const LLM_SOURCES = 6;

interface Prepared {
  started: number;
  understanding: Understanding;
  evidence: Evidence[];
  draft: Draft;
}

class LibraryAssistant implements Assistant {
  private facts: LibraryFacts;
  private rarity: Rarity;

  constructor(
    private readonly library: Library,
    private readonly folders: Pick<AssistantOptions, "corpusDir" | "indexDir">,
    private readonly llm: LlmAnswerer | null,
  ) {
    this.facts = new LibraryFacts(library.reports, library.catalog, library.segmenter);
    this.rarity = rarityOf(library.reports);
  }

  async ask(question: string, conversation?: Conversation): Promise<Answer> {
    let answer: Answer | undefined;
    for await (const event of this.askStream(question, conversation)) if (event.type === "answer") answer = event.answer;
    return answer!;
  }

  async *askStream(question: string, conversation?: Conversation): AsyncIterable<AnswerEvent> {
    const prepared = await this.prepare(question, conversation);
    let draft = prepared.draft;
    let mode: Answer["mode"] = "extractive";
    let notice: string | undefined;
    if (this.llm && !prepared.understanding.outOfLibrary && prepared.evidence.length > 0) {
      const result = yield* this.generate(prepared, conversation);
      if ("draft" in result) {
        draft = result.draft;
        mode = "llm";
      } else if (result.failed || draft.status === "answered") {
        // A model that cites nothing where the offline answer found nothing either agrees: no notice.
        notice = result.notice;
      }
    }
    if (conversation) remember(conversation, prepared.understanding);
    yield {
      type: "answer",
      answer: {
        question: prepared.understanding.question,
        status: draft.status,
        answer: draft.answer,
        citations: draft.citations,
        mode,
        ms: Math.round(performance.now() - prepared.started),
        ...(notice ? { notice } : {}),
      },
    };
  }

  private async prepare(question: string, conversation?: Conversation): Promise<Prepared> {
    const started = performance.now();
    const previous = conversation?.turns.at(-1);
    const understanding = understand(question, previous, this.facts);
    if (understanding.outOfLibrary) {
      return { started, understanding, evidence: [], draft: notFound(understanding, this.library.reports) };
    }
    const terms = queryTerms(understanding.topic, this.rarity.of, this.library.segmenter);
    const k = understanding.crossReport ? 40 : 10;
    const result = await this.library.search(understanding.resolved, { k, filters: understanding.filters });
    const evidence = this.evidenceFrom(result.results.map((hit) => hit.sectionId));
    const draft = answerExtractively(understanding, evidence, terms, this.library.reports);
    return { started, understanding, evidence, draft };
  }

  private evidenceFrom(sectionIds: string[]): Evidence[] {
    const evidence: Evidence[] = [];
    for (const id of new Set(sectionIds)) {
      const section = this.library.section(id);
      const report = section && this.library.report(section.reportId);
      if (section && report) evidence.push({ rank: evidence.length + 1, section, report });
    }
    return evidence;
  }

  /** Runs the LLM; yields its text as it streams, returns the validated draft or why it was not used. */
  private async *generate(
    prepared: Prepared,
    conversation?: Conversation,
  ): AsyncGenerator<AnswerEvent, { draft: Draft } | { notice: string; failed: boolean }> {
    const llm = this.llm!;
    const sources = prepared.evidence.slice(0, prepared.understanding.crossReport ? LLM_SOURCES * 2 : LLM_SOURCES);
    const history = (conversation?.turns ?? []).slice(-3).map((t) => t.resolved);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), llm.timeoutMs);
    let reply = "";
    try {
      for await (const delta of llm.stream(prepared.understanding.resolved, sources, history, controller.signal)) {
        reply += delta;
        yield { type: "delta", text: delta };
      }
    } catch (error) {
      const timedOut = controller.signal.aborted;
      logger.warn({ err: error instanceof Error ? error.message : String(error), model: llm.model }, "大模型请求失败，改用离线回答");
      return { notice: timedOut ? "大模型响应超时，以下是离线检索的回答。" : "大模型服务出错，以下是离线检索的回答。", failed: true };
    } finally {
      clearTimeout(timer);
    }
    const draft = validateLlmReply(reply, sources);
    if (!draft) {
      logger.warn({ model: llm.model }, "大模型回答缺少可核对的出处，改用离线回答");
      return { notice: "大模型的回答缺少可核对的出处，以下是离线检索的回答。", failed: false };
    }
    return { draft };
  }

  reports() {
    return this.library.reports.map(summarizeReport);
  }

  section(sectionId: string): SectionView | null {
    const section = this.library.section(sectionId);
    const report = section && this.library.report(section.reportId);
    if (!section || !report) return null;
    return {
      id: section.id,
      reportId: report.id,
      region: report.region,
      year: report.year,
      title: report.title,
      issuer: report.issuer,
      path: section.path,
      kind: section.kind,
      text: section.text,
    };
  }

  async reindex(): Promise<LibraryStats> {
    await this.library.update();
    this.facts = new LibraryFacts(this.library.reports, this.library.catalog, this.library.segmenter);
    this.rarity = rarityOf(this.library.reports);
    return this.stats();
  }

  stats(): LibraryStats {
    const s = this.library.summary();
    return {
      reports: s.reports,
      sections: s.sections,
      chunks: s.chunks,
      embedder: s.embedder,
      mode: this.llm ? "llm" : "extractive",
      indexDir: this.folders.indexDir,
      corpusDir: this.folders.corpusDir,
      indexedAt: s.builtAt,
    };
  }
}

function rarityOf(reports: Report[]): Rarity {
  return new Rarity(reports.flatMap((r) => r.sections.map((s) => `${s.path.join(" ")} ${s.text}`)));
}

function remember(conversation: Conversation, u: Understanding): void {
  const turn: Turn = {
    question: u.question,
    resolved: u.resolved,
    intent: u.intent,
    regions: u.filters.regions,
    years: u.filters.years,
    topic: u.topic,
  };
  conversation.turns.push(turn);
  if (conversation.turns.length > HISTORY) conversation.turns.splice(0, conversation.turns.length - HISTORY);
}

export interface AssistantOptions {
  config: Config;
  corpusDir: string;
  indexDir: string;
  /** An already opened library of the same folders (eval, bench); opened here otherwise. */
  library?: Library;
}

/** Opens the library (building or updating the index first when needed) and returns the Assistant. */
export async function createAssistant(opts: AssistantOptions): Promise<Assistant> {
  const library = opts.library ?? (await openLibrary({ corpusDir: opts.corpusDir, indexDir: opts.indexDir, config: opts.config }));
  const { llm, openai } = opts.config;
  const answerer = llm ? new LlmAnswerer({ apiKey: openai.apiKey, baseURL: openai.baseURL, model: llm.model, timeoutMs: llm.timeoutMs }) : null;
  return new LibraryAssistant(library, opts, answerer);
}

