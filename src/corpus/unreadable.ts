/**
 * Raised while reading a corpus file to mean "this file holds no readable report"; the message is
 * the user-visible (Chinese) reason. The loader turns it into a CorpusFileError naming the file.
 */
export class UnreadableError extends Error {}
