import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { renderDocx } from '../../src/export/index.js';
import { oneLine } from '../../src/export/shape.js';
import { HOSTILE_HEADLINE, HOSTILE_URL, makeIssue } from './fixture.js';
import { docxParagraphs, unzip } from './support.js';

const doc = makeIssue();
const ORDER = [101, 106, 103, 105, 102, 104];

async function open(groupByTopic: boolean) {
  const buf = await renderDocx(doc, { groupByTopic });
  const files = unzip(buf);
  const part = (name: string): string => {
    const f = files.get(name);
    assert.ok(f, `${name} is in the package`);
    return f.toString('utf8');
  };
  return { buf, files, part, paragraphs: docxParagraphs(part('word/document.xml')) };
}

test('docx: Title paragraph, real bulleted lists in order, footer last', async () => {
  const { files, part, paragraphs } = await open(false);
  for (const name of ['[Content_Types].xml', '_rels/.rels', 'word/styles.xml', 'word/numbering.xml']) assert.ok(files.has(name), name);
  assert.deepEqual(paragraphs[0], { style: 'Title', list: false, text: doc.title, hyperlinks: [] });
  assert.equal(paragraphs[1]!.text, 'November 10–23, 2026');
  const listed = paragraphs.filter((p) => p.list);
  assert.equal(listed.length, 2 * doc.items.length);
  doc.items.forEach((it, i) => {
    assert.equal(listed[i]!.text, oneLine(it.headline));
    assert.ok(listed[i + doc.items.length]!.text.startsWith(oneLine(it.bullet)), `bullet ${i}`);
  });
  assert.equal(listed[3]!.text, HOSTILE_HEADLINE, 'hostile text kept as plain text');
  assert.equal(paragraphs.at(-1)!.text, 'To get it by email, write to digest@example.org.');
  assert.ok(!paragraphs.at(-1)!.list);
  // The list is a numbering definition with bullet format, not dashes typed into text.
  assert.match(part('word/numbering.xml'), /<w:numFmt w:val="bullet"\/>/);
  assert.ok(!listed.some((p) => /^[-•*]\s/.test(p.text)));
});

test('docx: sources are external hyperlinks, only http(s)', async () => {
  const { part, paragraphs } = await open(false);
  const rels = part('word/_rels/document.xml.rels');
  const targets = new Map(
    [...rels.matchAll(/<Relationship Id="([^"]+)" Type="[^"]+\/hyperlink" Target="([^"]+)" TargetMode="External"\/>/g)].map((m) => [m[1]!, m[2]!]),
  );
  const bullets = paragraphs.filter((p) => p.list).slice(doc.items.length);
  const linked = bullets.map((p) => p.hyperlinks.map((id) => targets.get(id)?.replace(/&amp;/g, '&')));
  assert.deepEqual(linked[0], doc.items[0]!.links.map((l) => l.url));
  assert.deepEqual(linked[3], [], 'the javascript: source is named, not linked');
  assert.ok(bullets[3]!.text.endsWith('(Evil Feed)'));
  assert.equal([...targets.values()].length, 7);
  assert.ok(!rels.includes(HOSTILE_URL) && !part('word/document.xml').includes('javascript:alert(document'));
});

test('docx grouped: Heading 1 per topic in taxonomy order, items under their heading', async () => {
  const { paragraphs } = await open(true);
  const headings = paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text);
  assert.deepEqual(headings, ['Diplomacy', 'Defense', 'Economic Security', 'Energy', 'Other']);
  const byId = new Map(doc.items.map((it) => [it.item_id, it]));
  const bullets = paragraphs.filter((p) => p.list).slice(doc.items.length);
  ORDER.forEach((id, i) => assert.ok(bullets[i]!.text.startsWith(oneLine(byId.get(id)!.bullet)), `item ${id} at ${i}`));
  const defense = paragraphs.findIndex((p) => p.text === 'Defense');
  assert.ok(paragraphs[defense + 1]!.text.startsWith(oneLine(byId.get(103)!.bullet)));
});

function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

test('docx opens in LibreOffice (converted to PDF)', { timeout: 120_000 }, async (t) => {
  const soffice = which('soffice') ?? which('libreoffice');
  if (!soffice) return t.skip('LibreOffice not installed (apt-get install libreoffice-writer-nogui to run this check)');
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-docx-'));
  try {
    const { buf } = await open(true);
    writeFileSync(join(dir, 'issue.docx'), buf);
    // A private profile: a user's running LibreOffice or a stale lock must not block the conversion.
    const r = spawnSync(
      soffice,
      [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'issue.docx')],
      { encoding: 'utf8', timeout: 100_000 },
    );
    assert.equal(r.status, 0, `soffice failed: ${r.stderr || r.stdout || r.error}`);
    const pdf = join(dir, 'issue.pdf');
    assert.ok(statSync(pdf).size > 1_000, 'non-empty PDF');
    assert.equal(readFileSync(pdf).subarray(0, 5).toString('latin1'), '%PDF-');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
