// The clerk-activity report and a clerk's drill-down read each clerk's contacts of a period
// (`staff_id = ? AND at >= ? AND at < ?`): without an index led by (staff_id, at) every report
// scans all contacts ever made. EXPLAIN on MariaDB is in the issue 5 leftovers report; this holds
// the index itself in place on the driver the test runs on.
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('member_contacts: index on (staff_id, at)', () => {
  let club: TestApp;

  beforeAll(async () => {
    club = await startTestApp();
  });

  afterAll(async () => {
    await club?.close();
  });

  it('the migrated database has an index on exactly (staff_id, at), in that order', async () => {
    const runner = club.app.get(DataSource).createQueryRunner();
    try {
      const table = await runner.getTable('member_contacts');
      const byStaffAndTime = table?.indices.filter((index) => index.columnNames.join(',') === 'staff_id,at');
      expect(byStaffAndTime?.map((index) => index.name)).toEqual(['ix_member_contacts_staff_at']);
    } finally {
      await runner.release();
    }
  });
});
