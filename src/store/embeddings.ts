import type { Db } from './db.js';

/** The same table as migrations/007_embeddings.sql, for a file already past version 7 when that migration was added. */
const TABLE = `CREATE TABLE IF NOT EXISTS item_embeddings (
  item_id INTEGER NOT NULL, model TEXT NOT NULL, dims INTEGER NOT NULL, vector BLOB NOT NULL, at TEXT NOT NULL,
  PRIMARY KEY (item_id, model)) WITHOUT ROWID`;

function toBlob(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

function fromBlob(b: Buffer, dims: number): Float32Array {
  // Copied: the Buffer may sit at an offset that is not a multiple of 4 in a shared pool.
  const out = new Float32Array(dims);
  new Uint8Array(out.buffer).set(b.subarray(0, dims * 4));
  return out;
}

/** The embeddings cache: one float32 vector per item and model; written once, never refreshed. */
export function embeddingQueries(db: Db) {
  let ready = false;
  const ensure = () => {
    if (!ready && !db.readonly) db.exec(TABLE);
    ready = true;
  };
  let get: ReturnType<typeof prepGet> | undefined;
  let put: ReturnType<typeof prepPut> | undefined;
  let near: ReturnType<typeof prepNear> | undefined;
  const prepNear = () => db.prepare<[string, number, number, number]>(`SELECT e.item_id AS id, e.dims, e.vector FROM story_features f
    JOIN item_embeddings e ON e.item_id = f.item_id AND e.model = ? WHERE f.day BETWEEN ? AND ? ORDER BY f.day DESC, f.item_id DESC LIMIT ?`);
  const prepGet = () => db.prepare<[number, string]>('SELECT dims, vector FROM item_embeddings WHERE item_id = ? AND model = ?');
  const prepPut = () => db.prepare<[number, string, number, Buffer, string]>(
    'INSERT OR IGNORE INTO item_embeddings (item_id, model, dims, vector, at) VALUES (?, ?, ?, ?, ?)');
  return {
    /** The cached vector of an item for `model`. */
    itemVector(id: number, model: string): Float32Array | undefined {
      ensure();
      get ??= prepGet();
      const row = get.get(id, model) as { dims: number; vector: Buffer } | undefined;
      return row ? fromBlob(row.vector, row.dims) : undefined;
    },
    /** The ids among `ids` that have no vector for `model` yet. */
    missingVectors(ids: number[], model: string): number[] {
      ensure();
      if (ids.length === 0) return [];
      const have = new Set((db.prepare('SELECT item_id FROM item_embeddings WHERE model = ? AND item_id IN (SELECT value FROM json_each(?))')
        .all(model, JSON.stringify(ids)) as { item_id: number }[]).map((r) => r.item_id));
      return ids.filter((id) => !have.has(id));
    },
    /** Clustered items with a vector for `model` filed on a day in [lo, hi], most recent first, at most `cap`. */
    vectorsInWindow(model: string, lo: number, hi: number, cap: number): { id: number; vector: Float32Array }[] {
      ensure();
      near ??= prepNear();
      return (near.all(model, lo, hi, cap) as { id: number; dims: number; vector: Buffer }[]).map((r) => ({ id: r.id, vector: fromBlob(r.vector, r.dims) }));
    },
    /** Stores vectors (an existing one is kept: an item is embedded once). */
    putItemVectors(rows: { id: number; vector: Float32Array }[], model: string, now: string): void {
      ensure();
      put ??= prepPut();
      const stmt = put;
      db.transaction(() => { for (const r of rows) stmt.run(r.id, model, r.vector.length, toBlob(r.vector), now); })();
    },
  };
}
