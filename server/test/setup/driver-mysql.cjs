// Read by test-app.ts to choose the database of each test file.
process.env.TEST_DB_DRIVER = 'mysql';
