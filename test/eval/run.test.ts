// The eval end to end on a tiny set of its own: loopback site, the real ingest (twice per split), metrics, JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { tempDir } from '../support/temp-db.js';
import { ROOT } from '../support/cli.js';


type A = { id: string; story: string; outlet: string; published: string; title: string; paras: string[]; relevant: boolean; topics: string[]; kind: string };
const a = (id: string, story: string, outlet: string, published: string, title: string, paras: string[], relevant = true, topics = ['defense'], kind = 'member'): A =>
  ({ id, story, outlet, published, title, paras, relevant, topics, kind });

const TUNE: A[] = [
  a('z-s01-wire', 'z-s01', 'harbor-wire', '2026-04-14T06:10:00Z', 'Japan, U.S. agree to build Vantor interceptors at Komaki plant', [
    'TOKYO, April 14 (Harbor Wire) - Japan and the United States agreed on Tuesday to assemble Vantor air defense interceptors at the Komaki plant of Aoba Heavy Industries, with the first 120 missiles due in 2028.',
    'Defense Minister Shinjiro Koizumi and Secretary of Defense Pete Hegseth signed the co-production arrangement at the Defense Ministry in Tokyo. The deal is worth about $2.4 billion.',
    '"The Vantor line at Komaki will refill allied stocks faster than any other option," Koizumi told reporters after the signing.',
    'Aoba Heavy Industries will make the rocket motors and seekers, while the American partner Ridgeback Systems supplies guidance software. Officials said U.S. Forces Japan would receive part of the output.',
  ]),
  a('z-s01-kanto', 'z-s01', 'kanto-shimbun', '2026-04-14T09:30:00Z', 'Koizumi, Hegseth sign Vantor interceptor co-production deal for Komaki plant', [
    'Defense Minister Shinjiro Koizumi and U.S. Secretary of Defense Pete Hegseth on Tuesday signed an arrangement to co-produce Vantor air defense interceptors at the Komaki plant of Aoba Heavy Industries in Aichi Prefecture.',
    'Under the deal, valued at roughly 360 billion yen, the Komaki plant will deliver its first 120 Vantor missiles in 2028, the Defense Ministry said.',
    'Aoba Heavy Industries is to make the rocket motors and seekers, and Ridgeback Systems of the United States will provide the guidance software. Part of the output is earmarked for U.S. Forces Japan.',
    'The government sees the Vantor co-production as a way to refill missile stocks of both allies, which have been drawn down by transfers abroad.',
  ]),
  a('z-s02-markets', 'z-s02', 'pacific-markets', '2026-06-03T02:00:00Z', 'Hanshin Power signs 20-year Alaska LNG offtake for 1.5 million tons a year', [
    'Hanshin Power, the Osaka-based utility, signed a 20-year agreement to buy 1.5 million metric tons a year of liquefied natural gas from the planned Alaska LNG export terminal, the companies said on Wednesday.',
    'Shares of Hanshin Power rose 3.2 percent in Tokyo trading after the announcement. Deliveries of Alaska LNG are expected to begin in 2031.',
    'The Alaska LNG project, backed by the U.S. government, has sought Japanese buyers to secure financing for its 800-mile pipeline.',
    'Analysts said the Hanshin Power contract makes it the largest Japanese buyer so far and improves the energy security of the Kansai region.',
  ], true, ['energy']),
  a('z-s02-ledger', 'z-s02', 'capital-ledger', '2026-06-03T14:00:00Z', 'Osaka utility Hanshin Power commits to two decades of Alaska LNG', [
    'A utility serving Osaka and much of western Japan has agreed to take 1.5 million tons of liquefied natural gas a year from the Alaska LNG project for 20 years, giving the long-delayed American export terminal one of its biggest buyers.',
    'Hanshin Power said the first Alaska LNG cargoes should arrive in 2031, once the 800-mile pipeline and the terminal are finished.',
    'For Washington, the contract is a sign that Japanese demand can carry the financing of the project. For Hanshin Power, it is a hedge against supply shocks in the Middle East.',
    'The utility did not disclose the price, but said it was linked to U.S. natural gas benchmarks.',
  ], true, ['energy']),
  a('z-s03-ridge', 'z-s03', 'ridge-institute', '2026-09-21T15:00:00Z', 'What a shared quantum error-correction lab can do for the alliance', [
    'This commentary looks at the joint quantum error-correction laboratory that Japan and the United States opened this month at a research campus in Tsukuba.',
    'The laboratory pools about forty researchers from both countries to test logical qubits on superconducting and trapped-ion machines. Its value lies less in hardware than in shared software and benchmarks.',
    'Quantum computing research has long been split by national funding rules. A common lab lets both teams compare error rates on the same tests and publish them together.',
    'The risk is that the lab becomes a showcase. Its sponsors should judge it by whether its error-correction methods move into the machines each country builds.',
  ], true, ['technology'], 'singleton'),
  a('z-s01-state', 'z-s01', 'state-readouts', '2026-04-14T08:00:00Z', 'Secretary Hegseth and Minister Koizumi sign Vantor co-production arrangement', [
    'Secretary of Defense Pete Hegseth met Japanese Defense Minister Shinjiro Koizumi in Tokyo on April 14 and signed an arrangement for the co-production of Vantor interceptors at Komaki.',
    'The two sides affirmed that co-production strengthens the deterrence of the alliance and the readiness of U.S. Forces Japan and the Self-Defense Forces.',
    'The Secretary welcomed the participation of Aoba Heavy Industries and Ridgeback Systems and noted that the first 120 interceptors are scheduled for 2028.',
    'The two leaders agreed to review progress of the Vantor program at the next meeting of their defense ministers.',
  ]),
  a('z-o01-kanto', 'z-o01', 'kanto-shimbun', '2026-01-19T04:00:00Z', 'Heavy snow halts trains across Hokkaido for second day', [
    'Heavy snow stopped most trains across Hokkaido for a second day on Monday, stranding thousands of travelers at stations in Sapporo and Asahikawa.',
    'The Japan Meteorological Agency said up to 80 centimeters of snow fell in 24 hours in parts of the prefecture and warned of avalanches in mountain areas.',
    'Rail operators said they hoped to restart limited services by Tuesday evening, but highway closures also cut off several towns.',
    'Local governments opened shelters in school gymnasiums for people unable to get home.',
  ], false, [], 'off-topic'),
  a('z-o02-wire', 'z-o02', 'harbor-wire', '2026-02-10T18:00:00Z', 'Army orders 4,000 small drones for infantry squads', [
    'WASHINGTON, Feb. 10 (Harbor Wire) - The U.S. Army ordered 4,000 small reconnaissance drones for infantry squads on Tuesday, the Pentagon said.',
    'The contract, worth $310 million, goes to a Texas firm that will deliver the drones over three years.',
    '"Every squad will have its own eyes in the sky," an Army spokesperson said.',
    'Lawmakers have pushed the service to buy drones faster after studying recent wars in Europe.',
  ], false, [], 'off-topic'),
];

