import type { CliIO } from './io.js';
import type { IngestProgress } from '../jobs/ingest.js';

/** Progress on stderr: one rewritten counter line on a terminal, plain lines otherwise. */
export function progressReporter(io: CliIO, sourceCount: number): { hooks: IngestProgress; done(): void } {
  let sourcesDone = 0;
  let last = '';
  let lastPlain = 0;
  const line = (items: { new: number; extracted: number; irrelevant: number; failed: number }, pending: number) =>
    `sources ${sourcesDone}/${sourceCount} · items new ${items.new} · relevant ${items.extracted} · ` +
    `off-topic ${items.irrelevant} · failed ${items.failed} · in queue ${pending}`;
  let counts = { new: 0, extracted: 0, irrelevant: 0, failed: 0 };
  let pendingNow = 0;
  const draw = () => {
    const text = line(counts, pendingNow);
    if (io.tty && text !== last) io.stderr.write(`\r\x1b[2K${text}`);
    last = text;
  };
  return {
    hooks: {
      sourceDone(r) {
        sourcesDone++;
        if (io.tty) draw();
        else io.stderr.write(`source ${r.id}: ${r.not_modified ? 'unchanged (304)' : r.ok ? `${r.new} new, ${r.known} known` : `FAILED ${r.error}`}\n`);
      },
      itemDone(items, pending) {
        counts = items;
        pendingNow = pending;
        if (io.tty) draw();
        else {
          const done = items.extracted + items.irrelevant + items.failed;
          if (done - lastPlain >= 25 || pending === 0) { lastPlain = done; io.stderr.write(`${line(items, pending)}\n`); }
        }
      },
    },
    done() { if (io.tty && last) io.stderr.write('\n'); },
  };
}
