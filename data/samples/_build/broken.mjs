// Harbor Ledger: a fictional small trade-and-logistics newsletter whose feed generator is broken.
// All text written for the newsdesk demo corpus.
export const outlet = 'broken-feed';

export const articles = [
  {
    slug: 'nagoya-port-car-exports-rise',
    title: `Car shipments from Nagoya to U.S. ports rise despite tariff`,
    desc: `Vehicle exports from Nagoya to the United States rose 6 percent in October as automakers shipped more hybrids ahead of year-end sales.`,
    time: '2026-11-18T10:00', author: 'Sayaka Iwai',
    relevant: true, topic: 'economy-trade', story: null,
    paras: [
      `Vehicle exports from the Port of Nagoya to the United States rose 6 percent in October from a year earlier to about 58,000 units, according to figures released Tuesday by the port authority, as automakers shipped more hybrid models to American dealers ahead of year-end sales.`,
      `The increase came even though Japanese cars still face a 15 percent U.S. tariff under the 2025 agreement, compared with 2.5 percent before. Analysts say automakers have mostly absorbed the cost by accepting thinner margins rather than raising sticker prices.`,
      `Nagoya is Japan's largest port by trade value and the main export gateway for automakers in Aichi Prefecture. Car carriers leaving the port typically call at Long Beach, Baltimore and Jacksonville.`,
      `Port officials said congestion at the terminals had eased since a new vehicle-processing yard opened in September, cutting the average time export cars wait at the quay to 4.5 days from six.`,
      `Shipping lines have added capacity on trans-Pacific car routes after taking delivery of new vessels, and charter rates for car carriers have fallen about 20 percent this year, lowering costs for exporters.`,
    ],
  },
  {
    slug: 'kobe-drone-maker-denver-software-jv',
    title: `Kobe drone maker and U.S. software firm form bridge-inspection venture`,
    desc: `Sorakaze Robotics and Denver-based Tallgrass Vision will sell AI-assisted bridge and tunnel inspections in Japan and the United States.`,
    time: '2026-11-20T14:30', author: 'Sayaka Iwai',
    relevant: true, topic: 'technology', story: null,
    paras: [
      `Sorakaze Robotics, a Kobe-based maker of industrial drones, said Friday it will form a joint venture with Tallgrass Vision, a Denver software company, to sell AI-assisted inspections of bridges and tunnels in Japan and the United States.`,
      `The venture, headquartered in Kobe with a sales office in Colorado, will be 51 percent owned by Sorakaze. It will pair Sorakaze's drones, which can fly inside steel box girders where satellite positioning signals do not reach, with Tallgrass software that flags cracks and corrosion in camera and laser data.`,
      `Japan has about 730,000 road bridges, more than half of which will be over 50 years old by 2030, and many municipalities are short of qualified inspectors. American states face a similar backlog, with more than 40,000 bridges rated in poor condition.`,
      `The companies said they would seek approval for their method under the infrastructure ministry's guidelines, which since 2019 have allowed drone-based inspections to replace some close visual checks by engineers.`,
      `Financial terms were not disclosed. Sorakaze raised money from a government-backed startup program in 2024 and employs about 60 people.`,
    ],
  },
  {
    slug: 'hokkaido-autumn-salmon-record-low',
    title: `Hokkaido autumn salmon catch hits record low as waters warm`,
    desc: `Set-net operators along the Okhotsk coast report empty days as the catch falls to its lowest level since 1970.`,
    time: '2026-11-22T08:00', author: 'Harbor Ledger desk',
    relevant: false, topic: null, story: null,
    paras: [
      `Hokkaido's autumn salmon catch fell to about 9,800 tonnes as of mid-November, the lowest for the period since records began in 1970, according to a prefectural fisheries research body, as warmer coastal waters kept fish offshore.`,
      `Set-net operators in Nemuro and along the Okhotsk coast said many days passed without a single fish. Prices at the Kushiro wholesale market climbed above 1,500 yen per kilogram for female salmon, nearly double the level of three years ago.`,
      `Researchers blame marine heat waves that have lifted sea temperatures off eastern Hokkaido by 2 to 3 degrees in recent autumns, hurting the survival of young salmon released from hatcheries.`,
      `Processors have turned to imported salmon roe from Russia and Norway to meet year-end demand for ikura, a staple of New Year dishes, and some have cut production lines.`,
      `The prefecture plans to test releasing larger fry, which are thought to cope better with warm water, starting next spring.`,
    ],
  },
];
