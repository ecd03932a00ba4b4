import type { FixtureArticle } from './site.js';

/** A government readout and a wire story about the same call, in different words (fiction written for the tests). */
export const READOUT: FixtureArticle = {
  slug: 'readout', title: 'Japan-U.S. Vice-Ministerial Telephone Talk', date: '2026-11-17T09:00:00Z', paragraphs: [
    'On November 17, commencing at 8:00 p.m. for approximately 40 minutes, Mr. Kenta Oshiro, Vice-Minister for Foreign Affairs of Japan, held a telephone talk with Ms. Margaret Hale, Deputy Secretary of State of the United States.',
    'The two sides confirmed that Japan and the United States will continue close coordination in supporting Ukraine, including on energy infrastructure repairs ahead of the winter.',
    'Vice-Minister Oshiro and Deputy Secretary Hale also exchanged views on North Korea and agreed to hold the next trilateral vice-ministerial meeting with the Republic of Korea in Seoul early next year.',
  ],
};

export const WIRE: FixtureArticle = {
  slug: 'wire', title: "U.S., Japan vow coordination on Ukraine in deputies' call", date: '2026-11-17T14:00:00Z', paragraphs: [
    'TOKYO -- Japanese Vice Foreign Minister Kenta Oshiro and U.S. Deputy Secretary of State Margaret Hale pledged on Tuesday to keep working in step on aid for Ukraine, as Kyiv braces for another winter of strikes on its power grid.',
    'In a call lasting about 40 minutes, the two officials discussed repairs to Ukrainian energy infrastructure and the threat posed by North Korea, according to a statement from Tokyo.',
    'Hale and Oshiro are expected to meet their South Korean counterpart in Seoul early next year for a trilateral session, the statement said.',
  ],
};

/** A different event with the same actors, a month later: must stay a separate story. */
export const LATER_CALL: FixtureArticle = {
  slug: 'later', title: 'Japan, U.S. deputies discuss shipbuilding cooperation', date: '2026-12-18T09:00:00Z', paragraphs: [
    'Japanese Vice Foreign Minister Kenta Oshiro and U.S. Deputy Secretary of State Margaret Hale spoke by phone on Thursday about cooperation on ship repair, a month after their call on Ukraine.',
    'The two discussed letting Japanese yards in Nagasaki and Yokosuka service more American warships, officials in Tokyo said.',
  ],
};

/** A follow-up: more coverage of the November 17 call, arriving after the issue that ran it was published. */
export const FOLLOW_UP: FixtureArticle = {
  slug: 'follow', title: 'Oshiro, Hale call sets stage for Seoul trilateral on Ukraine aid', date: '2026-11-19T08:00:00Z', paragraphs: [
    'The telephone talk between Vice Foreign Minister Kenta Oshiro and Deputy Secretary of State Margaret Hale on November 17 set up a trilateral meeting in Seoul on aid for Ukraine and North Korea, diplomats in Tokyo said.',
    'Officials from Japan and the United States said the 40-minute call covered energy infrastructure repairs in Ukraine before winter.',
  ],
};
