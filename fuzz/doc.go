// Package fuzz holds corsim's native Go fuzz targets: one per parser (URL → origin, serialized origin,
// each Access-Control-* grammar, MIME type, Range, max-age), one for the Public Suffix List look-up and
// one for the whole simulated fetch over arbitrary server answers.
//
// The targets run their seed corpora as ordinary tests under `go test ./...`. To fuzz one of them:
//
//	go test ./fuzz -run '^$' -fuzz '^FuzzParseOrigin$' -fuzztime 10m
//
// Inputs that once crashed a target are kept under testdata/fuzz/<Target>/ and replayed by every
// `go test` run.
package fuzz
