import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences } from '../../src/summarize/sentences.js';

// [input, expected sentences]
const CASES: [string, string[]][] = [
  ['Officials met in the U.S. The talks ended.', ['Officials met in the U.S.', 'The talks ended.']],
  ['U.S. President Joe Biden spoke. He left.', ['U.S. President Joe Biden spoke.', 'He left.']],
  ['Talks involved the U.K. and the U.S. Navy on Monday. Both agreed.', ['Talks involved the U.K. and the U.S. Navy on Monday.', 'Both agreed.']],
  ['Adm. Samuel Paparo hosted the chiefs. They met twice.', ['Adm. Samuel Paparo hosted the chiefs.', 'They met twice.']],
  ['Lt. Gen. James Bierman and Col. Ito spoke. Nothing changed.', ['Lt. Gen. James Bierman and Col. Ito spoke.', 'Nothing changed.']],
  ['Sen. Smith and Rep. Jones wrote to Dr. Tanaka and Mr. Sato. Ms. Ito replied.', ['Sen. Smith and Rep. Jones wrote to Dr. Tanaka and Mr. Sato.', 'Ms. Ito replied.']],
  ['The bill passed on Sept. 11 after debate. It now goes to the Diet.', ['The bill passed on Sept. 11 after debate.', 'It now goes to the Diet.']],
  ['The vote is set for Jan. 5. Lawmakers are divided.', ['The vote is set for Jan. 5.', 'Lawmakers are divided.']],
  ['Talks on Feb. 15 and Dec. 3 went well. Good.', ['Talks on Feb. 15 and Dec. 3 went well.', 'Good.']],
  ['He ranked No. 2 in the poll. His rival was third.', ['He ranked No. 2 in the poll.', 'His rival was third.']],
  ['John F. Kennedy visited. So did George W. Bush.', ['John F. Kennedy visited.', 'So did George W. Bush.']],
  ['Growth was 1.5 percent. Prices rose 2.3%.', ['Growth was 1.5 percent.', 'Prices rose 2.3%.']],
  ['Sales hit $3.5 billion. Profit fell.', ['Sales hit $3.5 billion.', 'Profit fell.']],
  ['He paused... then continued. The end.', ['He paused... then continued.', 'The end.']],
  ['The talks were hard… But they ended well.', ['The talks were hard…', 'But they ended well.']],
  ['The plan would help ... Japan and its partners.', ['The plan would help ... Japan and its partners.']],
  ['"We are ready," he said. "Japan will act."', ['"We are ready," he said.', '"Japan will act."']],
  ['She said: “The alliance is strong.” The minister then left.', ['She said: “The alliance is strong.”', 'The minister then left.']],
  ['Is this the end? Officials said no.', ['Is this the end?', 'Officials said no.']],
  ['He asked "why?" and left. Fine!', ['He asked "why?" and left.', 'Fine!']],
  ['Toyota Motor Corp. President Koji Sato spoke. Shares rose.', ['Toyota Motor Corp. President Koji Sato spoke.', 'Shares rose.']],
  ['It was signed by Daiwa Securities Co. Ltd. The price was not disclosed.', ['It was signed by Daiwa Securities Co. Ltd.', 'The price was not disclosed.']],
  ['He left (as expected.) Then she spoke.', ['He left (as expected.)', 'Then she spoke.']],
  ['Japan and the U.S.\n\nThe talks continue', ['Japan and the U.S.', 'The talks continue']],
  ['Key points\n\nThe bill passed.', ['Key points', 'The bill passed.']],
  ['The bill\npassed today. It goes\non.', ['The bill passed today.', 'It goes on.']],
  ['The ratio was 3 vs. 4 in the poll. It was close.', ['The ratio was 3 vs. 4 in the poll.', 'It was close.']],
  ['The meeting at 3 p.m. Tokyo time ended early. Nobody spoke.', ['The meeting at 3 p.m. Tokyo time ended early.', 'Nobody spoke.']],
  ['The talks end at 5 p.m. The vote follows.', ['The talks end at 5 p.m.', 'The vote follows.']],
  ['The firm, based in the U.S., will expand. It said so.', ['The firm, based in the U.S., will expand.', 'It said so.']],
  ['Tools, e.g. lathes, are covered, i.e. Exports. Others are not.', ['Tools, e.g. lathes, are covered, i.e. Exports.', 'Others are not.']],
  ['He works at St. Luke\'s hospital. It is new.', ['He works at St. Luke\'s hospital.', 'It is new.']],
  ['The fleet has 200 ships. 1,500 aircraft support it.', ['The fleet has 200 ships.', '1,500 aircraft support it.']],
  ['It was approved. the next step is unclear.', ['It was approved. the next step is unclear.']],
  ['\'Quoted,\' she said. Next one.', ['\'Quoted,\' she said.', 'Next one.']],
  ['First para.\r\n\r\n   \r\nSecond para.', ['First para.', 'Second para.']],
  // Issue 14: "U.S." before a capital inside a hyphenated name, titles, initials, quotes that go on.
  ['It is an integral part of the Japan-U.S. Alliance and both sides agreed. It ends.', ['It is an integral part of the Japan-U.S. Alliance and both sides agreed.', 'It ends.']],
  ['They signed notes on the Japan-U.S. Security Cooperation Fund. The fund is new.', ['They signed notes on the Japan-U.S. Security Cooperation Fund.', 'The fund is new.']],
  ['The U.S. Forces Japan commander spoke. He left.', ['The U.S. Forces Japan commander spoke.', 'He left.']],
  ['Mr. NAKAZONO Keiji attended. Gen. Brown spoke to Dr. Ito.', ['Mr. NAKAZONO Keiji attended.', 'Gen. Brown spoke to Dr. Ito.']],
  ['J. Smith and A. B. Jones signed. The deal closed.', ['J. Smith and A. B. Jones signed.', 'The deal closed.']],
  ['The fund is No. 3 in size. On Jan. 14 it opens.', ['The fund is No. 3 in size.', 'On Jan. 14 it opens.']],
  ['Growth slowed to 3.5 percent from 4.25 percent. Prices rose.', ['Growth slowed to 3.5 percent from 4.25 percent.', 'Prices rose.']],
  ['"We are ready. Japan will act," he said. Then he left.', ['"We are ready. Japan will act," he said.', 'Then he left.']],
  ['“It is a small deal. It shows the process works,” she said. Talks go on.', ['“It is a small deal. It shows the process works,” she said.', 'Talks go on.']],
  ['It was held in Washington, D.C. The talks lasted two hours.', ['It was held in Washington, D.C.', 'The talks lasted two hours.']],
  ['He met Maj. Gen. Roger Turner on Nov. 9 in Naha. They spoke.', ['He met Maj. Gen. Roger Turner on Nov. 9 in Naha.', 'They spoke.']],
];

