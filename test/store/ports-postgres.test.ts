import { describePg, freshSchema } from '../support/pg.js';
import { openPostgresPorts } from '../../src/store/postgres/index.js';
import { portSuite } from './port-suite.js';

describePg('store ports on PostgreSQL', (db) => {
  /** Each test of the suite on a fresh schema of this file's database, dropped after. */
  async function openFresh() {
    const schema = await freshSchema(db.url);
    try {
      const h = await openPostgresPorts(schema.url, { max: 4 });
      return { ports: h.ports, close: async () => { await h.close(); await schema.drop(); } };
    } catch (err) {
      await schema.drop();
      throw err;
    }
  }
  portSuite('postgres', openFresh);
});
