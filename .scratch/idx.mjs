import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
const mode = process.argv[2]; const hashed = process.argv[4] === 'hash'; const flushEvery = Number(process.argv[3] ?? 50);
const file = `/tmp/idx-${mode}.sqlite`; rmSync(file, { force: true }); rmSync(file + '-wal', { force: true });
const db = new Database(file); db.pragma('journal_mode = WAL'); db.pragma('synchronous = FULL');
db.exec(`CREATE TABLE recs (sequence INTEGER PRIMARY KEY, entry TEXT);
${hashed ? 'CREATE TABLE subj (h INTEGER NOT NULL, sequence INTEGER NOT NULL, PRIMARY KEY (h, sequence)) STRICT, WITHOUT ROWID;' : 'CREATE TABLE subj (subject TEXT NOT NULL, time TEXT NOT NULL, sequence INTEGER NOT NULL, provider TEXT NOT NULL, PRIMARY KEY (subject, time, sequence, provider)) STRICT, WITHOUT ROWID;'}`);
const ins = db.prepare('INSERT INTO recs (sequence, entry) VALUES (?, ?)');
const insS0 = db.prepare(hashed ? 'INSERT OR IGNORE INTO subj VALUES (?, ?)' : 'INSERT INTO subj VALUES (?, ?, ?, ?)'); const insS = { run: hashed ? (s, t, q, p) => insS0.run(createHash('sha256').update(s).digest().readBigInt64BE(0), q) : (...a) => insS0.run(...a) };
const ids = Array.from({ length: 10000 }, (_, i) => createHash('sha256').update(String(i)).digest('hex').slice(0, 18));
const codes = Array.from({ length: 2000 }, (_, i) => 'C' + createHash('sha256').update('c' + i).digest('hex').slice(0, 17));
let seq = 0; let pending = [];
const t0 = process.cpuUsage();
const RECORDS = 2000;
for (let b = 0; b < RECORDS / 4; b++) {
  const batch = [];
  for (let r = 0; r < 4; r++) {
    seq++; const time = new Date(1e12 + seq * 10).toISOString();
    const start = (seq * 37) % 1900;
    const rows = [];
    for (let k = 0; k < 100; k++) { rows.push([ids[(start * 5 + k * 7) % 10000], time, seq, 'public-security']); rows.push([codes[(start + k) % 2000], time, seq, 'market-regulation']); rows.push([codes[(start + k) % 2000], time, seq, 'tax']); }
    batch.push({ seq, rows });
  }
  db.transaction(() => { for (const r of batch) { ins.run(r.seq, 'x'.repeat(7000)); if (mode === 'sync') for (const row of r.rows) insS.run(...row); } })();
  if (mode === 'behind') { for (const r of batch) pending.push(...r.rows); if (seq % flushEvery === 0) { pending.sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0); db.transaction(() => { for (const row of pending) insS.run(...row); })(); pending = []; } }
}
const u = process.cpuUsage(t0);
console.log(mode, flushEvery, ((u.user + u.system) / 1000 / RECORDS).toFixed(3), 'ms CPU per record', (db.prepare('select count(*) c from subj').get().c));