for (const [input, expected] of CASES) {
  test(`splitSentences: ${JSON.stringify(input).slice(0, 70)}`, () => {
    assert.deepEqual(splitSentences(input), expected);
  });
}

test('splitSentences returns nothing for blank text', () => {
  assert.deepEqual(splitSentences(' \n\n \n'), []);
});

test('a sentence may open with an amount, and Chinese/Japanese full stops end sentences', () => {
  assert.deepEqual(splitSentences('Mario runs by himself. $10 is the price.'), ['Mario runs by himself.', '$10 is the price.']);
  assert.deepEqual(splitSentences('日米は会談した。協力を確認した！次は東京で。'), ['日米は会談した。', '協力を確認した！', '次は東京で。']);
  assert.deepEqual(splitSentences('「会談は有意義だった。」と述べた。'), ['「会談は有意義だった。」と述べた。']);
  assert.deepEqual(splitSentences('日米首脳が会談した！関税も議題に？結論は来月。'), ['日米首脳が会談した！', '関税も議題に？', '結論は来月。']);
  assert.deepEqual(splitSentences('首相は「同盟は強固だ。協力を続ける。」と述べた。米側も歓迎した。'), ['首相は「同盟は強固だ。協力を続ける。」と述べた。', '米側も歓迎した。']);
  assert.deepEqual(splitSentences('Japan and the U.S. met.日米は会談した。'), ['Japan and the U.S. met.', '日米は会談した。']);
});
