// Package playground is corsim's teaching page: a learner edits a page origin, a fetch() call and
// the servers' answers (to the preflight and to the request) and sees, as they type, what the
// browser does under each profile — the numbered steps linked to the Fetch standard, every request
// sent, what script can read, the DevTools reason, each browser's console message, the fix, and a
// sequence diagram of the exchange. `corsim serve` serves it.
//
// The verdicts are computed in the page: the engine is compiled to WebAssembly (the main package
// ./wasm, GOOS=js GOARCH=wasm) and answers every keystroke with no request to a server. No binary is
// kept in the repository: Build compiles the engine with the local Go toolchain into the directory
// it writes, next to the page's assets (embedded here, under static/) and the toolchain's own
// wasm_exec.js, so that the JavaScript support always matches the compiler. That directory is a
// complete static site, which Handler serves and any web host can serve as well.
//
// A scenario lives in the page's address (#s= and the scenario line in base64url), so a link shares
// exactly what the learner sees; the same line can be copied into a scenario file for corsim run.
// The lessons the page offers are static/presets.json.
package playground
