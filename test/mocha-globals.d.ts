// Mocha's globals (describe, it, beforeEach, …) for tests run by web-test-runner.
// tsconfig.json has "types": [], so they are pulled in here, for test files only by intent.
/// <reference types="mocha" />
