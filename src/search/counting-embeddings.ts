import { IndexEmbeddings } from "./embeddings.js";

/**
 * Test double (LangChain style, kept next to the interface it fakes): wraps real embeddings and
 * records every text it is asked to embed, so a test can tell what was (not) re-embedded.
 */
export class CountingEmbeddings extends IndexEmbeddings {
  readonly embedded: string[] = [];
  calls = 0;

  constructor(private readonly inner: IndexEmbeddings) {
    super({});
  }

  get id(): string {
    return this.inner.id;
  }

  get dimensions(): number | null {
    return this.inner.dimensions;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    this.calls++;
    this.embedded.push(...documents);
    return this.inner.embedDocuments(documents);
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.inner.embedQuery(document);
  }
}
