/**
 * Stands in for a command whose part of the product has not landed yet, and says so plainly
 * instead of failing with a missing-file error. Each use names the issue that brings it.
 */
const [command, issue, what] = process.argv.slice(2);
console.error(`npm run ${command}: ${what} has not landed yet (issue #${issue}). See "Status" in README.md.`);
process.exitCode = 1;
