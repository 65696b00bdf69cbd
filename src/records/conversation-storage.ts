import type { StorageAdapter } from "grammy";
import { type Conversation, ConversationSchema } from "../answer/answer.js";

/**
 * Conversation state for grammY's session middleware, kept in memory in front of a durable store: a
 * follow-up (那水磨沟区呢？) works from memory, and after a restart from the store. A store that fails
 * (full disk …) costs durability only, never the reply: its errors are reported and swallowed here.
 */

/** Chats kept in memory, least recently used dropped first; the Assistant caps the turns of each. */
const MEMORY_CHATS = 10_000;

export class ResilientConversations implements StorageAdapter<Conversation> {
  private readonly memory = new Map<string, Conversation>();

  constructor(
    private readonly store: StorageAdapter<string>,
    private readonly failed: (error: unknown) => void,
  ) {}

  async read(key: string): Promise<Conversation | undefined> {
    const cached = this.memory.get(key);
    if (cached) {
      this.remember(key, cached);
      return cached;
    }
    let raw: string | undefined;
    try {
      raw = await this.store.read(key);
    } catch (error) {
      this.failed(error);
      return undefined;
    }
    if (raw === undefined) return undefined;
    // What is read back is checked: a conversation written by another version may not fit; it is then dropped.
    const parsed = ConversationSchema.safeParse(safeJson(raw));
    if (!parsed.success) return undefined;
    const conversation = parsed.data;
    this.remember(key, conversation);
    return conversation;
  }

  async write(key: string, value: Conversation): Promise<void> {
    this.remember(key, value);
    try {
      await this.store.write(key, JSON.stringify(value));
    } catch (error) {
      this.failed(error);
    }
  }

  async delete(key: string): Promise<void> {
    this.memory.delete(key);
    try {
      await this.store.delete(key);
    } catch (error) {
      this.failed(error);
    }
  }

  private remember(key: string, value: Conversation): void {
    // Re-insert so the Map's order is least-recently-used first.
    this.memory.delete(key);
    this.memory.set(key, value);
    if (this.memory.size > MEMORY_CHATS) this.memory.delete(this.memory.keys().next().value!);
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
