// jest.org.config.js: the conformance tests run against the org test:org names, never a local one.
process.env.STANCE_CONFORMANCE_TARGET = 'org';
