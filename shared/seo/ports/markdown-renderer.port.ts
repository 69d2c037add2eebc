/** Markdown to HTML, for the full content of RSS and Atom items. */
export type RenderMarkdown = (markdown: string) => string;

export interface MarkdownRenderer {
  /**
   * The renderer, loaded on first use. Rendering itself is synchronous so that a generation never waits on I/O
   * inside its transaction: with the embedded profile's synchronous SQLite, such a wait would let another function
   * of the same process block on the write lock the generation holds, and both would stall.
   */
  load(): Promise<RenderMarkdown>;
}
