import { randomBytes } from "node:crypto";
import { appendFile, mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { Answer } from "../answer/answer.js";
import type { Logger } from "../logger.js";
import type { Vote } from "./callback-data.js";

/**
 * Durable record of what the bot answered and how users rated it: two append-only JSONL files
 * in the data folder. Each answer is written before it is sent, so its 👍/👎 buttons, which
 * carry only the short answer id, still work after a restart.
 */

const AnswerRecordSchema = z.object({
  id: z.string(),
  at: z.string(),
  chatId: z.number(),
  userId: z.number().nullable(),
  question: z.string(),
  answer: z.string(),
  status: z.enum(["answered", "not_found"]),
  mode: z.enum(["extractive", "llm"]),
  citations: z.array(
    z.object({
      n: z.number(),
      reportId: z.string(),
      sectionId: z.string(),
      region: z.string().nullable(),
      year: z.number().nullable(),
      path: z.array(z.string()),
    }),
  ),
});
export type AnswerRecord = z.infer<typeof AnswerRecordSchema>;

const FeedbackRecordSchema = z.object({
  at: z.string(),
  answerId: z.string(),
  chatId: z.number(),
  userId: z.number(),
  vote: z.enum(["up", "down"]),
  question: z.string(),
  answer: z.string(),
});
export type FeedbackRecord = z.infer<typeof FeedbackRecordSchema>;

export const ANSWERS_FILE = "answers.jsonl";
export const FEEDBACK_FILE = "feedback.jsonl";

interface Loaded {
  answers: Map<string, AnswerRecord>;
  votes: { up: number; down: number };
}

export class FeedbackStore {
  private loaded: Promise<Loaded> | undefined;
  /** Appends go through one chain so concurrent updates never interleave lines. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dir: string,
    private readonly logger: Logger,
  ) {}

  async recordAnswer(answer: Answer, where: { chatId: number; userId: number | null }): Promise<AnswerRecord> {
    const { answers } = await this.load();
    const record: AnswerRecord = {
      id: randomBytes(6).toString("base64url"),
      at: new Date().toISOString(),
      chatId: where.chatId,
      userId: where.userId,
      question: answer.question,
      answer: answer.answer,
      status: answer.status,
      mode: answer.mode,
      citations: answer.citations.map(({ n, reportId, sectionId, region, year, path }) => ({
        n,
        reportId,
        sectionId,
        region,
        year,
        path,
      })),
    };
    await this.append(ANSWERS_FILE, record);
    answers.set(record.id, record);
    return record;
  }

  /** Stores a vote on a recorded answer; null when the answer id is unknown. */
  async recordVote(answerId: string, vote: Vote, who: { chatId: number; userId: number }): Promise<FeedbackRecord | null> {
    const loaded = await this.load();
    const answer = loaded.answers.get(answerId);
    if (!answer) return null;
    const record: FeedbackRecord = {
      at: new Date().toISOString(),
      answerId,
      chatId: who.chatId,
      userId: who.userId,
      vote,
      question: answer.question,
      answer: answer.answer,
    };
    await this.append(FEEDBACK_FILE, record);
    loaded.votes[vote] += 1;
    return record;
  }

  async counts(): Promise<{ answers: number; up: number; down: number }> {
    const { answers, votes } = await this.load();
    return { answers: answers.size, ...votes };
  }

  private load(): Promise<Loaded> {
    this.loaded ??= (async () => {
      await mkdir(this.dir, { recursive: true });
      const answers = new Map<string, AnswerRecord>();
      for (const record of await this.readLines(ANSWERS_FILE, AnswerRecordSchema)) answers.set(record.id, record);
      const votes = { up: 0, down: 0 };
      for (const record of await this.readLines(FEEDBACK_FILE, FeedbackRecordSchema)) votes[record.vote] += 1;
      return { answers, votes };
    })();
    // A failed load (e.g. the folder is not writable yet) is retried on the next use.
    this.loaded.catch(() => {
      this.loaded = undefined;
    });
    return this.loaded;
  }

  private async readLines<T>(name: string, schema: z.ZodType<T>): Promise<T[]> {
    const file = join(this.dir, name);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    // Close a line torn by a crash, so the next append starts on a line of its own.
    if (text && !text.endsWith("\n")) await appendFile(file, "\n", "utf8");
    const records: T[] = [];
    text.split("\n").forEach((line, i) => {
      if (!line.trim()) return;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        json = undefined;
      }
      const parsed = schema.safeParse(json);
      if (parsed.success) records.push(parsed.data);
      // A torn last line (crash mid-write) must not lose the rest of the file.
      else this.logger.warn({ file, line: i + 1 }, `${file} 第 ${i + 1} 行无法解析，已跳过`);
    });
    return records;
  }

  private append(name: string, record: object): Promise<void> {
    const write = this.writes.then(() => appendFile(join(this.dir, name), `${JSON.stringify(record)}\n`, "utf8"));
    this.writes = write.catch(() => undefined);
    return write;
  }
}
