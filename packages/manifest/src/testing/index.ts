export { packageDir, repoRoot, testdata } from './paths.js';
