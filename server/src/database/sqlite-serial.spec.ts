import { DataSource } from 'typeorm';
import { serialiseSqliteAccess } from './sqlite-serial';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('serialiseSqliteAccess', () => {
  let dataSource: DataSource;

  beforeEach(async () => {
    dataSource = await new DataSource({ type: 'better-sqlite3', database: ':memory:' }).initialize();
    serialiseSqliteAccess(dataSource);
    await dataSource.query('CREATE TABLE notes (n INTEGER NOT NULL)');
  });
  afterEach(async () => {
    await dataSource.destroy();
  });

  const notes = async () =>
    (await dataSource.query('SELECT n FROM notes ORDER BY n')).map((r: { n: number }) => r.n);

  it('keeps a committed transaction whole when another one overlapping it rolls back', async () => {
    const results = await Promise.allSettled([
      dataSource.transaction(async (em) => {
        await em.query('INSERT INTO notes VALUES (1)');
        await pause(30);
        await em.query('INSERT INTO notes VALUES (2)');
      }),
      dataSource.transaction(async (em) => {
        await pause(5);
        await em.query('INSERT INTO notes VALUES (3)');
        throw new Error('refused');
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(await notes()).toEqual([1, 2]);
  });

  it('does not let a statement outside a transaction land inside one that rolls back', async () => {
    const failing = dataSource.transaction(async (em) => {
      await em.query('INSERT INTO notes VALUES (1)');
      await pause(20);
      throw new Error('refused');
    });
    await pause(5);
    await dataSource.query('INSERT INTO notes VALUES (7)');
    await expect(failing).rejects.toThrow('refused');
    expect(await notes()).toEqual([7]);
  });

  it('runs a transaction nested inside another without waiting for itself', async () => {
    await dataSource.transaction(async (outer) => {
      await outer.query('INSERT INTO notes VALUES (1)');
      await outer.transaction(async (inner) => inner.query('INSERT INTO notes VALUES (2)'));
      await dataSource.query('INSERT INTO notes VALUES (3)');
    });
    expect(await notes()).toEqual([1, 2, 3]);
  });
});
