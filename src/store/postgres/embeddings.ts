import type { Conn } from './conn.js';
import type { EmbeddingsPort } from '../ports.js';

const toBytes = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
function fromBytes(b: Buffer, dims: number): Float32Array {
  const out = new Float32Array(dims);
  new Uint8Array(out.buffer).set(b.subarray(0, dims * 4));
  return out;
}

/** The embeddings cache on PostgreSQL (float32 little-endian in bytea, as SQLite stores its blob). */
export function pgEmbeddings(db: Conn): EmbeddingsPort {
  return {
    async itemVector(id, model) {
      const r = await db.one<{ dims: number; vector: Buffer }>(`SELECT dims, vector FROM item_embeddings WHERE item_id = @id AND model = @model`, { id, model });
      return r ? fromBytes(r.vector, r.dims) : undefined;
    },
    async missingVectors(ids, model) {
      if (!ids.length) return [];
      const have = new Set((await db.all<{ item_id: number }>(`SELECT item_id FROM item_embeddings WHERE model = @model AND item_id = ANY (@ids::int[])`,
        { model, ids })).map((r) => r.item_id));
      return ids.filter((id) => !have.has(id));
    },
    async vectorsInWindow(model, lo, hi, cap) {
      return (await db.all<{ id: number; dims: number; vector: Buffer }>(`SELECT e.item_id AS id, e.dims, e.vector FROM story_features f
          JOIN item_embeddings e ON e.item_id = f.item_id AND e.model = @model WHERE f.day BETWEEN @lo AND @hi
          ORDER BY f.day DESC, f.item_id DESC LIMIT @cap`, { model, lo, hi, cap }))
        .map((r) => ({ id: r.id, vector: fromBytes(r.vector, r.dims) }));
    },
    async putItemVectors(rows, model, now) {
      if (!rows.length) return;
      await db.run(`INSERT INTO item_embeddings (item_id, model, dims, vector, at)
          SELECT id, @model, dims, vector, @now FROM unnest(@ids::int[], @dims::int[], @vectors::bytea[]) AS u(id, dims, vector)
        ON CONFLICT DO NOTHING`,
      { model, now, ids: rows.map((r) => r.id), dims: rows.map((r) => r.vector.length), vectors: rows.map((r) => toBytes(r.vector)) });
    },
  };
}
