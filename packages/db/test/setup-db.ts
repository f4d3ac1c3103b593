// Gives each test file a fresh database before @suture/core reads its env.
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import postgres from "postgres";

const engine = process.env.SUTURE_TEST_DB;
if (engine === "postgres") {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) {
    throw new Error(
      "TEST_DATABASE_URL is not set: run `pnpm test`, which starts a PostgreSQL server, or point it at one",
    );
  }
  const name = `suture_test_${randomBytes(6).toString("hex")}`;
  const sql = postgres(admin, { max: 1, onnotice: () => {} });
  await sql.unsafe(`create database ${name}`);
  await sql.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  process.env.SUTURE_AUTO_ROUTE ??= "1";
  // What the embedded defaults keep in the data folder (the executor's keys) stays in memory.
  process.env.SUTURE_DATA_DIR ??= "memory://";
  // Required with DATABASE_URL, as on every PostgreSQL deployment.
  process.env.SUTURE_AUTH_SECRET ??= "0123456789abcdef0123456789abcdef-test-secret";
} else {
  delete process.env.DATABASE_URL;
  process.env.SUTURE_DATA_DIR = "memory://";
}
process.env.SENTRY_CLIENT_SECRET ??= "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
process.env.SUTURE_EXECUTOR_PORT = String(await freePort());

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}
