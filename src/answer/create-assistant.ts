import type { Config } from "../config.js";
import { summarizeReport } from "../corpus/report.js";
import { reportMatches } from "../search/filters.js";
import { logger } from "../logger.js";
import { openLibrary, type Library } from "../search/library.js";
import type { Answer, Conversation, SectionView } from "./answer.js";
import type { AnswerEvent, Assistant, LibraryStats } from "./assistant.js";
import { composeAnswer } from "./compose.js";
import type { ComposeInput, Draft } from "./compose/draft.js";
import { refusal } from "./compose/refusal.js";
import { type Evidence, themeOf } from "./evidence.js";
import { LibraryFacts } from "./library-facts.js";
import { LlmAnswerer, validateLlmReply } from "./llm.js";
import { readableQuestion } from "./question-check.js";
import { turnOf, understand, type Understanding } from "./understand.js";

/** How many past turns a conversation keeps for follow-ups. */
const HISTORY = 10;
/** Sections handed to the LLM as numbered sources. */
const LLM_SOURCES = 6;

interface Prepared {
  started: number;
  input: ComposeInput;
  draft: Draft;
}

class LibraryAssistant implements Assistant {
  private facts: LibraryFacts;

  constructor(
    private readonly library: Library,
    private readonly folders: Pick<AssistantOptions, "corpusDir" | "indexDir">,
    private readonly llm: LlmAnswerer | null,
  ) {
    this.facts = new LibraryFacts(library.reports, library.catalog, library.segmenter);
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
    const u = prepared.input.understanding;
    if (this.llm && !u.outOfLibrary && prepared.input.retrieved.length > 0) {
      const result = yield* this.generate(prepared, conversation);
      if ("draft" in result) {
        draft = result.draft;
        mode = "llm";
      } else if (result.failed || draft.status === "answered") {
        // A model that cites nothing where the offline answer found nothing either agrees: no notice.
        notice = result.notice;
      }
    }
    if (conversation && u.question) remember(conversation, prepared.input.understanding);
    yield {
      type: "answer",
      answer: {
        question: u.question,
        status: draft.status,
        kind: draft.kind,
        answer: draft.answer,
        citations: draft.citations,
        mode,
        ms: Math.round(performance.now() - prepared.started),
        ...(notice ? { notice } : {}),
      },
    };
  }

  conversationFrom(questions: string[]): Conversation {
    const conversation: Conversation = { turns: [] };
    for (const question of questions.slice(-HISTORY))
      remember(conversation, understand(question, conversation.turns.at(-1), this.facts));
    return conversation;
  }

  private async prepare(question: string, conversation?: Conversation): Promise<Prepared> {
    const started = performance.now();
    const previous = conversation?.turns.at(-1);
    const understanding = understand(question, previous, this.facts);
    const theme = themeOf(understanding, this.facts.vocabulary);
    const reports = this.library.reports;
    const scope = reports.filter((r) => reportMatches(r, understanding.filters));
    const input: ComposeInput = { understanding, theme, scope, library: reports, retrieved: [] };
    const unreadable = readableQuestion(question, understanding);
    if (unreadable) return { started, input, draft: refusal(input, { why: "unreadable", message: unreadable }) };
    if (!understanding.outOfLibrary && scope.length > 0) {
      const k = understanding.across ? 60 : 12;
      const result = await this.library.search(understanding.resolved, { k, filters: understanding.filters });
      input.retrieved = this.evidenceFrom(result.results.map((hit) => hit.sectionId));
    }
    const draft = composeAnswer(input);
    if (draft.kind === "refusal" && understanding.topicInherited) {
      // 那存在哪些问题？ — nothing on the earlier topic: the report's problems in general.
      const general = { ...input, understanding: { ...understanding, topic: "" }, theme: { terms: [], facets: [], context: [] } };
      return { started, input: general, draft: composeAnswer(general) };
    }
    return { started, input, draft };
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
    const sources = llmSources(prepared);
    const history = (conversation?.turns ?? []).slice(-3).map((t) => t.resolved);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), llm.timeoutMs);
    let reply = "";
    try {
      for await (const delta of llm.stream(
        prepared.input.understanding.resolved,
        sources,
        history,
        prepared.input.understanding.kind,
        controller.signal,
      )) {
        reply += delta;
        yield { type: "delta", text: delta };
      }
    } catch (error) {
      const timedOut = controller.signal.aborted;
      logger.warn(
        { err: error instanceof Error ? error.message : String(error), model: llm.model },
        "大模型请求失败，改用离线回答",
      );
      return {
        notice: timedOut ? "大模型响应超时，以下是离线检索的回答。" : "大模型服务出错，以下是离线检索的回答。",
        failed: true,
      };
    } finally {
      clearTimeout(timer);
    }
    const draft = validateLlmReply(reply, sources);
    if (!draft) {
      logger.warn({ model: llm.model }, "大模型回答缺少可核对的出处，改用离线回答");
      return { notice: "大模型的回答缺少可核对的出处，以下是离线检索的回答。", failed: false };
    }
    return { draft: { ...draft, kind: prepared.draft.kind } };
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

/**
 * The sections the LLM gets as numbered sources: those the offline answer cites (the structured evidence
 * for the question's kind: a report's outline, its items on a theme, every report of a ranking), then
 * the best retrieved ones.
 */
function llmSources({ input, draft }: Prepared): Evidence[] {
  const max = input.understanding.across || draft.citations.length > LLM_SOURCES ? LLM_SOURCES * 2 : LLM_SOURCES;
  const sources: Evidence[] = [];
  const seen = new Set<string>();
  const cited = draft.citations.flatMap((c) => {
    const ev = input.retrieved.find((e) => e.section.id === c.sectionId);
    if (ev) return [ev];
    const report = input.library.find((r) => r.id === c.reportId);
    const section = report?.sections.find((s) => s.id === c.sectionId);
    return report && section ? [{ rank: 0, report, section }] : [];
  });
  for (const ev of [...cited, ...input.retrieved]) {
    if (seen.has(ev.section.id) || sources.length >= max) continue;
    seen.add(ev.section.id);
    sources.push(ev);
  }
  return sources;
}

function remember(conversation: Conversation, u: Understanding): void {
  conversation.turns.push(turnOf(u));
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
  const library =
    opts.library ?? (await openLibrary({ corpusDir: opts.corpusDir, indexDir: opts.indexDir, config: opts.config }));
  const { llm, openai } = opts.config;
  const answerer = llm
    ? new LlmAnswerer({ apiKey: openai.apiKey, baseURL: openai.baseURL, model: llm.model, timeoutMs: llm.timeoutMs })
    : null;
  return new LibraryAssistant(library, opts, answerer);
}
