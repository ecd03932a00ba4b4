/**
 * IssueDoc → one self-contained HTML file that survives an email client and prints well.
 * Layout lives in style attributes (mail clients drop <style>); the one <style> block only adds
 * print rules and dark mode. No script, no external asset; every text is escaped and only
 * http(s) URLs become hrefs.
 */
import type { IssueDoc, IssueDocItem } from '../domain/types.js';
import {
  type ExportOptions, formatDateRange, oneLine, orderedItems, paragraphs, sectionsOf, sourceLinks,
} from './shape.js';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const SERIF = "Georgia, 'Times New Roman', Times, serif";
const S = {
  body: 'margin:0;padding:0;background-color:#eef1f5;',
  page: 'max-width:680px;margin:0 auto;padding:24px 12px;',
  sheet: `background-color:#ffffff;border-top:4px solid #1d3557;padding:32px 36px 28px;color:#1f2933;font-family:${FONT};font-size:16px;line-height:1.6;`,
  h1: `font-family:${SERIF};font-size:30px;line-height:1.2;font-weight:700;margin:0 0 6px;color:#102a43;`,
  date: 'margin:0 0 24px;color:#627d98;font-size:15px;',
  headlines: 'margin:0 0 28px;padding:14px 20px 14px 38px;background-color:#f0f4f8;border-left:3px solid #1d3557;',
  headline: 'margin:3px 0;font-weight:600;color:#102a43;line-height:1.45;',
  h2: `font-family:${SERIF};font-size:20px;line-height:1.3;font-weight:700;margin:28px 0 12px;padding-bottom:4px;border-bottom:1px solid #d9e2ec;color:#1d3557;`,
  bullets: 'margin:0;padding:0 0 0 22px;',
  bullet: 'margin:0 0 16px;',
  sources: 'color:#52606d;',
  a: 'color:#1d4ed8;text-decoration:underline;',
  hr: 'border:none;border-top:1px solid #d9e2ec;margin:28px 0 16px;',
  footer: 'margin:0 0 8px;font-size:13px;line-height:1.5;color:#627d98;',
};

// Print: no backgrounds, A4 margins, no break inside a bullet. Narrow and dark screens get
// refinements; clients that drop this block still get the inline layout.
const STYLE = `
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body, .page, .sheet, .headlines { background: none !important; }
  .page { max-width: none !important; margin: 0 !important; padding: 0 !important; }
  .sheet { border: none !important; padding: 0 !important; color: #000 !important; font-size: 11pt !important; }
  .headlines { border: none !important; padding: 0 0 0 20px !important; }
  li { break-inside: avoid; page-break-inside: avoid; }
  h1, h2 { break-after: avoid; page-break-after: avoid; color: #000 !important; }
  .headline { color: #000 !important; }
  a { color: #000 !important; }
}
@media screen and (max-width: 480px) {
  .page { padding: 0 !important; }
  .sheet { padding: 22px 18px 20px !important; }
  .headlines { padding: 12px 14px 12px 30px !important; }
}
@media screen and (prefers-color-scheme: dark) {
  body, .page { background-color: #0b1722 !important; }
  .sheet { background-color: #14212e !important; color: #d9e2ec !important; }
  h1, h2, .headline { color: #f0f4f8 !important; }
  .headlines { background-color: #0b1722 !important; }
  a { color: #8ab4f8 !important; }
  .date, .sources, .footer { color: #9fb3c8 !important; }
}`;

/** "(<a>Kyodo News</a>; <a>MOFA</a>)"; a source without an http(s) URL is named, not linked. */
function sourcesHtml(item: IssueDocItem): string {
  const parts = sourceLinks(item).map((l) =>
    l.href ? `<a href="${escapeHtml(l.href)}" style="${S.a}">${escapeHtml(l.source)}</a>` : escapeHtml(l.source),
  );
  return parts.length ? ` <span class="sources" style="${S.sources}">(${parts.join('; ')})</span>` : '';
}

/** Renders the issue as one self-contained, email-safe, printable HTML file. */
export function renderHtml(doc: IssueDoc, opts: ExportOptions = {}): string {
  const sections = sectionsOf(doc, opts);
  const title = escapeHtml(oneLine(doc.title));
  const body: string[] = [`<h1 style="${S.h1}">${title}</h1>`];
  const date = formatDateRange(doc.date_from, doc.date_to);
  if (date) body.push(`<p class="date" style="${S.date}">${escapeHtml(date)}</p>`);

  const items = orderedItems(sections);
  if (items.length) {
    const lis = items.map((it) => `  <li class="headline" style="${S.headline}">${escapeHtml(oneLine(it.headline))}</li>`);
    body.push(`<ul class="headlines" style="${S.headlines}">\n${lis.join('\n')}\n</ul>`);
  }
  for (const section of sections) {
    if (section.heading) body.push(`<h2 style="${S.h2}">${escapeHtml(section.heading)}</h2>`);
    const lis = section.items.map(
      (it) => `  <li class="bullet" style="${S.bullet}">${escapeHtml(oneLine(it.bullet))}${sourcesHtml(it)}</li>`,
    );
    body.push(`<ul class="bullets" style="${S.bullets}">\n${lis.join('\n')}\n</ul>`);
  }
  const footer = paragraphs(doc.publication.footer);
  if (footer.length) {
    body.push(`<hr style="${S.hr}">`);
    body.push(...footer.map((p) => `<p class="footer" style="${S.footer}">${escapeHtml(p)}</p>`));
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${title}</title>`,
    `<style>${STYLE}\n</style>`,
    '</head>',
    `<body style="${S.body}">`,
    `<div class="page" style="${S.page}">`,
    `<div class="sheet" style="${S.sheet}">`,
    ...body,
    '</div>',
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
