/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  testTimeout: 60000,
  // CI has 2 cores: jest would run every suite in one process (maxWorkers 1 means in band) and the
  // 1,048,576-row and 100,000-row suites together pass the default 4 GB heap. Two workers, recycled when
  // they hold more than 1.5 GB after a suite, keep each process small.
  maxWorkers: 2,
  workerIdleMemoryLimit: '1.5GB',
};
