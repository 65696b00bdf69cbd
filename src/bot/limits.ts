import { limit } from "@grammyjs/ratelimiter";
import type { MiddlewareFn } from "grammy";
import { isAddressedToBot } from "./addressing.js";
import type { BotContext } from "./context.js";

/**
 * Limits that hold before anything costly, the access check included: a stranger flooding the bot
 * costs a counter, not a refusal message per update, and one user cannot occupy the answering.
 */

export interface BotLimits {
  /** Questions (messages addressed to the bot) per user per time frame; past it, one "slow down" reply. */
  questionsPerUser: { limit: number; timeFrameMs: number };
  /** Any update per user, and per chat, per time frame; past it, updates are dropped silently. */
  updatesPerUser: { limit: number; timeFrameMs: number };
  updatesPerChat: { limit: number; timeFrameMs: number };
  /** Answers being worked out for one user at the same time (a user in several groups). */
  answersPerUser: number;
}

export const DEFAULT_LIMITS: BotLimits = {
  questionsPerUser: { limit: 6, timeFrameMs: 30_000 },
  updatesPerUser: { limit: 30, timeFrameMs: 30_000 },
  updatesPerChat: { limit: 60, timeFrameMs: 30_000 },
  answersPerUser: 2,
};

export function rateLimits(limits: BotLimits): MiddlewareFn<BotContext>[] {
  const drop = (what: string) => (ctx: BotContext) => ctx.logger.info(`${what}更新过多，已忽略`);
  return [
    limit<BotContext, never>({
      limit: limits.updatesPerUser.limit,
      timeFrame: limits.updatesPerUser.timeFrameMs,
      keyGenerator: (ctx) => ctx.from?.id.toString(),
      keyPrefix: "user-updates:",
      onLimitExceeded: drop("该用户"),
    }),
    limit<BotContext, never>({
      limit: limits.updatesPerChat.limit,
      timeFrame: limits.updatesPerChat.timeFrameMs,
      keyGenerator: (ctx) => ctx.chat?.id.toString(),
      keyPrefix: "chat-updates:",
      onLimitExceeded: drop("该会话"),
    }),
    limit<BotContext, never>({
      limit: limits.questionsPerUser.limit,
      timeFrame: limits.questionsPerUser.timeFrameMs,
      // Only messages meant for the bot cost an answer; button presses are cheap.
      keyGenerator: (ctx) => (ctx.message && ctx.from && isAddressedToBot(ctx) ? String(ctx.from.id) : undefined),
      keyPrefix: "questions:",
      // Called once per user and time frame: one reply, then silence.
      onLimitExceeded: (ctx) => {
        ctx.logger.info("提问过于频繁，已限流");
        void ctx.reply("您提问太快了，请稍等片刻再试。").catch((error: unknown) => {
          ctx.logger.warn({ err: error }, "无法发送限流提示");
        });
      },
    }),
  ];
}

/** Counts the answers under way per user; `enter` says no once a user has `max` of them. */
export class AnswersInFlight {
  private readonly running = new Map<number, number>();

  constructor(private readonly max: number) {}

  enter(userId: number): boolean {
    const now = this.running.get(userId) ?? 0;
    if (now >= this.max) return false;
    this.running.set(userId, now + 1);
    return true;
  }

  leave(userId: number): void {
    const now = (this.running.get(userId) ?? 1) - 1;
    if (now > 0) this.running.set(userId, now);
    else this.running.delete(userId);
  }
}
