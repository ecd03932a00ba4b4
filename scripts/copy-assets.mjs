// Copies the non-TypeScript files the program reads at run time (SQL migrations, web assets) into dist/.
import { cpSync, existsSync } from 'node:fs';

for (const dir of ['store/migrations', 'store/postgres/migrations', 'web/static']) {
  if (existsSync(`src/${dir}`)) cpSync(`src/${dir}`, `dist/${dir}`, { recursive: true });
}
