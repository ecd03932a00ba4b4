import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { describePg } from '../../support/pg.js';
import { openPgPool } from '../../../src/store/postgres/db.js';
import { poolConn } from '../../../src/store/postgres/conn.js';
import { ftsMatch, ftsTsQuery, indexItem } from '../../../src/store/postgres/fts.js';
import { ftsQuery } from '../../../src/store/review.js';

// Short texts in our own words, with what tokenizers disagree on: abbreviations with dots, hyphens, apostrophes,
// accents, numbers glued to letters, e-mail addresses, CJK without spaces, mixed case.
const DOCS: [string, string][] = [
  ['U.S. and Japan hold talks', 'The U.S. delegation met Japanese officials in Tokyo on Tuesday.'],
  ['Defense budget rises', 'The 2025 defence budget adds F-35 jets and new Aegis-equipped ships.'],
  ['Café owners protest', 'Owners of cafés in Naha said the base expansion hurts business; Zoë Ortiz spoke.'],
  ['Okinawa base relocation', "Henoko landfill work resumed after the governor's appeal failed."],
  ['日米同盟の強化', '防衛大臣は日米同盟の強化について記者会見で述べた。'],
  ['Trade deal signed', 'Contact press@example.org for the full text of the agreement on semiconductors.'],
  ['Semiconductor export rules', 'New export-control rules cover advanced chips and chip-making tools.'],
  ['Quad summit', 'Leaders of the Quad met; the U.S. president and Japan\'s prime minister issued a statement.'],
  ['Missile test condemned', 'North Korea fired a ballistic missile into the Sea of Japan, officials said.'],
  ['Yen slides', 'The yen fell to 158 per dollar; the Bank of Japan held rates at 0.25%.'],
];
const QUERIES = ['japan', 'jap', 'U.S.', 'u.s. japan', 'us', 'cafe', 'café', 'cafes', 'zoe', 'F-35', 'f35', 'f 35', 'aegis',
  "governor's", 'governor', 'export-control', 'export control', 'control export', 'chip', 'chips', 'chip-making',
  '日米同盟の強化', '防衛大臣は日米同盟の強化について記者会見で述べた', 'press@example.org', 'example', 'org',
  '0.25', '158', 'the', 'quad leaders', 'QUAD', 'bank japan rates', 'missile sea', '"missile"', 'ok*', '-', 'sea of'];

describePg('PostgreSQL full-text search', (db) => {
  test('matches the same items as SQLite FTS5 for every query', async () => {
    const lite = new Database(':memory:');
    lite.exec(`CREATE VIRTUAL TABLE items_fts USING fts5(title, text, headline, bullet, content='', contentless_delete=1,
      tokenize = 'unicode61 remove_diacritics 2')`);
    const pool = await openPgPool(db.url);
    try {
      for (const [i, [title, text]] of DOCS.entries()) {
        const id = i + 1;
        lite.prepare(`INSERT INTO items_fts (rowid, title, text, headline, bullet) VALUES (?, ?, ?, '', '')`).run(id, title, text);
        await pool.query(`INSERT INTO items (id, url, discovered_at, updated_at) VALUES ($1, $2, 'x', 'x')`, [id, `https://e.test/${id}`]);
        await indexItem(poolConn(pool), id, title, text);
      }
      let nonEmpty = 0;
      for (const q of QUERIES) {
        const fq = ftsQuery(q);
        const expected = fq ? (lite.prepare(`SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid`).pluck().all(fq) as number[]) : [];
        const tq = ftsTsQuery(q);
        const got = tq ? (await pool.query(`SELECT i.id FROM items i WHERE ${ftsMatch('i', '$1')} ORDER BY i.id`, [tq])).rows.map((r) => r.id) : [];
        assert.deepEqual(got, expected, `query ${JSON.stringify(q)}: FTS5 ${fq} vs tsquery ${tq}`);
        if (expected.length) nonEmpty++;
      }
      assert.ok(nonEmpty >= QUERIES.length - 8, `most queries match something (${nonEmpty} of ${QUERIES.length})`);
      const plan = (await pool.query(`SET enable_seqscan = off; EXPLAIN SELECT item_id FROM items_fts WHERE doc @@ $$'japan':*$$::tsquery`)) as unknown as { rows: { 'QUERY PLAN': string }[] }[];
      assert.match(plan[1].rows.map((r) => r['QUERY PLAN']).join('\n'), /items_fts_doc/, 'the GIN index serves the match');
    } finally {
      lite.close();
      await pool.end();
    }
  });
});
