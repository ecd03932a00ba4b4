/**
 * Export an issue: IssueDoc → Markdown, HTML, plain text, JSON or DOCX. Pure: no file, network,
 * environment or clock; callers write the result. PDF lives in the export-pdf edge.
 */
import type { IssueDoc } from '../domain/types.js';
import { renderDocx } from './docx.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';
import type { ExportOptions } from './shape.js';

export type { ExportOptions, Section, SourceLink } from './shape.js';
export { formatDateRange, sectionsOf, safeHref, OTHER_LABEL } from './shape.js';
export { renderMarkdown, escapeMarkdown } from './markdown.js';
export { renderHtml, escapeHtml } from './html.js';
export { renderText } from './text.js';
export { renderJson } from './json.js';
export { renderDocx } from './docx.js';

/** The formats `renderIssue` produces. */
export type ExportFormat = 'md' | 'html' | 'docx' | 'txt' | 'json';

/** Every export format, in the order a CLI lists them. */
export const EXPORT_FORMATS: readonly ExportFormat[] = ['md', 'html', 'docx', 'txt', 'json'];

/** File extension and MIME type of each format, for writers and HTTP responses. */
export const FORMAT_INFO: Record<ExportFormat, { ext: string; mime: string }> = {
  md: { ext: 'md', mime: 'text/markdown; charset=utf-8' },
  html: { ext: 'html', mime: 'text/html; charset=utf-8' },
  docx: { ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  txt: { ext: 'txt', mime: 'text/plain; charset=utf-8' },
  json: { ext: 'json', mime: 'application/json; charset=utf-8' },
};

/** Renders the issue in one format: a string for text formats, a Buffer for docx. */
export async function renderIssue(doc: IssueDoc, format: ExportFormat, opts: ExportOptions = {}): Promise<string | Buffer> {
  switch (format) {
    case 'md': return renderMarkdown(doc, opts);
    case 'html': return renderHtml(doc, opts);
    case 'txt': return renderText(doc, opts);
    case 'json': return renderJson(doc);
    case 'docx': return renderDocx(doc, opts);
    default: {
      const never: never = format;
      throw new Error(`Unknown export format "${String(never)}": use one of ${EXPORT_FORMATS.join(', ')}.`);
    }
  }
}
