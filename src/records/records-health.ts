import type { Logger } from "../logger.js";

/**
 * Whether a record store can write, as an operator learns it: the first failure of a run is logged as
 * an error with its reason in Chinese (then quietly, at debug level), the recovery once, and problem()
 * says what is wrong meanwhile (the bot's /stats shows it).
 */
export class RecordsHealth {
  private last: string | null = null;

  constructor(
    private readonly logger: Logger,
    /** Where the records are, for the log: a file, a database. */
    private readonly where: string,
    private readonly describe: (error: unknown) => string,
  ) {}

  get problem(): string | null {
    return this.last;
  }

  /** Records a failure to save `what` and returns its reason. */
  failed(error: unknown, what: string): string {
    const reason = this.describe(error);
    if (this.last === null) {
      this.logger.error(
        { err: error, where: this.where },
        `无法保存${what}（${reason}）：回答照常发送，但回答记录、反馈和对话上下文暂不能保存；请检查 ${this.where}`,
      );
    } else {
      this.logger.debug({ err: error }, `仍无法保存${what}（${reason}）`);
    }
    this.last = reason;
    return reason;
  }

  ok(): void {
    if (this.last === null) return;
    this.logger.info({ where: this.where }, "记录数据库已恢复，可以正常保存");
    this.last = null;
  }
}
