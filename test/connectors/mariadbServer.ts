/**
 * The MariaDB the connector tests run against: 127.0.0.1:3306 as root without a password (or
 * GOVGRAPH_TEST_MARIADB_URL), each test in a database of its own. Without a reachable server the MariaDB tests
 * are skipped with the reason, except in CI (CI set), where that is an error: CI must run them (.ci/run starts it).
 */
import mysql from 'mysql2/promise';

export const TEST_MARIADB_URL = process.env.GOVGRAPH_TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306/test';

async function mariadbProblem(): Promise<string | null> {
  try {
    const connection = await mysql.createConnection({ uri: TEST_MARIADB_URL, connectTimeout: 3_000 });
    await connection.query('SELECT 1');
    await connection.end();
    return null;
  } catch (error) {
    return (error as Error).message || String(error);
  }
}

const unreachable = await mariadbProblem();
if (unreachable && process.env.CI) {
  throw new Error(
    `MariaDB is unreachable at ${new URL(TEST_MARIADB_URL).host} (${unreachable}); CI runs the connected-department tests against it. ` +
      'Start it (start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd) or set GOVGRAPH_TEST_MARIADB_URL.',
  );
}
if (unreachable) console.warn(`[connectors] MariaDB unreachable at ${new URL(TEST_MARIADB_URL).host} (${unreachable}): the MariaDB tests are SKIPPED.`);

export const mariadbAvailable = unreachable === null;

/** A root connection to the server (no database selected), for creating a test's database and users. */
export function adminConnection(): Promise<mysql.Connection> {
  const url = new URL(TEST_MARIADB_URL);
  return mysql.createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username) || 'root', password: decodeURIComponent(url.password), multipleStatements: false });
}
