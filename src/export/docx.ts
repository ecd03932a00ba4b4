/**
 * IssueDoc → Word document (the `docx` package): Title and Heading 1 styles, real bulleted lists
 * (a numbering definition with bullet format), hyperlinked sources, the footer as the closing
 * paragraph. The package stamps the creation time into docProps/core.xml, so bytes differ per run.
 */
import {
  AlignmentType, Document, ExternalHyperlink, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun,
} from 'docx';
import type { IssueDoc, IssueDocItem } from '../domain/types.js';
import {
  type ExportOptions, formatDateRange, oneLine, orderedItems, paragraphs, sectionsOf, sourceLinks,
} from './shape.js';

const BULLETS = 'newsdesk-bullets';

/** A bulleted paragraph of the numbering definition above; `instance` keeps lists apart. */
function listParagraph(children: (TextRun | ExternalHyperlink)[], instance: number, spacingAfter: number): Paragraph {
  return new Paragraph({ children, numbering: { reference: BULLETS, level: 0, instance }, spacing: { after: spacingAfter } });
}

/** Bullet text followed by "(Source; Source)" with each http(s) source a hyperlink. */
function bulletRuns(item: IssueDocItem): (TextRun | ExternalHyperlink)[] {
  const runs: (TextRun | ExternalHyperlink)[] = [new TextRun(oneLine(item.bullet))];
  const links = sourceLinks(item);
  if (!links.length) return runs;
  runs.push(new TextRun(' ('));
  links.forEach((l, i) => {
    if (i > 0) runs.push(new TextRun('; '));
    runs.push(
      l.href
        ? new ExternalHyperlink({ link: l.href, children: [new TextRun({ text: l.source, style: 'Hyperlink' })] })
        : new TextRun(l.source),
    );
  });
  runs.push(new TextRun(')'));
  return runs;
}

/** Renders the issue as a .docx file (Word and LibreOffice). */
export async function renderDocx(doc: IssueDoc, opts: ExportOptions = {}): Promise<Buffer> {
  const sections = sectionsOf(doc, opts);
  const title = oneLine(doc.title);
  const body: Paragraph[] = [new Paragraph({ text: title, heading: HeadingLevel.TITLE })];
  const date = formatDateRange(doc.date_from, doc.date_to);
  if (date) body.push(new Paragraph({ children: [new TextRun({ text: date, italics: true, color: '555555' })], spacing: { after: 240 } }));

  let instance = 0;
  const items = orderedItems(sections);
  if (items.length) {
    instance += 1;
    for (const it of items) body.push(listParagraph([new TextRun({ text: oneLine(it.headline), bold: true })], instance, 40));
    body.push(new Paragraph({ text: '' }));
  }
  for (const section of sections) {
    if (section.heading) body.push(new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_1, spacing: { before: 280, after: 100 } }));
    instance += 1;
    for (const it of section.items) body.push(listParagraph(bulletRuns(it), instance, 160));
  }
  for (const p of paragraphs(doc.publication.footer)) {
    body.push(new Paragraph({ children: [new TextRun({ text: p, size: 18, color: '555555' })], spacing: { before: 240 } }));
  }

  const document = new Document({
    title,
    creator: oneLine(doc.publication.name) || 'newsdesk',
    description: `${title}${date ? ` (${date})` : ''}`,
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    numbering: {
      config: [{
        reference: BULLETS,
        levels: [{
          level: 0,
          format: LevelFormat.BULLET,
          text: '\u2022',
          alignment: AlignmentType.LEFT,
          style: { paragraph: { indent: { left: 360, hanging: 360 } } },
        }],
      }],
    },
    sections: [{ children: body }],
  });
  return Packer.toBuffer(document);
}
