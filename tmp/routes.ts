import { createApp } from "../src/app.ts";
import { openDatabase, migrate } from "../src/storage/database.ts";
(async () => {
  const database = openDatabase({ dataDir: "/tmp/quire-routes-probe" });
  await migrate(database);
  const app = createApp({ database, clock: () => new Date(), publicUrl: "" } as never);
  await app.ready();
  console.log(app.printRoutes({ commonPrefix: false }));
  process.exit(0);
})();