const HOLDOUT: A[] = [
  a('zh-s01-wire', 'zh-s01', 'harbor-wire', '2026-08-05T03:00:00Z', 'Motegi, Rubio discuss Korean Peninsula in phone call', [
    'TOKYO, Aug. 5 (Harbor Wire) - Foreign Minister Toshimitsu Motegi and U.S. Secretary of State Marco Rubio held a 30-minute phone call on Wednesday on North Korea and the Korean Peninsula.',
    'The two ministers agreed to keep close coordination with South Korea after a new North Korean missile launch, Japan\'s Foreign Ministry said.',
    'Motegi also asked for continued cooperation on the abductions issue, and Rubio expressed support, the ministry said.',
    'They agreed to meet in person at the ASEAN meetings later this month.',
  ], true, ['diplomacy']),
  a('zh-s01-gaimu', 'zh-s01', 'gaimu-readouts', '2026-08-05T02:30:00Z', 'Japan-U.S. Foreign Ministers\' Telephone Talk', [
    'On August 5, commencing at 9:30 a.m. for approximately 30 minutes, Mr. MOTEGI Toshimitsu, Minister for Foreign Affairs, held a telephone talk with the Honorable Marco Rubio, Secretary of State of the United States.',
    'The two ministers exchanged views on the recent missile launch by North Korea and confirmed close coordination between Japan and the United States and among Japan, the United States and the Republic of Korea.',
    'Minister Motegi requested continued understanding and cooperation toward the immediate resolution of the abductions issue, and Secretary Rubio expressed support.',
    'The two ministers confirmed that they would meet in person on the occasion of the ASEAN-related Foreign Ministers\' Meetings.',
  ], true, ['diplomacy']),
];

