import { newConversation, type Conversation } from "../answer/answer.js";

/**
 * Per-chat conversation context for follow-ups (那水磨沟区呢？). Kept in memory: a restart simply
 * starts fresh conversations. The number of chats is capped here; the Assistant caps the turns.
 */
export class ConversationStore {
  private readonly chats = new Map<number, Conversation>();

  constructor(private readonly maxChats = 10_000) {}

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

  reset(chatId: number): boolean {
    return this.chats.delete(chatId);
  }
}
