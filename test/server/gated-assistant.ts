import type { Conversation } from "../../src/answer/answer.js";
import type { AnswerEvent } from "../../src/answer/assistant.js";
import { FakeAssistant } from "../bot/fake-assistant.js";

/**
 * The fake assistant with answers that wait: a first draft delta, then nothing until `release()`.
 * Lets tests hold an answer in flight (shutdown, a client that hangs up) and see when the server
 * stops asking for more of it.
 */
export class GatedAssistant extends FakeAssistant {
  private gate!: Promise<void>;
  private open!: () => void;
  /** Streams whose consumer stopped reading (return() ran), finished or not. */
  ended = 0;
  started = 0;

  constructor() {
    super();
    this.close();
  }

  close(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open();
  }

  override async *askStream(question: string, conversation?: Conversation): AsyncIterable<AnswerEvent> {
    this.started += 1;
    try {
      yield { type: "delta", text: "草稿……" };
      await this.gate;
      yield* super.askStream(question, conversation);
    } finally {
      this.ended += 1;
    }
  }

  override async ask(question: string, conversation?: Conversation) {
    await this.gate;
    return super.ask(question, conversation);
  }
}
