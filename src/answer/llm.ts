import OpenAI from "openai";
import { z } from "zod";
import { CitationList } from "./citations.js";
import type { QuestionKind } from "./answer.js";
import type { Draft } from "./compose/draft.js";
import type { Evidence } from "./evidence.js";
import { reportLabel } from "./frame.js";
import { formsOf } from "./library-facts.js";
import { fillPrompt, loadPrompt, loadPromptSections } from "./prompts.js";
import { figuresIn, sentences, type Span } from "./sentences.js";
import { coverage, type QueryTerm } from "./terms.js";

/** The LLM answerer: an OpenAI-compatible chat model, given numbered sources, checked claim by claim. */

export interface LlmSettings {
  apiKey?: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
}

/** The most a source may contribute to the prompt; long sections are cut at a sentence end. */
const SOURCE_CHARS = 1_500;

const ChunkSchema = z.object({
  choices: z.array(z.object({ delta: z.object({ content: z.string().nullish() }).nullish() })).default([]),
});

export class LlmAnswerer {
  private readonly client: OpenAI;
  private readonly system = loadPrompt("answer-system");
  private readonly user = loadPrompt("answer-user");
  private readonly forms = loadPromptSections("answer-forms");

  constructor(private readonly settings: LlmSettings) {
    // No client timeout: the caller's AbortSignal bounds the whole streamed reply, so it alone decides.
    this.client = new OpenAI({ apiKey: settings.apiKey ?? "not-needed", baseURL: settings.baseURL, maxRetries: 0 });
  }

  get model(): string {
    return this.settings.model;
  }

  get timeoutMs(): number {
    return this.settings.timeoutMs;
  }

  messages(question: string, sources: Evidence[], history: string[], kind: QuestionKind): OpenAI.ChatCompletionMessageParam[] {
    const rendered = sources.map((ev, i) => renderSource(i + 1, ev)).join("\n\n");
    const past = history.length ? `此前的对话（仅供理解问题）：\n${history.map((q) => `- ${q}`).join("\n")}\n\n` : "";
    return [
      { role: "system", content: this.system.text },
      {
        role: "user",
        content: fillPrompt(this.user, { history: past, sources: rendered, question, form: this.forms.get(kind) ?? "" }),
      },
    ];
  }

  /** Streams the model's raw text; throws on an HTTP error, and aborts when `signal` fires. */
  async *stream(
    question: string,
    sources: Evidence[],
    history: string[],
    kind: QuestionKind,
    signal: AbortSignal,
  ): AsyncGenerator<string> {
    const stream = await this.client.chat.completions.create(
      { model: this.settings.model, messages: this.messages(question, sources, history, kind), stream: true, temperature: 0 },
      { signal },
    );
    for await (const raw of stream) {
      const chunk = ChunkSchema.safeParse(raw);
      const text = chunk.success ? chunk.data.choices[0]?.delta?.content : undefined;
      if (text) yield text;
    }
  }
}

function renderSource(n: number, ev: Evidence): string {
  const body = clip(ev.section.text).replaceAll(/<\/?source[^>]*>/gi, "");
  const where = [reportLabel(ev.report), ...ev.section.path].join(" / ");
  return `<source n="${n}" 出处="${where.replaceAll('"', "'")}">\n${body}\n</source>`;
}

function clip(text: string): string {
  if (text.length <= SOURCE_CHARS) return text;
  const end = text.lastIndexOf("。", SOURCE_CHARS);
  return text.slice(0, end > SOURCE_CHARS / 2 ? end + 1 : SOURCE_CHARS);
}

const MARKER = /\[(\d+(?:\s*[,，、]\s*\d+)*)\]|【(\d+)】/g;
/** 70件。[1] → 70件[1]。: a marker after the full stop belongs to the sentence before it. */
const MARKER_AFTER_STOP = /([。！？!?；;])((?:\[\d+(?:\s*[,，、]\s*\d+)*\]|【\d+】)+)/g;

/** The numbers a text states as figures (70 of 70件, 100 of 100%), for exact comparison. */
function figureNumbers(text: string): string[] {
  return figuresIn(text).map((f) => f.match(/\d+(?:\.\d+)?/)?.[0] ?? f);
}

/** Words of a claim that must be found in the quote supporting it. */
function claimTerms(claim: string): QueryTerm[] {
  const words = claim.match(/[\u4e00-\u9fa5]{2,}|[A-Za-z]{2,}|\d+(?:\.\d+)?/g) ?? [];
  const grams = new Set<string>();
  for (const w of words) {
    if (/^\d/.test(w)) grams.add(w);
    else for (let i = 0; i + 2 <= w.length; i++) grams.add(w.slice(i, i + 2));
  }
  return [...grams].map((g) => ({ term: g, forms: formsOf(g), weight: /^\d/.test(g) ? 2 : 1 }));
}

/** The sentence of the source that best supports the claim, or null when none does. */
function supportingQuote(claim: string, ev: Evidence): Span | null {
  const terms = claimTerms(claim);
  let best: { span: Span; score: number } | null = null;
  for (const span of sentences(ev.section.text)) {
    const score = coverage(span.text, terms);
    if (!best || score > best.score) best = { span, score };
  }
  return best && best.score >= 0.3 ? best.span : null;
}

/**
 * Keeps what the sources support: markers pointing at no source are removed, a sentence whose
 * figures appear in none of its sources is dropped, every kept marker gets a verbatim quote from its
 * section, and markers are renumbered in order. Returns null when no cited claim survives.
 */
export function validateLlmReply(reply: string, sources: Evidence[]): Omit<Draft, "kind"> | null {
  const citations = new CitationList();
  const kept: string[] = [];
  for (const line of reply.replace(/\r/g, "").replace(MARKER_AFTER_STOP, "$2$1").split("\n")) {
    const out: string[] = [];
    for (const sentence of sentences(line).map((s) => s.text)) {
      const claim = sentence.replace(MARKER, "").trim();
      const cited = [...sentence.matchAll(MARKER)]
        .flatMap((m) => (m[1] ?? m[2] ?? "").split(/[,，、]/))
        .map((n) => Number(n.trim()) - 1)
        .filter((i) => Number.isInteger(i) && i >= 0 && i < sources.length);
      // Exact figures: 70件 is not supported by a source that says 170件.
      const figures = figureNumbers(claim);
      const grounded = figures.every((f) => cited.some((i) => figureNumbers(sources[i]!.section.text).includes(f)));
      if (!grounded || (figures.length > 0 && cited.length === 0)) continue;
      const markers: number[] = [];
      for (const i of new Set(cited)) {
        const quote = supportingQuote(claim, sources[i]!);
        if (quote) markers.push(citations.add(sources[i]!, quote));
      }
      if (cited.length > 0 && markers.length === 0) continue;
      out.push(markers.length ? `${stripEnd(claim)}${markers.map((n) => `[${n}]`).join("")}${endOf(claim)}` : claim);
    }
    kept.push(out.join(""));
  }
  if (citations.items.length === 0) return null;
  const answer = kept
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return { status: "answered", answer, citations: citations.items };
}

function stripEnd(s: string): string {
  return s.replace(/[。！？!?；;]+$/, "");
}

function endOf(s: string): string {
  return s.match(/[。！？!?；;]+$/)?.[0] ?? "";
}
