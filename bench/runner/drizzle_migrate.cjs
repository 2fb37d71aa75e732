// Applies a drizzle-kit migrations folder with drizzle-orm's migrator over
// node-postgres, the way an application does at start-up.
//   node drizzle_migrate.cjs FOLDER DATABASE   (server from PGHOST/PGPORT/PGUSER)
// Modules come from bench/.cache/node (run.sh sets NODE_PATH).
const { Client } = require('pg');
const { drizzle } = require('drizzle-orm/node-postgres');
const { migrate } = require('drizzle-orm/node-postgres/migrator');

(async () => {
  const client = new Client({
    host: process.env.PGHOST,
    port: Number(process.env.PGPORT || 5432),
    user: process.env.PGUSER || 'postgres',
    database: process.argv[3],
  });
  await client.connect();
  try {
    await migrate(drizzle(client), { migrationsFolder: process.argv[2] });
  } finally {
    await client.end();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