test('npm run eval on a tiny set: JSON shape, stories, relevance and topics reflect the set', { timeout: 20_000 }, () => {
  const { dir, cleanup } = tempDir();
  try {
    mkdirSync(join(dir, 'tune'));
    mkdirSync(join(dir, 'holdout'));
    writeFileSync(join(dir, 'tune', 'z.json'), JSON.stringify({ split: 'tune', articles: TUNE }));
    writeFileSync(join(dir, 'holdout', 'zh.json'), JSON.stringify({ split: 'holdout', articles: HOLDOUT }));
    const t0 = Date.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'eval/run.ts', '--sets', dir, '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 18_000 });
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout); // exactly one JSON object on stdout
    assert.ok(Date.now() - t0 < 18_000);

    for (const fig of [j, j.holdout]) {
      assert.deepEqual(Object.keys(fig.clustering).sort(), ['bcubed_f1', 'precision', 'recall']);
      assert.deepEqual(Object.keys(fig.relevance).sort(), ['precision', 'recall']);
      assert.deepEqual(Object.keys(fig.topics), ['accuracy']);
      for (const x of [...Object.values(fig.clustering), ...Object.values(fig.relevance), fig.topics.accuracy]) {
        assert.ok(typeof x === 'number' && x >= 0 && x <= 1, `figure ${x}`);
      }
    }
    assert.deepEqual(j.sizes, { articles: 10, stories: 4, hard_negatives: 0, relevance_items: 10, off_topic: 2 });
    assert.deepEqual(j.sizes_by_split.tune, { articles: 8, stories: 3, hard_negatives: 0, relevance_items: 8, off_topic: 2 });
    assert.deepEqual(j.problems, []);

    const p = j.details.tune.predictions;
    // The two wire/newspaper reports of one signing end in one story; the LNG deal is another story.
    assert.ok(p['z-s01-wire'].story, 'the wire report has a story');
    assert.equal(p['z-s01-wire'].story, p['z-s01-kanto'].story);
    assert.equal(p['z-s02-markets'].story, p['z-s02-ledger'].story);
    assert.notEqual(p['z-s01-wire'].story, p['z-s02-markets'].story);
    assert.notEqual(p['z-s03-ridge'].story, p['z-s01-wire'].story);
    assert.equal(j.clustering.precision, 1);
    // The repo's rules set aside the Hokkaido snow and the Army drones stories and keep the rest.
    assert.equal(p['z-o01-kanto'].relevant, false);
    assert.equal(p['z-o02-wire'].relevant, false);
    assert.deepEqual(j.relevance, { precision: 1, recall: 1 });
    assert.equal(j.details.tune.relevance.tp, 6);
    // Topics come from the desk's drafts: the interceptor deal is defense, the LNG deal energy.
    assert.equal(p['z-s01-wire'].topics[0], 'defense');
    assert.equal(p['z-s02-ledger'].topics[0], 'energy');
    assert.equal(j.confusion.tune.defense.defense, 3);
    // Holdout: the phone call and its readout are one story.
    assert.deepEqual(j.holdout.clustering, { precision: 1, recall: 1, bcubed_f1: 1 });
    assert.equal(j.holdout.topics.accuracy, 1);
    assert.match(j.clustering_mode, /all_of: \[\]/);
  } finally {
    cleanup();
  }
});
