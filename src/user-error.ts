/**
 * An error whose message is written for the user (in Chinese, saying what to fix). The CLI prints
 * it without a stack trace and exits with `exitCode`; anything else is a bug and keeps its trace.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
