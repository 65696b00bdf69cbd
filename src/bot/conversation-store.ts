import { newConversation, type Conversation } from "../answer/answer.js";

/**
 * Per-chat conversation context for follow-ups (那水磨沟区呢？). Kept in memory: a restart simply
 * starts fresh conversations. Both the turns per chat and the number of chats are capped.
 */
export class ConversationStore {
  private readonly chats = new Map<number, Conversation>();

  constructor(
    private readonly maxTurns = 10,
    private readonly maxChats = 10_000,
  ) {}

  get(chatId: number): Conversation {
    const conversation = this.chats.get(chatId) ?? newConversation();
    // Re-insert so the Map's order is least-recently-used first.
    this.chats.delete(chatId);
    this.chats.set(chatId, conversation);
    if (this.chats.size > this.maxChats) {
      const oldest = this.chats.keys().next().value;
      if (oldest !== undefined) this.chats.delete(oldest);
    }
    return conversation;
  }

  /** Drops the oldest turns beyond the cap; call after the assistant appended a turn. */
  trim(chatId: number): void {
    const conversation = this.chats.get(chatId);
    if (conversation && conversation.turns.length > this.maxTurns) {
      conversation.turns.splice(0, conversation.turns.length - this.maxTurns);
    }
  }

  reset(chatId: number): boolean {
    return this.chats.delete(chatId);
  }
}
