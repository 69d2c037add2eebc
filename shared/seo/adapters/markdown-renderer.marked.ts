import type { MarkdownRenderer, RenderMarkdown } from '../ports/markdown-renderer.port.ts';

/**
 * GitHub-flavoured Markdown through `marked`, imported on the first load: the serve function carries this adapter
 * for its rare on-demand generation and should not pay for the parser at every cold start. HTML in the body is
 * kept as written: articles are written by the site's administrator, and feed readers sanitise what they show.
 */
export function createMarkedRenderer(): MarkdownRenderer {
  let render: Promise<RenderMarkdown> | undefined;
  const load = async (): Promise<RenderMarkdown> => {
    const { Marked } = await import('marked');
    const marked = new Marked({ gfm: true });
    return (markdown) => marked.parse(markdown, { async: false });
  };
  return { load: () => (render ??= load()) };
}
