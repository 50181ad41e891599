package playground

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
)

// modulePath is corsim's module, whose ./playground/wasm is the engine's WebAssembly main.
const modulePath = "github.com/corsim/corsim"

// wasmPackage is the engine's main package.
const wasmPackage = modulePath + "/playground/wasm"

// ErrNoGo means Build found no Go toolchain: the engine is compiled from source when the
// playground starts, so that no binary lives in the repository.
var ErrNoGo = errors.New("corsim: playground: the page's WebAssembly engine is built with the Go toolchain, and go is not on PATH " +
	"(install Go from https://go.dev/dl, or serve a site written elsewhere with corsim serve --out DIR: corsim serve --from DIR)")

// Build writes the whole site into dir, creating it if needed: the page's assets, the engine
// compiled to WebAssembly by the Go toolchain on PATH (GOOS=js GOARCH=wasm), and that toolchain's
// wasm_exec.js. Any static web host can serve the result; Handler serves it as corsim serve does.
// The engine is built from the source this program was compiled from when that is still on disk
// (a checkout, go run, or the module cache after go install), else from the module at this
// program's version, which the go command downloads. The first build takes about 20 s on two
// cores; later ones come from Go's build cache in about a second.
func Build(ctx context.Context, dir string) error {
	gobin, err := exec.LookPath("go")
	if err != nil {
		return ErrNoGo
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("corsim: playground: %w", err)
	}
	if err := writeAssets(dir); err != nil {
		return fmt.Errorf("corsim: playground: writing the page: %w", err)
	}
	if err := copyWasmExec(ctx, gobin, dir); err != nil {
		return err
	}
	src, cleanup, err := source()
	if err != nil {
		return err
	}
	defer cleanup()
	out, err := filepath.Abs(filepath.Join(dir, WasmFile))
	if err != nil {
		return fmt.Errorf("corsim: playground: %w", err)
	}
	args := append([]string{"build", "-trimpath", "-ldflags=-s -w", "-o", out}, src.flags...)
	cmd := exec.CommandContext(ctx, gobin, append(args, wasmPackage)...)
	cmd.Dir = src.dir
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("corsim: playground: building the WebAssembly engine (go %s in %s): %v\n%s",
			strings.Join(append(args, wasmPackage), " "), src.dir, err, bytes.TrimSpace(b))
	}
	return nil
}

// copyWasmExec copies wasm_exec.js from the toolchain that builds the engine.
func copyWasmExec(ctx context.Context, gobin, dir string) error {
	b, err := exec.CommandContext(ctx, gobin, "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("corsim: playground: go env GOROOT: %v", err)
	}
	root := strings.TrimSpace(string(b))
	// Go 1.24 moved the file from misc/wasm to lib/wasm.
	for _, rel := range []string{"lib/wasm/wasm_exec.js", "misc/wasm/wasm_exec.js"} {
		js, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err == nil {
			return os.WriteFile(filepath.Join(dir, ExecFile), js, 0o644)
		}
	}
	return fmt.Errorf("corsim: playground: no wasm_exec.js in the Go toolchain at %s", root)
}

// buildSource is where to run go build for the engine.
type buildSource struct {
	dir   string
	flags []string
}

// source finds corsim's source for the engine: the module this file was compiled in, if it is
// still there, or a temporary module that requires corsim at this program's version.
func source() (buildSource, func(), error) {
	none := func() {}
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		root := filepath.Dir(filepath.Dir(file))
		if isCorsimModule(root) {
			return buildSource{dir: root}, none, nil
		}
	}
	version := ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Path == modulePath {
			version = bi.Main.Version
		}
		for _, d := range bi.Deps {
			if d.Path == modulePath {
				version = d.Version
			}
		}
	}
	if !released(version) {
		return buildSource{}, none, errors.New("corsim: playground: cannot find corsim's source to build the WebAssembly engine " +
			"(this binary was built with -trimpath from a checkout that is no longer there); run corsim serve from a " +
			"corsim checkout with go run ./cmd/corsim serve, or serve a site written by corsim serve --out DIR with --from DIR")
	}
	tmp, err := os.MkdirTemp("", "corsim-playground-src-")
	if err != nil {
		return buildSource{}, none, fmt.Errorf("corsim: playground: %w", err)
	}
	gomod := "module corsim-playground\n\ngo 1.26\n\nrequire " + modulePath + " " + version + "\n"
	if err := os.WriteFile(filepath.Join(tmp, "go.mod"), []byte(gomod), 0o644); err != nil {
		os.RemoveAll(tmp)
		return buildSource{}, none, fmt.Errorf("corsim: playground: %w", err)
	}
	// -mod=mod lets the go command fetch corsim and record its checksums in the temporary go.sum.
	return buildSource{dir: tmp, flags: []string{"-mod=mod"}}, func() { os.RemoveAll(tmp) }, nil
}

// isCorsimModule reports whether dir holds corsim's go.mod and the engine's main package.
func isCorsimModule(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return false
	}
	first, _, _ := strings.Cut(string(b), "\n")
	if strings.TrimSpace(first) != "module "+modulePath {
		return false
	}
	_, err = os.Stat(filepath.Join(dir, "playground", "wasm", "main.go"))
	return err == nil
}

// released reports whether v is a module version the go command can fetch: not "(devel)", and
// without the "+dirty" that marks a build from a modified checkout.
func released(v string) bool {
	return strings.HasPrefix(v, "v") && !strings.Contains(v, "+")
}
