import path from 'node:path';

export const miniappDir = path.resolve(__dirname, '../..');
export const repoRoot = path.resolve(miniappDir, '..');
export const h5Dir = path.join(miniappDir, 'dist/h5');
export const serverDir = path.join(repoRoot, 'server');
export const screenshotDir = path.join(repoRoot, 'test-results/screenshots');
