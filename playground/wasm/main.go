//go:build js && wasm

// Command wasm is corsim's engine for the playground page, built with GOOS=js GOARCH=wasm. It
// defines globalThis.corsim.run(line[, profile]): line is one scenario line (docs/scenario.md),
// profile one of spec, chromium, firefox, webkit, or absent for all four; the result is the JSON of
// a report.Report. Every verdict is computed in the page, with no request to a server.
package main

import (
	"syscall/js"

	"github.com/corsim/corsim/algorithm"
	"github.com/corsim/corsim/playground/report"
)

func main() {
	run := js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) == 0 || args[0].Type() != js.TypeString {
			return `{"error":"corsim: run(line[, profile]): line must be a string"}`
		}
		var profiles []algorithm.Profile
		if len(args) > 1 && args[1].Type() == js.TypeString && args[1].String() != "" {
			p, err := algorithm.ParseProfile(args[1].String())
			if err != nil {
				return `{"error":"corsim: run: unknown profile; want spec, chromium, firefox or webkit"}`
			}
			profiles = []algorithm.Profile{p}
		}
		return string(report.JSON([]byte(args[0].String()), profiles...))
	})
	js.Global().Set("corsim", js.ValueOf(map[string]any{"run": run}))
	// The page may have registered a callback before the engine started.
	if ready := js.Global().Get("corsimReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {} // keep the exported function alive
}
